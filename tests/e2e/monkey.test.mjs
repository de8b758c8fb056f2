// The impatient user: a few hundred seeded random steps (log in and out; switch pages, clouds,
// projects, regions and languages; open, cancel and submit dialogs; go back and forward) while
// every cloud answer is slowed by 0.3–3 s, so most steps land while requests are in flight.
// After each step: no panic, no console error, and a page that still answers.
//
// `cargo xtask test` runs a short run with a fresh seed; `cargo xtask test monkey --steps N
// [--seed S]` a long one, or replays a failure with the seed it printed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { artifacts, baseUrl, launch, watchErrors } from './browser.mjs';
import { removeLeftovers } from './cloud.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}');
const STEPS = Number(process.env.NUBO_MONKEY_STEPS ?? 40);
const SEED = Number(process.env.NUBO_MONKEY_SEED || Math.floor(Math.random() * 2 ** 31));
// What the monkey names the things it creates, so they can be removed afterwards.
const PREFIX = 'monkey-';
const SLOWEST_MS = 3000;
const FASTEST_MS = 300;
// How long one step may wait for its element: the impatient user moves on.
const PATIENCE_MS = 1500;

// mulberry32: small, seedable, and the same sequence in every Node version.
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The monkey logs in as the demo user, who may switch to its other project.
const PROJECTS = ['demo', 'staging'];
const removeAll = async () => {
  let found = 0;
  for (const project of PROJECTS) found += await removeLeftovers(logins.openstack, [PREFIX], project);
  return found;
};

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

let browser;

before(async () => {
  assert.ok(logins.openstack && logins.ec2, 'NUBO_LOGINS must hold the local cloud logins (cargo xtask test sets it)');
  mkdirSync(artifacts, { recursive: true });
  await removeAll();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  // What the monkey's submits made: backups and snapshots can only go once they have settled.
  for (let round = 0; round < 12; round += 1) {
    if ((await removeAll()) === 0) break;
    await sleep(5000);
  }
});

test(`monkey: ${STEPS} random steps with seed ${SEED}: no panic, no console error, the page answers`, async () => {
  console.log(`monkey: seed ${SEED}, ${STEPS} steps; replay with: cargo xtask test monkey --steps ${STEPS} --seed ${SEED}`);
  const choose = random(SEED);
  // The answers' delays draw from their own sequence: how many requests a step makes depends on
  // timing, and must not shift the steps that follow.
  const delay = random(SEED ^ 0x5bd1e995);
  const pick = (items) => items[Math.floor(choose() * items.length)];

  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  // The cloud's own refusals (a 400 for a name taken, moto's 500 for DLM) are answers the page
  // shows; Chromium also logs each one as a console error, which is not nubo's.
  const refusal = (error) => /^console: Failed to load resource: the server responded with a status of \d+/.test(error);
  const ours = () => errors.filter((error) => !refusal(error));
  // What the cloud refused, by status and call, for the summary.
  const refused = new Map();
  page.on('response', (response) => {
    if (response.status() < 400 || !response.url().includes('/proxy/')) return;
    const url = new URL(response.url());
    const action = url.searchParams.get('Action') ?? '';
    const call = `${response.status()} ${response.request().method()} ${url.pathname.replace(/[0-9a-f-]{32,36}|(vol|snap|i|ami)-[0-9a-f]+/g, '{id}')}${action && ` ${action}`}`;
    refused.set(call, (refused.get(call) ?? 0) + 1);
  });
  await page.route('**/proxy/**', async (route) => {
    await sleep(FASTEST_MS + delay() * (SLOWEST_MS - FASTEST_MS));
    // The page may have gone (a reload, the end of the run) while this answer waited.
    await route.continue().catch(() => {});
  });

  const visible = async (selector) => {
    const found = [];
    for (const element of await page.locator(selector).all()) {
      if (await element.isVisible().catch(() => false)) found.push(element);
    }
    return found;
  };
  const clickOne = async (selector, what, aim = 0) => {
    // Aiming: the user waits a moment for what they mean to click (a row still loading).
    if (aim > 0) await page.locator(selector).first().waitFor({ timeout: aim }).catch(() => {});
    const candidates = await visible(selector);
    if (candidates.length === 0) return null;
    const element = pick(candidates);
    const text = ((await element.innerText({ timeout: PATIENCE_MS }).catch(() => '')) || (await element.getAttribute('href').catch(() => '')) || '').trim();
    await element.click({ timeout: PATIENCE_MS }).catch(() => {});
    return `${what} "${text.slice(0, 40)}"`;
  };
  const selectOne = async (name) => {
    const select = page.locator(`select[name=${name}]`).first();
    if (!(await select.isVisible().catch(() => false)) || (await select.isDisabled().catch(() => true))) return null;
    const values = await select.locator('option').evaluateAll((options) => options.map((o) => o.value));
    if (values.length === 0) return null;
    const value = pick(values);
    await select.selectOption(value, { timeout: PATIENCE_MS }).catch(() => {});
    return `${name} → ${value}`;
  };
  const dialog = () => page.locator('dialog[open]').last();
  const fill = async (name, value) => {
    const input = page.locator(`main input[name="${name}"]`).first();
    if (await input.isVisible().catch(() => false)) await input.fill(value, { timeout: PATIENCE_MS }).catch(() => {});
  };

  const actions = [
    [12, 'log in', async () => {
      if (await page.locator('main input[name="access-key-id"]').isVisible().catch(() => false)) {
        const user = logins.ec2.users[pick(['admin', 'operator'])];
        await fill('access-key-id', user.aws_access_key_id);
        await fill('secret-access-key', user.aws_secret_access_key);
      } else if (await page.locator('main input[name="user"]').isVisible().catch(() => false)) {
        const user = logins.openstack.demo;
        await fill('user', user.username);
        await fill('password', user.password);
        await fill('project', pick([user.project, '']));
      } else {
        return null;
      }
      return clickOne('main form button[type=submit]', 'log in with');
    }],
    [1, 'log out', () => clickOne('header button.secondary', 'log out')],
    [10, 'side link', () => clickOne('nav.side-nav a', 'side link')],
    [2, 'home', () => clickOne('header a.brand', 'home')],
    [2, 'cloud by name', () => clickOne('table.clouds tbody a', 'cloud')],
    [3, 'cloud', () => selectOne('cloud')],
    [2, 'project', () => selectOne('project')],
    [2, 'region', () => selectOne('region')],
    [2, 'language', () => selectOne('language')],
    [4, 'wait', async () => {
      // Now and then the user waits for the list, so that its rows' actions can be clicked.
      const rows = page.locator('main tbody tr');
      await rows.first().waitFor({ timeout: 8000 }).catch(() => {});
      return `wait (${await rows.count()} rows)`;
    }],
    [10, 'row action', () => clickOne('main button.row-action:not([disabled]), main .more-actions summary', 'row action', 5000)],
    [4, 'toolbar', () => clickOne('main .toolbar button:not([disabled])', 'toolbar')],
    [3, 'detail', () => clickOne('main tbody th a', 'detail of', 5000)],
    [4, 'cancel', async () => {
      if (!(await dialog().isVisible().catch(() => false))) return null;
      if (choose() < 0.5) {
        await page.keyboard.press('Escape');
        return 'Escape';
      }
      return clickOne('dialog[open] button.secondary', 'cancel with');
    }],
    [4, 'submit', async () => {
      if (!(await dialog().isVisible().catch(() => false))) return null;
      // Nor a form that changes what exists in place (Edit renames, Extend grows): a seeded
      // resource renamed with the prefix would be removed as a leftover.
      const title = await dialog().locator('h2').first().innerText({ timeout: PATIENCE_MS }).catch(() => '');
      if (/^(Edit|Extend|Modifier|Agrandir) /.test(title)) return null;
      // Never a delete or a rebuild (their buttons are "danger"): the monkey runs on the shared
      // local cloud. What it creates carries its prefix, and goes when the run ends: every text
      // box gets it, the names a form proposes ("archive-snapshot") included.
      for (const input of await dialog().locator('input[type=text]:not([readonly])').all()) {
        if ((await input.isVisible().catch(() => false)) && !(await input.inputValue().catch(() => PREFIX)).startsWith(PREFIX)) {
          await input.fill(`${PREFIX}${SEED}`, { timeout: PATIENCE_MS }).catch(() => {});
        }
      }
      return clickOne('dialog[open] button.primary[type=submit]:not([disabled])', 'submit');
    }],
    [3, 'back', async () => {
      await page.evaluate(() => history.back()).catch(() => {});
      return 'back';
    }],
    [1, 'forward', async () => {
      await page.evaluate(() => history.forward()).catch(() => {});
      return 'forward';
    }],
    [1, 'reload', async () => {
      // Rarely: a reload ends every session (they live in the tab's memory).
      if (choose() < 0.7) return null;
      await page.reload({ timeout: 30_000 }).catch(() => {});
      return 'reload';
    }],
  ];
  const total = actions.reduce((sum, [weight]) => sum + weight, 0);
  const nextAction = () => {
    let roll = choose() * total;
    for (const action of actions) {
      roll -= action[0];
      if (roll < 0) return action;
    }
    return actions[actions.length - 1];
  };

  // Still answering: the home link leads to the list of clouds, which only a live app renders.
  const answers = async () => {
    await page.keyboard.press('Escape');
    await page.locator('header a.brand').click({ timeout: 10_000 });
    await page.locator('table.clouds tbody tr').first().waitFor({ timeout: 30_000 });
  };

  const trail = [];
  let skipped = 0;
  try {
    await page.goto(`${baseUrl}/`);
    for (let step = 1; step <= STEPS; step += 1) {
      // A step is one thing done: an action with nothing to act on (no dialog to cancel, no
      // login form) gives way to another roll.
      let did = null;
      // Back past nubo's first page leaves it (about:blank): the user comes back by its address,
      // as after closing the tab, with every session gone.
      if (!page.url().startsWith(baseUrl)) {
        await page.goto(`${baseUrl}/`, { timeout: 30_000 });
        did = 'back to nubo by its address';
      }
      for (let roll = 0; roll < 8 && did === null; roll += 1) {
        // An open dialog is modal: mostly the user deals with it first.
        const inDialog = (await dialog().isVisible().catch(() => false)) && choose() < 0.7;
        const [, , run] = inDialog ? pick(actions.filter(([, name]) => ['cancel', 'submit'].includes(name))) : nextAction();
        did = await run();
        if (did === null) skipped += 1;
      }
      trail.push(`${step}. ${did ?? 'nothing to do'} at ${new URL(page.url()).pathname}`);
      // An impatient user: the next step comes before most answers do.
      await sleep(Math.floor(choose() * 600));
      assert.equal(await page.locator('.crash').count(), 0, `step ${step}: the panic banner is shown`);
      assert.deepEqual(ours(), [], `step ${step}: ${trail.at(-1)}`);
      if (step % 25 === 0) await answers();
    }
    await answers();
    assert.deepEqual(ours(), [], 'after the last step');
  } catch (error) {
    await page.screenshot({ path: `${artifacts}/monkey-${SEED}.png` }).catch(() => {});
    console.log(`monkey: seed ${SEED} failed; its last steps:\n${trail.slice(-15).join('\n')}`);
    throw error;
  } finally {
    writeFileSync(`${artifacts}/monkey-${SEED}.log`, `${trail.join('\n')}\n`);
    await context.close();
  }
  console.log(`monkey: the cloud's refusals: ${JSON.stringify(Object.fromEntries(refused), null, 1)}`);
  console.log(`monkey: seed ${SEED}: ${skipped} rolls found nothing to act on, ${errors.filter(refusal).length} cloud refusals shown; trail in ${artifacts}/monkey-${SEED}.log`);
});
