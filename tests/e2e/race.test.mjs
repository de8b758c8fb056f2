// A user who clicks on too soon: Log in, then a side link 0, 100 or 300 ms later, while the
// cloud is still answering (every answer slowed by 400 ms, as on a busy cloud). Before the fix
// the release build panicked ("reactive value that has already been disposed") and the page no
// longer answered. Each case, on both clouds, asserts no panic, no console error, and a page that
// still answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { artifacts, baseUrl, launch, localClouds, provokedOnEc2, watchErrors } from './browser.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}');
const SLOW_MS = 400;
const DELAYS_MS = [0, 100, 300];
const CLOUDS = localClouds(logins);
let browser;

before(async () => {
  assert.ok(logins.openstack && logins.ec2, 'NUBO_LOGINS must hold the local cloud logins (cargo xtask test sets it)');
  mkdirSync(artifacts, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

for (const cloud of CLOUDS) {
  for (const delay of DELAYS_MS) {
    test(`${cloud.name}: a side link clicked ${delay} ms after Log in, on every page: no panic, and the page answers`, async () => {
      for (const target of cloud.pages) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
        const page = await context.newPage();
        const errors = watchErrors(page);
        await page.route('**/proxy/**', async (route) => {
          await sleep(SLOW_MS);
          await route.continue().catch(() => {});
        });
        try {
          await page.goto(`${baseUrl}/${cloud.name}/-/-/${cloud.pages[1]}`);
          await cloud.logIn(page);
          await sleep(delay);
          await page.locator(`nav.side-nav a[href$="/${target}"]`).click();
          // The session opens and the page shows a panel: the clicked one, or the one Log in led to.
          await page.locator(`nav.side-nav a[href^="/${cloud.name}/"]:not([href*="/-/"])`).first().waitFor({ timeout: 30_000 });
          await page.locator('main .toolbar, main .panel').first().waitFor({ timeout: 30_000 });
          // Still answering: another page opens by its link.
          const other = target === cloud.pages[2] ? cloud.pages[3] : cloud.pages[2];
          await page.locator(`nav.side-nav a[href$="/${other}"]`).click();
          await page.waitForURL(new RegExp(`/${cloud.name}/[^/]+/[^/]+/${other}$`), { timeout: 30_000 });
          await page.locator('main .toolbar').first().waitFor({ timeout: 30_000 });
          assert.equal(await page.locator('.crash').count(), 0, `${target}: the panic banner is shown`);
          assert.deepEqual(errors.filter((e) => !provokedOnEc2(e)), [], `${target} at ${delay} ms`);
        } catch (error) {
          await page.screenshot({ path: `${artifacts}/race-${cloud.name}-${delay}-${target.replace('/', '-')}.png` });
          throw error;
        } finally {
          await context.close();
        }
      }
    });
  }
}
