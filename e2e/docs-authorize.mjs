// A person at /docs registers, authorizes with Swagger UI's OAuth2 password dialog and calls
// protected operations, in a real Chromium, under the service's own CSP.
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

await page.locator('.btn.authorize').first().click();
await page.fill('#oauth_username', email);
await page.fill('#oauth_password', password);
await page.locator('.auth-btn-wrapper .modal-btn.authorize').click();
await page.waitForSelector('.auth-btn-wrapper .modal-btn.logout, .btn-done', { timeout: 15000 });
const authError = await page.locator('.auth-container .errors').count();
console.log('authorize errors', authError);
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
  && created.status === '201' && exported.status === '202' && authError === 0 && consoleErrors.length === 0;
console.log(ok ? 'docs flow: OK' : 'docs flow: FAILED');
process.exit(ok ? 0 : 1);
