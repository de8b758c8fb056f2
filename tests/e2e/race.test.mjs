// A user who clicks on too soon: Log in, then a side link 0, 100 or 300 ms later, while the
// cloud is still answering (every answer slowed by 400 ms, as on a busy cloud). Before the fix
// the release build panicked ("reactive value that has already been disposed") and the page no
// longer answered. Each case asserts no panic, no console error, and a page that still answers.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { artifacts, baseUrl, launch, watchErrors } from './browser.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}').openstack;
const SLOW_MS = 400;
const DELAYS_MS = [0, 100, 300];
// Each page's side link, by where it leads (Instances, Volumes and Snapshots are also EC2's).
const PAGES = ['compute/instances', 'compute/images', 'volumes/volumes', 'volumes/snapshots', 'volumes/backups'];

let browser;

before(async () => {
  assert.ok(logins, 'NUBO_LOGINS must hold the local cloud logins (cargo xtask test sets it)');
  mkdirSync(artifacts, { recursive: true });
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

for (const delay of DELAYS_MS) {
  test(`a side link clicked ${delay} ms after Log in, on every page: no panic, and the page answers`, async () => {
    for (const target of PAGES) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.route('**/proxy/**', async (route) => {
        await sleep(SLOW_MS);
        await route.continue().catch(() => {});
      });
      try {
        await page.goto(`${baseUrl}/local/-/-/compute/images`);
        await page.getByRole('textbox', { name: 'User name' }).fill(logins.demo.username);
        await page.getByRole('textbox', { name: 'Password' }).fill(logins.demo.password);
        await page.getByRole('textbox', { name: 'Project' }).fill(logins.demo.project);
        await page.getByRole('button', { name: 'Log in' }).click();
        await sleep(delay);
        await page.locator(`nav.side-nav a[href$="/${target}"]`).click();
        // The session opens and the page shows a panel: the clicked one, or the one Log in led to.
        await page.locator('nav.side-nav a[href^="/local/demo/"]').first().waitFor({ timeout: 30_000 });
        await page.locator('main .toolbar').first().waitFor({ timeout: 30_000 });
        // Still answering: another page opens by its link.
        const other = target === 'volumes/backups' ? 'volumes/volumes' : 'volumes/backups';
        await page.locator(`nav.side-nav a[href$="/${other}"]`).click();
        await page.waitForURL(new RegExp(`/local/demo/[^/]+/${other}$`), { timeout: 30_000 });
        await page.locator('main .toolbar').first().waitFor({ timeout: 30_000 });
        assert.equal(await page.locator('.crash').count(), 0, `${target}: the panic banner is shown`);
        assert.deepEqual(errors, [], `${target} at ${delay} ms`);
      } catch (error) {
        await page.screenshot({ path: `${artifacts}/race-${delay}-${target.replace('/', '-')}.png` });
        throw error;
      } finally {
        await context.close();
      }
    }
  });
}
