// Each OpenStack page's first visit after Log in, on the local cloud: the time from the click on
// its side link to its first painted row, and its calls with their durations (Chromium's
// resource timing). Prints figures; no threshold. Run by `cargo xtask bench first-visit`.
import { chromium } from 'playwright-core';

const base = process.env.NUBO_URL;
const logins = JSON.parse(process.env.NUBO_LOGINS).openstack;
const PAGES = ['volumes/volumes', 'compute/instances', 'compute/images', 'volumes/snapshots', 'volumes/backups'];
const ROUNDS = Number(process.env.NUBO_ROUNDS ?? 3);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const results = Object.fromEntries(PAGES.map((p) => [p, []]));
for (let round = 0; round < ROUNDS; round += 1) {
  for (const target of PAGES) {
    // A fresh tab and a fresh token each time: the page is the first one this session opens.
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let inFlight = 0;
    page.on('request', () => { inFlight += 1; });
    page.on('requestfinished', () => { inFlight -= 1; });
    page.on('requestfailed', () => { inFlight -= 1; });
    // No request in flight for 300 ms. (Playwright's "networkidle" is the document's, long past
    // in a single-page app.)
    const idle = async () => {
      for (let quiet = 0; quiet < 300; quiet = inFlight === 0 ? quiet + 50 : 0) {
        await new Promise((resolve) => { setTimeout(resolve, 50); });
      }
    };
    await page.goto(`${base}/local/-/-/compute/images`);
    await page.locator('input[name=user]').fill(logins.demo.username);
    await page.locator('input[name=password]').fill(logins.demo.password);
    await page.locator('input[name=project]').fill(logins.demo.project);
    await page.locator('main form button[type=submit]').click();
    await page.locator('nav.side-nav a[href^="/local/demo/"]').first().waitFor({ timeout: 30_000 });
    await page.locator('main tbody tr').first().waitFor({ timeout: 30_000 });
    // What Log in started (the landing page, the version documents) is done: only the clicked
    // page's own calls are timed.
    await idle();
    await page.evaluate(() => performance.clearResourceTimings());
    const started = await page.evaluate(() => performance.now());
    await page.locator(`nav.side-nav a[href$="/${target}"]`).click();
    await page.waitForURL(new RegExp(`/${target}$`));
    await page.locator('main tbody tr').first().waitFor({ timeout: 30_000 });
    const painted = await page.evaluate(() => performance.now());
    // Calls still running after the rows (names from another service) end before the next
    // round, so they do not queue ahead of its calls in the cloud's API workers.
    await idle();
    const calls = await page.evaluate(() =>
      performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('/proxy/') && e.startTime >= 0)
        .map((e) => ({ url: e.name.replace(/^.*\/proxy\/http:\/\/127\.0\.0\.1:/, ':'), start: e.startTime, took: e.duration })));
    results[target].push({ ms: painted - started, calls: calls.map((c) => `${c.url.split('?')[0]} +${Math.round(c.start - started)} ${Math.round(c.took)} ms`) });
    await page.close();
  }
}
await browser.close();
for (const [target, runs] of Object.entries(results)) {
  const times = runs.map((r) => Math.round(r.ms)).sort((a, b) => a - b);
  console.log(`${target.padEnd(20)} click → first row: ${times.join(', ')} ms (median ${times[Math.floor(times.length / 2)]})`);
  for (const call of runs.at(-1).calls) console.log(`${''.padEnd(22)}${call}`);
}
