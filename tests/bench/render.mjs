// `cargo xtask bench render`: how the Instances page copes with many servers, in headless
// Chromium. A local upstream (this script, on 127.0.0.1) plays Keystone, Nova and Glance with
// answers built from the projects' own API samples; nubo's proxy and the release app sit in
// front of it exactly as in production. Prints figures; asserts no threshold.
//
// For N = 10, 1,000 and 5,000 servers it reports the API calls the page makes when it opens
// (100 per page) and with "All" (Nova's pages of 1,000, followed by marker), and the time from
// the arrival of the last list answer to the first frame painted with every row.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { launch } from '../e2e/browser.mjs';
import { playedToken } from './keystone.mjs';

const baseUrl = process.env.NUBO_URL;
const port = Number(process.env.NUBO_UPSTREAM_PORT);
const runs = Number(process.env.NUBO_BENCH_RUNS ?? 5);
const sizes = (process.env.NUBO_BENCH_SIZES ?? '10,1000,5000').split(',').map(Number);
if (!baseUrl || !port) throw new Error('NUBO_URL and NUBO_UPSTREAM_PORT are set by `cargo xtask bench render`');

const origin = `http://127.0.0.1:${port}`;
const sample = (file) => JSON.parse(readFileSync(new URL(`./samples/${file}`, import.meta.url), 'utf8'));
const serverSample = sample('nova-servers-details-v2.96.json').servers[0];
const novaVersion = sample('nova-v2.1-version.json');
const tokenSample = sample('keystone-token-project-scoped.json');

// --- the upstream -------------------------------------------------------------------------

let servers = [];

function makeServers(count) {
  const start = Date.parse('2026-01-01T00:00:00Z');
  return Array.from({ length: count }, (_, i) => {
    const hex = i.toString(16).padStart(12, '0');
    return {
      ...structuredClone(serverSample),
      id: `00000000-0000-4000-8000-${hex}`,
      name: `bench-${String(i).padStart(5, '0')}`,
      created: new Date(start - i * 60_000).toISOString().replace('.000Z', 'Z'),
      updated: new Date(start - i * 60_000).toISOString().replace('.000Z', 'Z'),
      status: i % 7 === 3 ? 'SHUTOFF' : 'ACTIVE',
      'OS-EXT-STS:vm_state': i % 7 === 3 ? 'stopped' : 'active',
      addresses: {
        private: [{ ...serverSample.addresses.private[0], addr: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
      },
    };
  });
}

const calls = new Map();
const count = (kind) => calls.set(kind, (calls.get(kind) ?? 0) + 1);

const token = () => playedToken(tokenSample, [
  ['identity', 'keystone', `${origin}/identity/v3`],
  ['compute', 'nova', `${origin}/compute/v2.1`],
  ['image', 'glance', `${origin}/image`],
]);

// Nova's paging: `limit` rows after `marker`, and a `next` link whenever a page is full.
function serversPage(url) {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), 1000);
  const marker = url.searchParams.get('marker');
  const from = marker ? servers.findIndex((s) => s.id === marker) + 1 : 0;
  const items = servers.slice(from, from + limit);
  const links = items.length === limit
    ? [{ rel: 'next', href: `${origin}/compute/v2.1/servers/detail?limit=${limit}&marker=${items.at(-1).id}` }]
    : [];
  return { servers: items, servers_links: links };
}

const upstream = http.createServer((request, response) => {
  const url = new URL(request.url, origin);
  const answer = (status, body, headers = {}) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(text);
  };
  request.resume();
  if (request.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') {
    count('keystone');
    return answer(201, token(), { 'x-subject-token': 'bench-token' });
  }
  if (url.pathname === '/identity/v3/auth/projects') {
    count('keystone');
    return answer(200, { projects: [{ ...tokenSample.token.project, domain_id: 'default', enabled: true }] });
  }
  if (url.pathname === '/compute/v2.1/servers/detail') {
    count('nova servers');
    return answer(200, serversPage(url));
  }
  if (url.pathname === '/compute/v2.1/' || url.pathname === '/compute/v2.1') {
    count('nova version');
    return answer(200, novaVersion);
  }
  if (url.pathname === '/image/v2/images') {
    count('glance images');
    return answer(200, { images: [], first: '/v2/images', schema: '/v2/schemas/images' });
  }
  count('other');
  return answer(404, { itemNotFound: { code: 404, message: `bench upstream has no ${url.pathname}` } });
});

// --- the browser --------------------------------------------------------------------------

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => ms.toFixed(1).padStart(8);

async function openedCalls(page, n) {
  // Away and back through the side navigation: the page opens afresh, the session stays.
  await page.locator('nav.side-nav a[href$="/compute/images"]').click();
  await page.locator('table.images, .panel').first().waitFor();
  calls.clear();
  await page.locator('nav.side-nav a[href$="/compute/instances"]').click();
  await page.locator('.pager .count').filter({ hasText: `${Math.min(n, 100)} ` }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(500);
  return new Map(calls);
}

// Shows every server and times the last list answer's arrival to the painted frame.
async function timeAll(page, n) {
  const perPage = page.getByRole('combobox', { name: 'Per page' });
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/servers/detail')),
    perPage.selectOption('20'),
  ]);
  await page.waitForTimeout(100);
  await page.locator('.pager .count').filter({ hasText: `${Math.min(n, 20)} ` }).waitFor({ timeout: 60_000 });
  await page.evaluate((expected) => {
    performance.clearResourceTimings();
    window.nuboPainted = new Promise((resolve) => {
      const done = () => {
        const shown = document.querySelector('.pager .count')?.textContent ?? '';
        const answered = performance.getEntriesByType('resource').some((e) => e.name.includes('/servers/detail'));
        if (!answered || !shown.startsWith(`${expected} `)) return false;
        // The callback of the next frame runs before it is painted; a task queued from it runs
        // after the paint.
        requestAnimationFrame(() => setTimeout(() => resolve({
          painted: performance.now(),
          rows: document.querySelectorAll('table.instances tbody tr[data-id]').length,
          rowHeight: document.querySelector('table.instances tbody tr[data-id]')?.getBoundingClientRect().height,
        })));
        return true;
      };
      const observer = new MutationObserver(() => done() && observer.disconnect());
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, n);
  calls.clear();
  await perPage.selectOption('0');
  const { painted, rows, rowHeight } = await page.evaluate(() => window.nuboPainted);
  const arrived = await page.evaluate(() => Math.max(...performance.getEntriesByType('resource')
    .filter((e) => e.name.includes('/servers/detail'))
    .map((e) => e.responseEnd)));
  return { ms: painted - arrived, rows, rowHeight, listCalls: calls.get('nova servers') ?? 0 };
}

// A windowed table must still reach its last row by scrolling.
async function lastRowReachable(page, n) {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  const last = `bench-${String(n - 1).padStart(5, '0')}`;
  try {
    await page.getByRole('rowheader', { name: last, exact: true }).waitFor({ timeout: 5_000 });
    return 'yes';
  } catch {
    return 'NO';
  } finally {
    await page.evaluate(() => window.scrollTo(0, 0));
  }
}

await new Promise((resolve) => upstream.listen(port, '127.0.0.1', resolve));
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  servers = makeServers(10);
  await page.goto(`${baseUrl}/bench/admin/RegionOne/compute/instances`);
  await page.getByRole('textbox', { name: 'User name' }).fill('bench');
  await page.getByRole('textbox', { name: 'Password' }).fill('bench');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('table.instances').waitFor({ timeout: 60_000 });

  console.log(`\nInstances page, release build, ${runs} timed runs per size (median, min, max in ms)`);
  console.log('servers   calls on open (list/all)   list calls for All   rows in DOM   row px   paint after data: median      min      max   last row reachable');
  for (const n of sizes) {
    servers = makeServers(n);
    const opened = await openedCalls(page, n);
    const total = [...opened.values()].reduce((a, b) => a + b, 0);
    const timings = [];
    let last;
    for (let i = 0; i < runs; i += 1) {
      last = await timeAll(page, n);
      timings.push(last.ms);
    }
    console.log(
      `${String(n).padStart(7)}   ${`${opened.get('nova servers') ?? 0}/${total}`.padStart(24)}   ${String(last.listCalls).padStart(18)}   ${String(last.rows).padStart(11)}   ${String(last.rowHeight?.toFixed(1)).padStart(6)}   ${fmt(median(timings))} ${fmt(Math.min(...timings))} ${fmt(Math.max(...timings))}   ${await lastRowReachable(page, n)}`,
    );
    console.log(`          on open: ${[...opened].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  await page.screenshot({ path: `${process.env.NUBO_ARTIFACTS ?? 'target'}/bench-render.png` });
} finally {
  await browser.close();
  upstream.close();
}
