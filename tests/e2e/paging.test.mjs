// A list longer than one page. A local upstream on 127.0.0.1 plays Keystone and Cinder with
// 1,500 volumes shaped like Cinder's own API samples, behind a nubo server of its own (the
// "played" cloud `cargo xtask test` starts): Cinder's markers page through every row, "All"
// follows every page and says how many it found, and a long table renders only what is in view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { launch, watchErrors } from './browser.mjs';
import { playedToken } from '../bench/keystone.mjs';

const playedUrl = process.env.NUBO_PLAYED_URL;
const port = Number(process.env.NUBO_PLAYED_PORT);
const origin = `http://127.0.0.1:${port}`;
const sample = (file) => JSON.parse(readFileSync(new URL(`../bench/samples/${file}`, import.meta.url), 'utf8'));
const volumeSample = sample('cinder-volumes-list-detailed-v3.69.json').volumes[0];
const cinderVersion = sample('cinder-v3-version.json');
const tokenSample = sample('keystone-token-project-scoped.json');
const project = tokenSample.token.project;
const TOTAL = 1500;

const name = (i) => `played-${String(i).padStart(5, '0')}`;
// Newest first, as the page asks (sort=created_at:desc).
const volumes = Array.from({ length: TOTAL }, (_, i) => ({
  ...structuredClone(volumeSample),
  id: `00000000-0000-4000-9000-${i.toString(16).padStart(12, '0')}`,
  name: name(i),
  status: i % 5 === 2 ? 'in-use' : 'available',
  created_at: new Date(Date.parse('2026-06-01T00:00:00Z') - i * 60_000).toISOString().replace('Z', ''),
}));

const calls = [];

const token = () => playedToken(tokenSample, [
  ['identity', 'keystone', `${origin}/identity/v3`],
  ['volumev3', 'cinderv3', `${origin}/volume/v3/${project.id}`],
]);

// Cinder's paging: `limit` rows (at most 1,000, its osapi_max_limit) after `marker`, and a
// `next` link whenever a page is full; `name~` finds parts of names.
function volumesPage(url) {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 1000), 1000);
  const part = url.searchParams.get('name~');
  const matching = part ? volumes.filter((v) => v.name.includes(part)) : volumes;
  const marker = url.searchParams.get('marker');
  const from = marker ? matching.findIndex((v) => v.id === marker) + 1 : 0;
  const items = matching.slice(from, from + limit);
  const next = `${origin}/volume/v3/${project.id}/volumes/detail?limit=${limit}&marker=${items.at(-1)?.id}`;
  return { volumes: items, ...(items.length === limit ? { volumes_links: [{ rel: 'next', href: next }] } : {}) };
}

const upstream = http.createServer((request, response) => {
  const url = new URL(request.url, origin);
  const answer = (status, body, headers = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  request.resume();
  if (request.method === 'POST' && url.pathname === '/identity/v3/auth/tokens') {
    return answer(201, token(), { 'x-subject-token': 'played-token' });
  }
  if (url.pathname === '/identity/v3/auth/projects') {
    return answer(200, { projects: [{ ...project, domain_id: 'default', enabled: true }] });
  }
  if (url.pathname === '/volume/v3/') return answer(200, cinderVersion);
  if (url.pathname === `/volume/v3/${project.id}/volumes/detail`) {
    calls.push(url);
    return answer(200, volumesPage(url));
  }
  return answer(404, { itemNotFound: { code: 404, message: `the played cloud has no ${url.pathname}` } });
});

let browser;
let page;
let errors;

before(async () => {
  assert.ok(playedUrl && port, 'NUBO_PLAYED_URL and NUBO_PLAYED_PORT are set by `cargo xtask test`');
  await new Promise((resolve) => upstream.listen(port, '127.0.0.1', resolve));
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchErrors(page);
});

after(async () => {
  await browser?.close();
  // The proxy keeps its connections to the upstream alive; closing waits for none of them.
  upstream.closeAllConnections();
  await new Promise((resolve) => upstream.close(resolve));
});

const count = () => page.locator('.pager .count');
const rowNames = () => page.locator('table.volumes tbody th').allInnerTexts();

test('1,500 volumes: a page of 100, Cinder\'s markers for the next, and the count says there are more', async () => {
  await page.goto(`${playedUrl}/played/${project.name}/RegionOne/volumes/volumes`);
  await page.getByRole('textbox', { name: 'User name' }).fill('played');
  await page.getByRole('textbox', { name: 'Password' }).fill('played');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('table.volumes').waitFor({ timeout: 60_000 });
  await count().filter({ hasText: '100 shown · more on the next page' }).waitFor();
  const first = await rowNames();
  assert.equal(first.length, 100);
  assert.deepEqual([first[0], first[99]], [name(0), name(99)]);
  // One row more than the page shows: whether it comes says if a next page exists.
  assert.match(calls.at(-1).search, /limit=101&sort=created_at%3Adesc/);

  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Page 2', { exact: true }).waitFor();
  await page.getByRole('rowheader', { name: name(100), exact: true }).waitFor();
  assert.equal(calls.at(-1).searchParams.get('marker'), volumes[99].id);
  assert.deepEqual((await rowNames()).slice(-1), [name(199)]);
  await page.getByRole('button', { name: 'Previous' }).click();
  await page.getByRole('rowheader', { name: name(0), exact: true }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Previous' }).isDisabled(), true);
});

test('a full last page has no Next: Cinder links a next page to any full answer, nubo asks one row more', async () => {
  await page.getByRole('combobox', { name: 'Per page' }).selectOption('500');
  await count().filter({ hasText: '500 shown · more on the next page' }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Page 2', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText('Page 3', { exact: true }).waitFor();
  // Rows 1,000 to 1,499: the page is full, and it is the last. (Next was clicked below a
  // windowed table of 500 rows: back to its top to see the first.)
  await count().filter({ hasText: /^500 shown$/ }).waitFor();
  assert.equal(calls.at(-1).searchParams.get('limit'), '501');
  assert.equal(calls.at(-1).searchParams.get('marker'), volumes[999].id);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('rowheader', { name: name(1000), exact: true }).waitFor({ timeout: 10_000 });
  assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
  await page.getByRole('combobox', { name: 'Per page' }).selectOption('100');
  await count().filter({ hasText: '100 shown · more on the next page' }).waitFor();
});

test('"All" follows every page (two calls of 1,000) and counts every row; the last is reachable', async () => {
  const before = calls.length;
  await page.getByRole('combobox', { name: 'Per page' }).selectOption('0');
  await count().filter({ hasText: '1500 in all, every page' }).waitFor({ timeout: 60_000 });
  const asked = calls.slice(before);
  assert.equal(asked.length, 2, asked.map(String).join('\n'));
  assert.equal(asked[1].searchParams.get('marker'), volumes[999].id);
  // A long table renders the rows in view; the scroll bar and aria-rowcount tell the length.
  const table = page.locator('table.volumes');
  assert.equal(await table.getAttribute('aria-rowcount'), String(TOTAL + 1));
  assert.ok((await page.locator('table.volumes tbody tr[data-id]').count()) < 200);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.getByRole('rowheader', { name: name(TOTAL - 1), exact: true }).waitFor({ timeout: 10_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
});

test('the name filter is Cinder\'s (name~), and paging starts again from the first page', async () => {
  const search = page.getByRole('searchbox', { name: 'Name' });
  await search.fill('played-0149');
  await search.press('Enter');
  await count().filter({ hasText: '10 in all, every page' }).waitFor();
  assert.equal(calls.at(-1).searchParams.get('name~'), 'played-0149');
  assert.equal(calls.at(-1).searchParams.get('marker'), null);
  assert.deepEqual(errors, []);
});
