// The ways back on OpenStack, in a real browser against the local cloud's real Cinder and
// Glance: a volume from an image, Extend, Edit (volumes, snapshots, backups), and a backup made
// straight from a volume (forced while in use, incremental after a full one). Each test reads
// back through the cloud's own API what the cloud now holds; bad input is refused in the form
// before anything is sent.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { artifacts, baseUrl, launch, logInAsDemo, watchErrors } from './browser.mjs';
import { reader, removeLeftovers, until } from './cloud.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}').openstack;
const PREFIX = 'e2e-restore-';
const stamp = Date.now().toString(36);
const volumeName = `${PREFIX}vol-${stamp}`;
const renamed = `${PREFIX}renamed-${stamp}`;
const snapshotName = `${PREFIX}snap-${stamp}`;
const forcedBackup = `${PREFIX}forced-${stamp}`;
const incrementalBackup = `${PREFIX}incr-${stamp}`;
const appSnapshot = `${PREFIX}app-${stamp}`;
const fromSnapshot = `${PREFIX}from-snap-${stamp}`;
const appCopy = `${PREFIX}app-copy-${stamp}`;

let browser;
let page;
let errors;
let read;
const alerts = [];
// Every POST, PUT and DELETE the page sends, so a refusal in the form can show nothing left.
const changes = [];

// Clean-up waits for Cinder: a volume is deleted only once its snapshot is gone.
async function removeAll() {
  for (let round = 0; round < 60; round += 1) {
    if ((await removeLeftovers(logins, [PREFIX])) === 0) return;
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
  }
  console.warn(`left for the next run: ${PREFIX}* resources still being deleted`);
}

before(async () => {
  assert.ok(logins, 'NUBO_LOGINS must hold the local cloud logins (cargo xtask test sets it)');
  mkdirSync(artifacts, { recursive: true });
  await removeAll();
  read = await reader(logins);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchErrors(page);
  page.on('dialog', async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    if (['POST', 'PUT', 'DELETE'].includes(request.method()) && !request.url().endsWith('/auth/tokens')) {
      changes.push(`${request.method()} ${request.url()}`);
    }
  });
});

after(async () => {
  await browser?.close();
  await removeAll();
});

const row = (table, name) =>
  page.locator(`table.${table} tbody tr`, { has: page.getByRole('rowheader', { name, exact: true }) });

// A row's less common actions are behind its "More" menu.
async function action(tableRow, name) {
  const button = tableRow.getByRole('button', { name, exact: true });
  if (!(await button.isVisible())) await tableRow.locator('summary', { hasText: 'More' }).click();
  await button.click();
}

async function open(path) {
  await page.locator(`nav.side-nav a[href$="${path}"]`).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne${path}`);
}

// Submits and expects the form's own refusal: `said`, and nothing sent to the cloud.
async function refusedInForm(dialog, button, said) {
  const before = changes.length;
  await dialog.getByRole('button', { name: button, exact: true }).click();
  await dialog.getByRole('alert').filter({ hasText: said }).waitFor({ timeout: 10_000 });
  assert.deepEqual(changes.slice(before), []);
}

// Submits and expects the browser's own check of `field` (a number below its min) to hold the
// form: its message shown, nothing sent.
async function refusedByBrowser(dialog, button, field) {
  const before = changes.length;
  await dialog.getByRole('button', { name: button, exact: true }).click();
  const { underflow, message } = await field.evaluate((input) => ({
    underflow: input.validity.rangeUnderflow,
    message: input.validationMessage,
  }));
  assert.equal(underflow, true);
  assert.match(message, /greater than or equal to/);
  assert.equal(await dialog.isVisible(), true);
  assert.deepEqual(changes.slice(before), []);
}

async function volumeNamed(name) {
  const { volumes } = await read('cinder', `/volumes/detail?name=${encodeURIComponent(name)}`);
  assert.equal(volumes.length, 1, `one volume named ${name}: ${JSON.stringify(volumes)}`);
  return volumes[0];
}

test('log in as demo: the images are listed', async () => {
  await logInAsDemo(page, logins, '/compute/images');
  await row('images', 'cirros-fake').waitFor({ timeout: 30_000 });
});

test('Create Volume from an image: a bad size and a long name are refused in the form; the volume holds the image', async () => {
  const image = row('images', 'cirros-fake');
  const imageId = await image.getAttribute('data-id');
  await action(image, 'Create Volume');
  const dialog = page.getByRole('dialog', { name: 'Create Volume from cirros-fake' });
  await dialog.waitFor();
  // The image is 1 MiB: the smallest volume is 1 GiB, preset, and the form says why.
  assert.equal(await dialog.getByRole('spinbutton', { name: 'Size (GiB)' }).inputValue(), '1');
  assert.match(await dialog.innerText(), /At least 1 GiB: the image's size and its minimum disk/);
  await dialog.getByText(/^Volumes: \d+ (of \d+ used|used \(no limit\)) · Gigabytes: /).waitFor({ timeout: 30_000 });
  await dialog.getByRole('spinbutton', { name: 'Size (GiB)' }).fill('0');
  await refusedByBrowser(dialog, 'Create Volume', dialog.getByRole('spinbutton', { name: 'Size (GiB)' }));
  await dialog.getByRole('spinbutton', { name: 'Size (GiB)' }).fill('1');
  await dialog.getByRole('textbox', { name: 'Volume name' }).fill('v'.repeat(256));
  await refusedInForm(dialog, 'Create Volume', 'The name has 256 characters; the cloud keeps at most 255.');
  await dialog.getByRole('textbox', { name: 'Volume name' }).fill(volumeName);
  await dialog.getByRole('textbox', { name: 'Description (optional)' }).fill('restored from cirros-fake');
  assert.equal(
    await dialog.locator('.cli code').innerText(),
    `openstack volume create --image ${imageId} --size 1 --description 'restored from cirros-fake' ${volumeName}`,
  );
  await dialog.getByRole('button', { name: 'Create Volume' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/volumes/volumes`);
  const volume = row('volumes', volumeName);
  await volume.getByText('available').waitFor({ timeout: 120_000 });
  assert.match(await volume.innerText(), /Yes/, 'bootable');
  const held = await volumeNamed(volumeName);
  assert.equal(held.size, 1);
  assert.equal(held.bootable, 'true');
  assert.equal(held.volume_image_metadata?.image_id, imageId);
  assert.equal(held.description, 'restored from cirros-fake');
});

test('Extend: a size not larger is refused in the form; the volume grows to the size asked', async () => {
  const volume = row('volumes', volumeName);
  await action(volume, 'Extend');
  const dialog = page.getByRole('dialog', { name: `Extend ${volumeName}` });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Now 1 GiB\. Cinder only grows volumes\./);
  await dialog.getByText(/^Gigabytes: /).waitFor({ timeout: 30_000 });
  const size = dialog.getByRole('spinbutton', { name: 'New size (GiB)' });
  assert.equal(await size.inputValue(), '2');
  await size.fill('1');
  await refusedByBrowser(dialog, 'Extend', size);
  await size.fill('3');
  const { id } = await volumeNamed(volumeName);
  assert.equal(await dialog.locator('.cli code').innerText(), `openstack volume set --size 3 ${id}`);
  await dialog.getByRole('button', { name: 'Extend', exact: true }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  await page.getByRole('status').filter({ hasText: `Extend of ${volumeName} to 3 GiB requested` }).waitFor();
  const grown = await until('extended volume', () => read('cinder', `/volumes/${id}`), ({ volume: v }) => v.size === 3 && v.status === 'available');
  assert.equal(grown.volume.size, 3);
  await volume.getByText('3 GiB').waitFor({ timeout: 30_000 });
});

test('Edit a volume: a long description is refused in the form; name and description are saved', async () => {
  const volume = row('volumes', volumeName);
  await action(volume, 'Edit');
  const dialog = page.getByRole('dialog', { name: `Edit ${volumeName}` });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('textbox', { name: 'Name' }).inputValue(), volumeName);
  assert.equal(await dialog.getByRole('textbox', { name: 'Description (optional)' }).inputValue(), 'restored from cirros-fake');
  await dialog.getByRole('textbox', { name: 'Description (optional)' }).fill('d'.repeat(300));
  await refusedInForm(dialog, 'Save', 'The description has 300 characters; the cloud keeps at most 255.');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('   ');
  await refusedInForm(dialog, 'Save', 'A name is required.');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(renamed);
  await dialog.getByRole('textbox', { name: 'Description (optional)' }).fill('the restore, renamed');
  const { id } = await volumeNamed(volumeName);
  assert.equal(
    await dialog.locator('.cli code').innerText(),
    `openstack volume set --name ${renamed} --description 'the restore, renamed' ${id}`,
  );
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  await row('volumes', renamed).waitFor({ timeout: 30_000 });
  const { volume: held } = await read('cinder', `/volumes/${id}`);
  assert.equal(held.name, renamed);
  assert.equal(held.description, 'the restore, renamed');
});

test('Volumes → Create Backup of an in-use volume: force explained, refused without it in Cinder\'s words, made with it', async () => {
  const volume = row('volumes', 'db-data');
  await volume.getByText('db-1 on /dev/sdb').waitFor({ timeout: 30_000 });
  await action(volume, 'Create Backup');
  const dialog = page.getByRole('dialog', { name: 'Create Backup of db-data' });
  await dialog.waitFor();
  // No snapshot to preselect: the backup is of the volume as it is.
  assert.equal(await dialog.getByRole('combobox', { name: 'Volume snapshot' }).count(), 0);
  assert.match(await dialog.innerText(), /Cinder refuses to back it up without force/);
  await dialog.getByRole('textbox', { name: 'Backup name' }).fill(forcedBackup);
  await dialog.getByRole('button', { name: 'Create Backup' }).click();
  const problem = dialog.getByRole('alert');
  await problem.waitFor({ timeout: 30_000 });
  assert.match(await problem.innerText(), /^The cloud rejected the request as invalid\. Cinder: .*force.*HTTP 400/i);
  await dialog.getByRole('checkbox', { name: /force/ }).check();
  const { id } = await volumeNamed('db-data');
  assert.equal(await dialog.locator('.cli code').innerText(), `openstack volume backup create --name ${forcedBackup} --force ${id}`);
  await dialog.getByRole('button', { name: 'Create Backup' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/volumes/backups`);
  await row('backups', forcedBackup).getByText('available').waitFor({ timeout: 180_000 });
  const { backups } = await read('cinder', `/backups/detail?name=${forcedBackup}`);
  assert.equal(backups.length, 1);
  assert.equal(backups[0].volume_id, id);
  assert.equal(backups[0].snapshot_id, null);
  assert.equal(backups[0].status, 'available');
});

test('Volumes → Create Backup after a full one: incremental is offered, and Cinder makes it incremental', async () => {
  await open('/volumes/volumes');
  const volume = row('volumes', 'archive');
  await action(volume, 'Create Backup');
  const dialog = page.getByRole('dialog', { name: 'Create Backup of archive' });
  await dialog.waitFor();
  // archive has the seeded full backup archive-full; archive is not attached, so no force.
  const incremental = dialog.getByRole('checkbox', { name: /Incremental/ });
  await incremental.waitFor({ timeout: 30_000 });
  assert.equal(await dialog.getByRole('checkbox', { name: /force/ }).count(), 0);
  await dialog.getByRole('textbox', { name: 'Backup name' }).fill(incrementalBackup);
  await incremental.check();
  assert.match(await dialog.locator('.cli code').innerText(), new RegExp(`^openstack volume backup create --name ${incrementalBackup} --incremental [0-9a-f-]{36}$`));
  await dialog.getByRole('button', { name: 'Create Backup' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/volumes/backups`);
  await row('backups', incrementalBackup).getByText('available').waitFor({ timeout: 180_000 });
  const { backups } = await read('cinder', `/backups/detail?name=${incrementalBackup}`);
  assert.equal(backups[0].is_incremental, true);
});

test('Backups → Delete of a full backup an incremental depends on: Cinder refuses, and nubo names what blocks it', async () => {
  const full = row('backups', 'archive-full');
  await full.getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Backup' });
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  const said = page.getByRole('alert').filter({ hasText: 'Could not delete archive-full' });
  await said.waitFor({ timeout: 30_000 });
  const text = await said.innerText();
  assert.match(text, new RegExp(`Incremental backups depend on this backup; delete them first: ${incrementalBackup}\\.`));
  assert.match(text, /Cinder: .*Incremental backups exist for this backup.*HTTP 400/);
  const { backups } = await read('cinder', '/backups/detail?name=archive-full');
  assert.equal(backups[0].status, 'available');
});

test('Backups → Restore to a new volume shows the volume and gigabyte quota', async () => {
  await row('backups', forcedBackup).getByRole('button', { name: 'Restore' }).click();
  const dialog = page.getByRole('dialog', { name: `Restore ${forcedBackup}` });
  await dialog.getByText(/^Volumes: \d+ (of \d+ used|used \(no limit\)) · Gigabytes: \d+ /).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
});

test('Backups → Edit: the backup is renamed', async () => {
  const backup = row('backups', forcedBackup);
  await action(backup, 'Edit');
  const dialog = page.getByRole('dialog', { name: `Edit ${forcedBackup}` });
  await dialog.getByRole('textbox', { name: 'Description (optional)' }).fill('db-data while db-1 ran');
  assert.match(await dialog.locator('.cli code').innerText(), /^openstack volume backup set --name \S+ --description 'db-data while db-1 ran' [0-9a-f-]{36}$/);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'hidden', timeout: 30_000 });
  const { backups } = await read('cinder', `/backups/detail?name=${forcedBackup}`);
  assert.equal(backups[0].description, 'db-data while db-1 ran');
});

test('Snapshots → Edit: a snapshot of the restored volume is renamed', async () => {
  await open('/volumes/volumes');
  await action(row('volumes', renamed), 'Create Snapshot');
  const create = page.getByRole('dialog', { name: `Create Snapshot of ${renamed}` });
  await create.getByRole('textbox', { name: 'Snapshot name' }).fill(snapshotName);
  await create.getByRole('button', { name: 'Create Snapshot' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/volumes/snapshots`);
  const snapshot = row('volume-snapshots', snapshotName);
  await snapshot.getByText('available').waitFor({ timeout: 120_000 });
  await action(snapshot, 'Edit');
  const dialog = page.getByRole('dialog', { name: `Edit ${snapshotName}` });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(`${snapshotName}-x`);
  assert.match(await dialog.locator('.cli code').innerText(), new RegExp(`^openstack volume snapshot set --name ${snapshotName}-x --description '' [0-9a-f-]{36}$`));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await row('volume-snapshots', `${snapshotName}-x`).waitFor({ timeout: 30_000 });
  const { snapshots } = await read('cinder', `/snapshots/detail?name=${snapshotName}-x`);
  assert.equal(snapshots.length, 1);
  await page.screenshot({ path: `${artifacts}/restore-snapshots.png`, fullPage: true });
});

test('Snapshots → Launch as Instance: the server boots from a new volume made from the snapshot', async () => {
  const snapshot = row('volume-snapshots', `${snapshotName}-x`);
  const snapshotId = await snapshot.getAttribute('data-id');
  await action(snapshot, 'Launch as Instance');
  const dialog = page.getByRole('dialog', { name: `Launch an instance from ${snapshotName}-x` });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /Cinder makes a new volume from the snapshot and the instance boots from it/);
  // The snapshot is of the 3 GiB volume: its volume is at least that.
  const size = dialog.getByRole('spinbutton', { name: 'Boot volume size (GiB)' });
  assert.equal(await size.inputValue(), '3');
  await size.fill('2');
  await refusedByBrowser(dialog, 'Launch', size);
  await size.fill('3');
  // Any flavor will do, one without a root disk too: the root disk is the volume.
  const zeroDisk = dialog.getByRole('combobox', { name: 'Flavor' }).locator('option', { hasText: /^m1\.volume / });
  await zeroDisk.waitFor({ state: 'attached', timeout: 30_000 });
  await dialog.getByRole('combobox', { name: 'Flavor' }).selectOption(await zeroDisk.getAttribute('value'));
  await dialog.getByRole('textbox', { name: 'Instance name' }).fill(fromSnapshot);
  await dialog.getByRole('combobox', { name: 'Network' }).selectOption('none');
  await dialog.getByRole('checkbox', { name: 'Delete the boot volume when the instance is deleted' }).check();
  assert.match(
    await dialog.locator('.cli code').innerText(),
    new RegExp(`^openstack server create --block-device uuid=${snapshotId},source_type=snapshot,destination_type=volume,volume_size=3,boot_index=0,delete_on_termination=true --flavor \\S+ --nic none ${fromSnapshot}$`),
  );
  await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/instances`, { timeout: 60_000 });
  const server = row('instances', fromSnapshot);
  await server.getByText('ACTIVE').waitFor({ timeout: 180_000 });
  const { server: held } = await read('nova', `/servers/${await server.getAttribute('data-id')}`);
  assert.equal(held.image, '', 'booted from a volume');
  const [root] = held['os-extended-volumes:volumes_attached'];
  assert.equal(root.delete_on_termination, true);
  const { volume } = await read('cinder', `/volumes/${root.id}`);
  assert.equal(volume.snapshot_id, snapshotId);
  assert.equal(volume.size, 3);
  assert.equal(volume.bootable, 'true');
});

test('Launch copy is an exact copy: app-1\'s flavor, key pair, zone, security groups and network, each kept by Nova', async () => {
  await open('/compute/instances');
  const app = row('instances', 'app-1');
  await app.getByRole('button', { name: 'Create Snapshot' }).click();
  const create = page.getByRole('dialog', { name: 'Create Snapshot of app-1' });
  await create.getByRole('textbox', { name: 'Snapshot name' }).fill(appSnapshot);
  await create.getByRole('button', { name: 'Create Snapshot' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/images`, { timeout: 60_000 });
  const image = row('images', appSnapshot);
  await image.getByText('active').waitFor({ timeout: 120_000 });
  await image.getByRole('button', { name: 'Launch copy' }).click();
  const dialog = page.getByRole('dialog', { name: `Launch a copy of ${appSnapshot}` });
  await dialog.getByText('An exact copy of app-1').waitFor({ timeout: 30_000 });
  const chosen = (name) => dialog.getByRole('combobox', { name }).locator('option:checked').innerText();
  assert.match(await chosen('Flavor'), /^m1\.small /);
  assert.equal(await chosen('Key pair'), 'demo-key');
  assert.equal(await chosen('Availability zone'), 'nova');
  assert.equal(await chosen('Network'), 'demo-net');
  const groups = dialog.getByRole('group', { name: 'Security groups' });
  assert.equal(await groups.getByRole('checkbox', { name: 'web' }).isChecked(), true);
  assert.equal(await groups.getByRole('checkbox', { name: 'default' }).isChecked(), true);
  // Each is changeable; the flavors offered are those with a root disk for the image.
  const flavors = await dialog.getByRole('combobox', { name: 'Flavor' }).locator('option').allInnerTexts();
  assert.ok(!flavors.some((f) => f.startsWith('m1.volume')), flavors.join(', '));
  await dialog.getByRole('textbox', { name: 'Instance name' }).fill(appCopy);
  const { networks } = await read('neutron', '/v2.0/networks?name=demo-net');
  assert.match(
    await dialog.locator('.cli code').innerText(),
    new RegExp(`^openstack server create --image [0-9a-f-]{36} --flavor \\S+ --key-name demo-key --availability-zone nova --security-group default --security-group web --network ${networks[0].id} ${appCopy}$`),
  );
  await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/instances`, { timeout: 60_000 });
  const copy = row('instances', appCopy);
  await copy.getByText('ACTIVE').waitFor({ timeout: 180_000 });
  const { server } = await read('nova', `/servers/${await copy.getAttribute('data-id')}`);
  assert.equal(server.flavor.original_name, 'm1.small');
  assert.equal(server.key_name, 'demo-key');
  assert.equal(server['OS-EXT-AZ:availability_zone'], 'nova');
  assert.deepEqual(server.security_groups.map((g) => g.name).sort(), ['default', 'web']);
  assert.deepEqual(Object.keys(server.addresses), ['demo-net']);
});

test('no script ran from a name, and nothing went wrong in the console', () => {
  assert.deepEqual(alerts, []);
  // Chromium logs Cinder's refusals provoked on purpose: the unforced in-use backup, and the
  // full backup an incremental depends on.
  const provoked = errors.filter((e) => /status of 400 \(Bad Request\)/.test(e));
  assert.equal(provoked.length, 2, errors.join('\n'));
  assert.deepEqual(errors.filter((e) => !provoked.includes(e)), []);
});
