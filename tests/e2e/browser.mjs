// Shared set-up for the browser tests: Debian's Chromium driven by playwright-core, with the
// flags that keep it off the network (tests talk to 127.0.0.1 only).
import { chromium } from 'playwright-core';

export const baseUrl = process.env.NUBO_URL ?? 'http://127.0.0.1:8080';
export const artifacts = process.env.NUBO_ARTIFACTS ?? 'target/e2e';

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// Collects what would show up red in the developer console, so a test can assert there is none.
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText;
    // nubo aborts the requests of a page the user leaves (the fetch's AbortController is
    // dropped with the page): cancellation by design, not a failure.
    if (reason === 'net::ERR_ABORTED') return;
    errors.push(`request failed: ${request.url()} ${reason}`);
  });
  return errors;
}

// What Chromium logs as a console error although nubo asks for it on purpose on the local EC2:
// a DryRun's "may I?" (HTTP 412 DryRunOperation) and moto's 500 for the DLM it does not have.
export const provokedOnEc2 = (error) =>
  /status of (412 \(PRECONDITION FAILED\)|500 \(INTERNAL SERVER ERROR\))/.test(error);

// The two local clouds: each one's way in, as the demo user (OpenStack) or the admin key (EC2),
// and its pages' side links, by where they lead.
export const localClouds = (logins) => [
  {
    name: 'local',
    pages: ['compute/instances', 'compute/images', 'volumes/volumes', 'volumes/snapshots', 'volumes/backups'],
    logIn: async (page) => {
      await page.getByRole('textbox', { name: 'User name' }).fill(logins.openstack.demo.username);
      await page.getByRole('textbox', { name: 'Password' }).fill(logins.openstack.demo.password);
      await page.getByRole('textbox', { name: 'Project' }).fill(logins.openstack.demo.project);
      await page.getByRole('button', { name: 'Log in' }).click();
    },
  },
  {
    name: 'local-ec2',
    pages: ['ec2/instances', 'ec2/volumes', 'ec2/snapshots', 'ec2/amis', 'ec2/schedules'],
    logIn: async (page) => {
      await page.getByRole('textbox', { name: 'Access key ID' }).fill(logins.ec2.users.admin.aws_access_key_id);
      await page.getByLabel('Secret access key').fill(logins.ec2.users.admin.aws_secret_access_key);
      await page.getByRole('button', { name: 'Sign in' }).click();
    },
  },
];

// Opens `path` of the local OpenStack (`/compute/images`), logs in as the demo user in the demo
// project, and waits for the page in RegionOne.
export async function logInAsDemo(page, logins, path) {
  await page.goto(`${baseUrl}/local/-/-${path}`);
  await page.getByRole('heading', { name: 'Log in to Local OpenStack' }).waitFor({ timeout: 30_000 });
  await page.getByRole('textbox', { name: 'User name' }).fill(logins.demo.username);
  await page.getByRole('textbox', { name: 'Password' }).fill(logins.demo.password);
  await page.getByRole('textbox', { name: 'Project' }).fill(logins.demo.project);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne${path}`);
}
