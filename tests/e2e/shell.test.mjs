// Smoke test of the release build served by nubo's own server: the app mounts, lists the
// configured clouds, navigates client-side, and survives a reload on a deep link.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { artifacts, baseUrl, launch, watchErrors } from './browser.mjs';

let browser;
let page;
let errors;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  browser = await launch();
  page = await browser.newPage();
  errors = watchErrors(page);
});

after(async () => {
  await browser?.close();
});

const heading = (name) => page.getByRole('heading', { level: 1, name, exact: true });

test('the app mounts and lists the configured clouds', async () => {
  const response = await page.goto(`${baseUrl}/`);
  // The app runs under a strict policy: no inline script but the loader, by hash.
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await heading('Clouds').waitFor({ timeout: 30_000 });
  const rows = page.locator('table.clouds tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).innerText(), /Local OpenStack\s+OpenStack\s+http:\/\/127\.0\.0\.1:5000\/v3/);
  assert.match(await rows.nth(1).innerText(), /Local EC2 \(moto\)\s+AWS EC2\s+.*us-east-1, eu-central-1/);
  const clouds = await page.locator('select[name=cloud] option').allInnerTexts();
  assert.deepEqual(clouds, ['Choose a cloud', 'Local OpenStack (openstack)', 'Local EC2 (moto) (aws)']);
  assert.equal(await page.locator('nav.side-nav a').count(), 10);
});

test('each cloud\'s name opens it: the login of a cloud not open yet', async () => {
  await page.goto(`${baseUrl}/`);
  const rows = page.locator('table.clouds tbody tr');
  await rows.first().waitFor({ timeout: 30_000 });
  assert.match(await rows.nth(0).innerText(), /Not open: its name opens the login/);
  await page.getByRole('link', { name: 'Local OpenStack', exact: true }).click();
  await page.waitForURL(`${baseUrl}/local/-/-/compute/instances`);
  await page.getByRole('heading', { name: 'Log in to Local OpenStack' }).waitFor({ timeout: 30_000 });
  await page.goBack();
  await page.getByRole('link', { name: 'Local EC2 (moto)', exact: true }).click();
  await page.waitForURL(`${baseUrl}/local-ec2/-/-/ec2/instances`);
  await page.getByRole('heading', { name: 'Sign in to Local EC2 (moto)' }).waitFor({ timeout: 30_000 });
});

test('the side navigation moves between pages without reloading', async () => {
  await page.goto(`${baseUrl}/`);
  await heading('Clouds').waitFor();
  // A full page load would drop this marker; client-side routing keeps it.
  await page.evaluate(() => {
    window.nuboMarker = 'still here';
  });

  await page.locator('nav.side-nav a[href="/volumes/snapshots"]').click();
  await page.waitForURL(`${baseUrl}/volumes/snapshots`);
  await heading('Snapshots').waitFor();
  assert.equal(await page.locator('.breadcrumb').innerText(), 'VOLUMES');
  assert.equal(
    await page.locator('nav.side-nav a[href="/volumes/snapshots"]').getAttribute('aria-current'),
    'page',
  );

  await page.locator('nav.side-nav a[href="/ec2/schedules"]').click();
  await page.waitForURL(`${baseUrl}/ec2/schedules`);
  await heading('Schedules').waitFor();
  assert.match(await page.locator('.summary').innerText(), /02:00 UTC/);
  assert.equal(await page.evaluate(() => window.nuboMarker), 'still here');
});

test('a deep link survives a reload', async () => {
  await page.goto(`${baseUrl}/ec2/snapshots`);
  await heading('Snapshots').waitFor({ timeout: 30_000 });
  await page.reload();
  await heading('Snapshots').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('.breadcrumb').innerText(), 'EC2');
  assert.equal(await page.evaluate(() => window.nuboMarker), undefined);
  await page.screenshot({ path: `${artifacts}/shell.png`, fullPage: true });
});

test('an unknown address says so and links home', async () => {
  await page.goto(`${baseUrl}/compute/nothing-here`);
  await heading('Page not found').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('main').innerText(), /no page at \/compute\/nothing-here/);
  await page.getByRole('link', { name: 'Go to the list of clouds' }).click();
  await heading('Clouds').waitFor();
});

test('the language switcher puts every string in French, keeps the choice across a reload, and back', async () => {
  await page.goto(`${baseUrl}/volumes/snapshots`);
  await heading('Snapshots').waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await heading('Instantanés').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
  assert.match(await page.locator('.summary').innerText(), /les sauvegarder, les restaurer dans un volume/);
  assert.deepEqual(await page.locator('nav.side-nav h2').allInnerTexts(), ['CALCUL', 'VOLUMES', 'EC2']);
  assert.equal(await page.evaluate(() => localStorage.getItem('nubo.language')), 'fr');
  await page.reload();
  await heading('Instantanés').waitFor({ timeout: 30_000 });
  await page.goto(`${baseUrl}/compute/nothing-here`);
  await heading('Page introuvable').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('main').innerText(), /nubo n'a pas de page à l'adresse \/compute\/nothing-here\./);
  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await heading('Page not found').waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
});

test('a browser that prefers French gets French without choosing', async () => {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const french = await context.newPage();
  const frenchErrors = watchErrors(french);
  await french.goto(`${baseUrl}/`);
  await french.getByRole('heading', { level: 1, name: 'Clouds' }).waitFor({ timeout: 30_000 });
  assert.equal(await french.locator('html').getAttribute('lang'), 'fr');
  const clouds = await french.locator('select[name=cloud] option').allInnerTexts();
  assert.equal(clouds[0], 'Choisir un cloud');
  assert.deepEqual(await french.locator('table.clouds thead th').allInnerTexts(), ['Nom', 'Genre', "Point d'accès", 'Ouvert']);
  await context.close();
  assert.deepEqual(frenchErrors, []);
});

test('what the proxy passes on never runs as a page: opened, framed or fetched', async () => {
  // Its own tab, so that the refusals it provokes stay out of the console check below.
  const other = await browser.newPage();
  const ran = [];
  other.on('dialog', (dialog) => {
    ran.push(dialog.message());
    return dialog.dismiss();
  });
  // Glance answers a request without a token with an HTML page (401, text/html).
  const upstream = `${baseUrl}/proxy/http://127.0.0.1:9292/v2/images`;
  // A link to that answer, followed: refused before Glance is asked.
  const opened = await other.goto(upstream);
  assert.equal(opened.status(), 403);
  assert.match(await opened.text(), /not_a_fetch/);

  await other.goto(`${baseUrl}/`);
  await other.getByRole('heading', { level: 1, name: 'Clouds' }).waitFor({ timeout: 30_000 });
  // Framed by nubo's own page: refused too.
  const framed = other.waitForResponse((r) => r.url() === upstream);
  await other.evaluate((src) => {
    const frame = document.createElement('iframe');
    frame.src = src;
    document.body.append(frame);
  }, upstream);
  assert.equal((await framed).status(), 403);

  // Fetched, as nubo does: the HTML comes with a sandbox, nosniff and attachment, inert
  // wherever it ends up.
  const fetched = await other.evaluate(async (url) => {
    const response = await fetch(url);
    return { status: response.status, headers: Object.fromEntries(response.headers) };
  }, upstream);
  assert.equal(fetched.status, 401);
  assert.match(fetched.headers['content-type'], /^text\/html/);
  assert.match(fetched.headers['content-security-policy'], /^sandbox; default-src 'none'/);
  assert.equal(fetched.headers['www-authenticate'], undefined);
  assert.equal(fetched.headers['x-content-type-options'], 'nosniff');
  assert.match(fetched.headers['content-disposition'], /^attachment/);
  assert.deepEqual(ran, []);
  await other.close();
});

test('nothing went wrong in the console', () => {
  assert.deepEqual(errors, []);
});
