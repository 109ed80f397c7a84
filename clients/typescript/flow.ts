// The generated typescript-fetch client against the running service, one behaviour per step:
// register → token → create/get/list/patch (If-Match from the ETag) → conditional GET (304) →
// idempotent replay → delete → refresh → logout → admin list → export → poll the job → download.
//
// Run by TypeScriptClientFlowIT (mvn verify), which starts the jar and sets:
//   PRODUCTS_BASE_URL       e.g. http://127.0.0.1:20123
//   PRODUCTS_ADMIN_EMAIL    the admin the service was started with (ADMIN_EMAIL)
//   PRODUCTS_ADMIN_PASSWORD (ADMIN_PASSWORD)
// Every API call goes through the generated client. Exit code 0 only when every step passed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  AuthApi,
  Configuration,
  ExportRequestScopeEnum,
  ExportsApi,
  IssueTokenGrantTypeEnum,
  JobStateEnum,
  JobsApi,
  Product,
  ProductsApi,
  ResponseError,
  TokenResponse,
  TokenResponseTokenTypeEnum,
  UserRoleEnum,
  UsersApi,
} from '../../target/generated-clients/typescript';

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
}

const baseUrl = env('PRODUCTS_BASE_URL');
const adminEmail = env('PRODUCTS_ADMIN_EMAIL');
const adminPassword = env('PRODUCTS_ADMIN_PASSWORD');

// The generated client puts whatever accessToken returns into the Authorization header as it is
// (for an OAuth2 scheme it adds no "Bearer " itself), so the scheme is part of the value here.
function configuration(accessToken?: () => string): Configuration {
  return new Configuration({
    basePath: baseUrl,
    accessToken: accessToken === undefined ? undefined : async () => `Bearer ${accessToken()}`,
  });
}

let steps = 0;
async function step(name: string, body: () => Promise<void>): Promise<void> {
  steps++;
  try {
    await body();
    console.log(`ok ${steps} - ${name}`);
  } catch (error) {
    console.log(`not ok ${steps} - ${name}`);
    throw error;
  }
}

/** The generated client's error for a non-2xx answer (304 included): its status is asserted. */
async function failure(call: Promise<unknown>): Promise<Response> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof ResponseError, `expected a ResponseError, got ${String(error)}`);
    return error.response;
  }
  assert.fail('expected the call to fail');
}

async function problem(response: Response, status: number): Promise<void> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  const body = (await response.json()) as { status: number; request_id: string };
  assert.equal(body.status, status);
  assert.equal(body.request_id, response.headers.get('x-request-id'));
}

async function main(): Promise<void> {
  const anonymous = configuration();
  const auth = new AuthApi(anonymous);

  let userToken = '';
  const user = configuration(() => userToken);
  const products = new ProductsApi(user);
  const users = new UsersApi(user);
  const userAuth = new AuthApi(user);

  let adminToken = '';
  const admin = configuration(() => adminToken);

  const email = `ts-flow-${randomUUID()}@example.com`;
  const password = 'ts-flow-password-1';
  let userId = 0;
  let tokens: TokenResponse | undefined;
  let product: Product | undefined;
  let etag = '';

  await step('register: 201 and the new account', async () => {
    const response = await auth.registerRaw({ registration: { email, password } });
    assert.equal(response.raw.status, 201);
    const account = await response.value();
    assert.equal(account.email, email);
    assert.equal(account.role, UserRoleEnum.User);
    assert.equal(account.disabled, false);
    assert.ok(account.id > 0);
    userId = account.id;
  });

  await step('token: the password grant answers a bearer access token and a refresh token', async () => {
    const response = await auth.issueTokenRaw({ grantType: IssueTokenGrantTypeEnum.Password, username: email, password });
    assert.equal(response.raw.status, 200);
    assert.equal(response.raw.headers.get('cache-control'), 'no-store');
    tokens = await response.value();
    assert.equal(tokens.tokenType, TokenResponseTokenTypeEnum.Bearer);
    assert.ok(tokens.accessToken.length > 0);
    assert.ok(tokens.refreshToken.length > 0);
    assert.ok(tokens.expiresIn > 0);
    userToken = tokens.accessToken;
    assert.equal((await users.getCurrentUser()).id, userId);
  });

  await step('create: 201, Location, ETag "1" and the product owned by the user', async () => {
    const response = await products.createProductRaw({
      productCreate: { name: 'Espresso cup, ts flow', description: 'Porcelain, 90 ml.', priceCents: 1250, stock: 40 },
    });
    assert.equal(response.raw.status, 201);
    product = await response.value();
    assert.equal(product.name, 'Espresso cup, ts flow');
    assert.equal(product.description, 'Porcelain, 90 ml.');
    assert.equal(product.priceCents, 1250);
    assert.equal(product.stock, 40);
    assert.equal(product.ownerId, userId);
    assert.equal(product.version, 1);
    assert.equal(response.raw.headers.get('location'), `/products/${product.id}`);
    assert.equal(response.raw.headers.get('etag'), '"1"');
    assert.equal(response.raw.headers.get('idempotent-replayed'), null);
  });
  const created = product!;

  await step('get: 200, the same product and its ETag', async () => {
    const response = await products.getProductRaw({ id: created.id });
    assert.equal(response.raw.status, 200);
    assert.deepEqual(await response.value(), created);
    etag = response.raw.headers.get('etag') ?? '';
    assert.equal(etag, '"1"');
  });

  await step('list: the product is on the first page, newest first', async () => {
    const page = await products.listProducts({ limit: 100, offset: 0 });
    assert.equal(page.limit, 100);
    assert.equal(page.offset, 0);
    assert.ok(page.total >= 1);
    assert.deepEqual(page.items[0], created);
  });

  await step('patch with If-Match from the ETag: 200, version 2, new ETag, description cleared', async () => {
    const response = await products.updateProductRaw({
      id: created.id,
      ifMatch: etag,
      productUpdate: { priceCents: 990, description: null },
    });
    assert.equal(response.raw.status, 200);
    const updated = await response.value();
    assert.equal(updated.priceCents, 990);
    assert.equal(updated.description, null);
    assert.equal(updated.name, created.name);
    assert.equal(updated.stock, created.stock);
    assert.equal(updated.version, 2);
    assert.equal(response.raw.headers.get('etag'), '"2"');
    etag = '"2"';
    product = updated;
  });

  await step('patch with the stale ETag: 412 problem, nothing written', async () => {
    const response = await failure(products.updateProduct({ id: created.id, ifMatch: '"1"', productUpdate: { stock: 1 } }));
    await problem(response, 412);
    assert.equal((await products.getProduct({ id: created.id })).stock, 40);
  });

  await step('conditional GET with If-None-Match: the client raises its ResponseError with 304 and the ETag', async () => {
    // The generated client treats every non-2xx answer as an error, 304 included.
    const response = await failure(products.getProduct({ id: created.id, ifNoneMatch: etag }));
    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), '"2"');
    assert.equal(await response.text(), '');
  });

  let replayed: Product | undefined;
  let replayedEtag = '';
  await step('idempotent replay: the same Idempotency-Key twice, the second answer is the first one replayed', async () => {
    const idempotencyKey = randomUUID();
    const body = { name: 'Saucer, ts flow', priceCents: 300, stock: 5 };
    const first = await products.createProductRaw({ productCreate: body, idempotencyKey });
    assert.equal(first.raw.status, 201);
    assert.equal(first.raw.headers.get('idempotent-replayed'), null);
    const original = await first.value();
    replayedEtag = first.raw.headers.get('etag') ?? '';
    const second = await products.createProductRaw({ productCreate: body, idempotencyKey });
    assert.equal(second.raw.status, 201);
    assert.equal(second.raw.headers.get('idempotent-replayed'), 'true');
    assert.equal(second.raw.headers.get('location'), `/products/${original.id}`);
    replayed = await second.value();
    assert.deepEqual(replayed, original);
    const page = await products.listProducts({ limit: 100 });
    assert.equal(page.items.filter((item) => item.name === body.name).length, 1);
  });

  await step('delete with If-Match: 204, then the product is 404', async () => {
    assert.equal(replayedEtag, '"1"');
    const response = await products.deleteProductRaw({ id: replayed!.id, ifMatch: replayedEtag });
    assert.equal(response.raw.status, 204);
    await problem(await failure(products.getProduct({ id: replayed!.id })), 404);
  });

  let refreshed: TokenResponse | undefined;
  await step('refresh: new tokens, a rotated refresh token, and the new access token works', async () => {
    refreshed = await auth.refreshToken({ refreshRequest: { refreshToken: tokens!.refreshToken } });
    assert.equal(refreshed.tokenType, TokenResponseTokenTypeEnum.Bearer);
    assert.notEqual(refreshed.refreshToken, tokens!.refreshToken);
    userToken = refreshed.accessToken;
    assert.equal((await users.getCurrentUser()).email, email);
  });

  await step('logout: 204, then the access token is refused (401) and the refresh token too', async () => {
    const response = await userAuth.logoutRaw({ logoutRequest: { refreshToken: refreshed!.refreshToken } });
    assert.equal(response.raw.status, 204);
    const refused = await failure(users.getCurrentUser());
    assert.match(refused.headers.get('www-authenticate') ?? '', /^Bearer/);
    await problem(refused, 401);
    await problem(await failure(auth.refreshToken({ refreshRequest: { refreshToken: refreshed!.refreshToken } })), 401);
  });

  await step('admin list: GET /users as admin shows the new user', async () => {
    adminToken = (await auth.issueToken({ grantType: IssueTokenGrantTypeEnum.Password, username: adminEmail, password: adminPassword })).accessToken;
    const page = await new UsersApi(admin).listUsers({ limit: 100 });
    const listed = page.items.find((item) => item.id === userId);
    assert.ok(listed, 'the registered user is listed');
    assert.equal(listed.email, email);
    assert.equal(listed.role, UserRoleEnum.User);
    assert.equal(page.items.find((item) => item.email === adminEmail)?.role, UserRoleEnum.Admin);
  });

  let jobId = 0;
  await step('export: 202, Location names the job', async () => {
    const response = await new ExportsApi(admin).createExportRaw({ exportRequest: { scope: ExportRequestScopeEnum.All } });
    assert.equal(response.raw.status, 202);
    const job = await response.value();
    assert.equal(job.kind, 'product-export');
    assert.ok(job.state === JobStateEnum.Queued || job.state === JobStateEnum.Running, `state ${job.state}`);
    assert.equal(response.raw.headers.get('location'), `/jobs/${job.id}`);
    assert.equal(job.links.self, `/jobs/${job.id}`);
    jobId = job.id;
  });

  await step('poll the job until it has succeeded: one row written, download link', async () => {
    const jobs = new JobsApi(admin);
    const deadline = Date.now() + 60_000;
    let job = await jobs.getJob({ id: jobId });
    while (job.state !== JobStateEnum.Succeeded) {
      assert.ok(job.state !== JobStateEnum.Dead, `export died: ${job.lastError}`);
      assert.ok(Date.now() < deadline, `export still ${job.state} after 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      job = await jobs.getJob({ id: jobId });
    }
    assert.equal(job.links.download, `/exports/${jobId}`);
    assert.equal(job.result?.['rows'], 1);
  });

  await step('download: the CSV holds the header and exactly the remaining, patched product', async () => {
    const response = await new ExportsApi(admin).downloadExportRaw({ id: jobId });
    assert.equal(response.raw.status, 200);
    assert.match(response.raw.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(response.raw.headers.get('content-disposition'), `attachment; filename="products-export-${jobId}.csv"`);
    const csv = await (await response.value()).text();
    const patched = product!;
    const lines = csv.split('\r\n');
    assert.deepEqual(lines.slice(0, 1), ['id,name,description,price_cents,stock,category_id,owner_id,version,created_at,updated_at']);
    assert.equal(lines.length, 3, csv);
    assert.equal(lines[2], '');
    // text is quoted; the cleared description and the absent category are empty fields
    const row = lines[1].match(/^(\d+),"Espresso cup, ts flow",,(\d+),(\d+),,(\d+),(\d+),([^,]+),([^,]+)$/);
    assert.ok(row, `unexpected row: ${lines[1]}`);
    assert.deepEqual(row.slice(1, 6).map(Number), [patched.id, 990, 40, userId, 2]);
    assert.equal(new Date(row[6]).getTime(), patched.createdAt.getTime());
    assert.equal(new Date(row[7]).getTime(), patched.updatedAt.getTime());
  });

  console.log(`flow: all ${steps} steps passed`);
}

main().catch((error: unknown) => {
  console.error(error);
  console.log(`flow: step ${steps} failed`);
  process.exit(1);
});
