// axe-core (npm, pinned in package.json) on every page, every dialog a row or a toolbar opens,
// both login forms and the list of clouds: WCAG 2.1 A and AA, in the light and the dark scheme.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { artifacts, baseUrl, launch, localClouds, provokedOnEc2, watchErrors } from './browser.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}');
// Evaluated through the DevTools protocol: nubo's CSP (rightly) refuses an injected <script>.
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
// Plus one best-practice rule that was found on EC2's tables: a header cell with no text.
const RULES = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  rules: { 'empty-table-header': { enabled: true } },
};

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

// Every violation, one line each: the rule, how bad, what it says and where.
async function violations(page, what) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate((rules) => window.axe.run(document, rules).then((r) => r.violations), RULES);
  return found.flatMap((v) => v.nodes.map((n) => `${what}: ${v.id} (${v.impact}) ${v.help}: ${n.target.join(' ')}`));
}

// The first row's actions, each opened and closed (never confirmed), then the toolbar's own.
async function dialogs(page, panel) {
  const found = [];
  const row = page.locator('main tbody tr').first();
  const labels = [];
  if (await row.isVisible()) {
    for (const button of await row.locator('button.row-action:not([disabled])').all()) labels.push((await button.textContent()).trim());
  }
  const tools = [];
  for (const button of await page.locator('main .toolbar button:not([disabled])').all()) {
    const label = (await button.textContent()).trim();
    if (label !== 'Refresh') tools.push(label);
  }
  const open = async (button, label) => {
    if (!(await button.isVisible())) await row.locator('.more-actions summary').click();
    const before = page.url();
    await button.click();
    const dialog = page.locator('dialog[open]');
    // Not every action is a dialog (a filter row, a panel of its own): checked where it leads.
    if (!(await dialog.waitFor({ timeout: 5000 }).then(() => true, () => false))) {
      found.push(...(await violations(page, `${panel} → ${label} (no dialog)`)));
      if (page.url() !== before) await page.goBack();
      return;
    }
    // The dialog's own content (a list it loads, the command line) is in by now or never.
    await page.waitForTimeout(500);
    found.push(...(await violations(page, `${panel} → ${label}`)));
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => dialog.waitFor({ state: 'hidden' }));
  };
  for (const label of labels) await open(row.locator('button.row-action', { hasText: label }).first(), label);
  for (const label of tools) await open(page.locator('main .toolbar button', { hasText: label }).first(), label);
  return [labels.length + tools.length, found];
}

for (const scheme of ['light', 'dark']) {
  test(`axe-core, WCAG 2.1 A/AA, ${scheme}: every page, dialog and login form`, async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    const errors = watchErrors(page);
    const found = [];
    let checked = 0;
    let opened = 0;
    try {
      await page.goto(`${baseUrl}/`);
      await page.locator('table.clouds tbody tr').first().waitFor();
      found.push(...(await violations(page, 'home')));
      checked += 1;
      for (const cloud of CLOUDS) {
        await page.goto(`${baseUrl}/${cloud.name}/-/-/${cloud.pages[0]}`);
        await page.locator('main form').first().waitFor();
        found.push(...(await violations(page, `${cloud.name} login`)));
        checked += 1;
        await cloud.logIn(page);
        await page.locator(`nav.side-nav a[href^="/${cloud.name}/"]:not([href*="/-/"])`).first().waitFor({ timeout: 30_000 });
        for (const panel of cloud.pages) {
          await page.locator(`nav.side-nav a[href$="/${panel}"]`).click();
          await page.locator('main .toolbar').first().waitFor({ timeout: 30_000 });
          await page.locator('main [aria-busy=true]').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
          await page.waitForTimeout(300);
          found.push(...(await violations(page, panel)));
          checked += 1;
          const [count, inDialogs] = await dialogs(page, panel);
          opened += count;
          found.push(...inDialogs);
          // The first row's link: its name (OpenStack) or its id (EC2).
          const detail = page.locator('main tbody tr').first().locator('a').first();
          if (await detail.isVisible()) {
            await detail.click();
            await page.getByRole('region', { name: 'Details' }).waitFor({ timeout: 30_000 });
            found.push(...(await violations(page, `${panel} detail`)));
            checked += 1;
            await page.goBack();
          }
        }
      }
      console.log(`axe-core ${scheme}: ${checked} pages and forms, ${opened} dialogs, ${found.length} violations`);
      assert.deepEqual(found, [], `${scheme}: axe-core's WCAG 2.1 A/AA violations`);
      assert.deepEqual(errors.filter((e) => !provokedOnEc2(e)), []);
    } catch (error) {
      await page.screenshot({ path: `${artifacts}/a11y-${scheme}.png` });
      throw error;
    } finally {
      await context.close();
    }
  });
}
