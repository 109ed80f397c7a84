// A person at /docs registers, authorizes with Swagger UI's OAuth2 password dialog (username and
// password only) and calls protected operations, in a real Chromium, under the service's own CSP.
//   node docs-authorize.mjs http://localhost:8080
import { chromium } from 'playwright-core';
const base = process.argv[2] || 'http://localhost:18080';
const email = `browser-${Date.now()}@example.com`;
const password = 'correct horse battery staple';
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const consoleErrors = [];
page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
await page.goto(`${base}/docs`);
await page.waitForSelector('.opblock', { timeout: 15000 });

async function tryOut(opId, bodyText) {
  const block = page.locator(`[id$="-${opId}"]`).first();
  await block.locator('.opblock-summary').first().click();
  await block.locator('.try-out__btn').click();
  if (bodyText !== undefined) await block.locator('textarea.body-param__text').fill(bodyText);
  await block.locator('.execute').click();
  const status = block.locator('.live-responses-table .response .response-col_status').first();
  await status.waitFor({ timeout: 15000 });
  return { status: (await status.innerText()).trim(), body: await block.locator('.live-responses-table .microlight').first().innerText() };
}

const registered = await tryOut('register', JSON.stringify({ email, password }));
console.log('register', registered.status);

// The Authorize dialog asks for what the service's password flow takes, and nothing else:
// no client_id / client_secret / client-credentials location, no (empty) scope section.
await page.locator('.btn.authorize').first().click();
const dialog = page.locator('.dialog-ux .auth-container');
await dialog.locator('#oauth_username').waitFor({ timeout: 15000 });
const dialogText = await dialog.innerText();
const dialogShape = {
  inputs: await dialog.locator('input, select, textarea').evaluateAll(els => els.map(e => e.id)),
  clientFields: await dialog.locator('[id^="client_id"], [id^="client_secret"], #password_type').count(),
  scopeSections: await dialog.locator('.scope-def, .scopes').count(),
  mentionsClientOrScopes: /client_id|client_secret|client credentials|scopes/i.test(dialogText),
};
console.log('authorize dialog', JSON.stringify(dialogShape));
const dialogOk = JSON.stringify(dialogShape.inputs) === JSON.stringify(['oauth_username', 'oauth_password'])
  && dialogShape.clientFields === 0 && dialogShape.scopeSections === 0 && !dialogShape.mentionsClientOrScopes;

// The token request is the bare password form: no Basic header for a client that does not exist.
let tokenRequest = null;
page.on('request', r => { if (r.url().endsWith('/auth/token')) tokenRequest = { auth: r.headers()['authorization'] || null, body: r.postData() || '' }; });
await page.fill('#oauth_username', email);
await page.fill('#oauth_password', password);
await page.locator('.auth-btn-wrapper .modal-btn.authorize').click();
await dialog.locator('h6', { hasText: 'Authorized' }).or(dialog.locator('.errors')).first().waitFor({ timeout: 15000 });
const authError = await dialog.locator('.errors').count();
const authorizedShown = await dialog.locator('h6', { hasText: 'Authorized' }).count();
const tokenForm = new URLSearchParams(tokenRequest ? tokenRequest.body : '');
const tokenRequestOk = tokenRequest !== null && tokenRequest.auth === null && tokenForm.get('grant_type') === 'password'
  && tokenForm.get('username') === email && !tokenForm.has('client_id') && !tokenForm.has('client_secret');
// persistAuthorization keeps the token in localStorage; the password must not be kept with it.
const persisted = await page.evaluate(() => localStorage.getItem('authorized') || '');
const persistedOk = persisted.includes('access_token') && !persisted.includes(password);
console.log('authorize errors', authError, 'authorized', authorizedShown,
  'token request', tokenRequestOk ? 'password form only' : JSON.stringify(tokenRequest), 'password persisted', !persistedOk);
await page.locator('.btn-done').first().click();

const me = await tryOut('getCurrentUser');
console.log('users/me', me.status, me.body.includes(email) ? 'has email' : me.body);
const created = await tryOut('createProduct', JSON.stringify({ name: 'From the browser', price_cents: 990 }));
console.log('createProduct', created.status);
const exported = await tryOut('createExport', JSON.stringify({ scope: 'own' }));
console.log('createExport', exported.status);
console.log('console errors', consoleErrors);
await browser.close();
const ok = registered.status === '201' && me.status.startsWith('200') && me.body.includes(email)
  && created.status === '201' && exported.status === '202' && authError === 0 && authorizedShown === 1
  && dialogOk && tokenRequestOk && persistedOk && consoleErrors.length === 0;
console.log(ok ? 'docs flow: OK' : 'docs flow: FAILED');
process.exit(ok ? 0 : 1);
