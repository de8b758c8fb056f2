// The silent case: bfv-1 boots from a Cinder volume (seeded with a data volume attached), so
// its snapshot is a zero-byte Glance image standing for Cinder snapshots of both volumes. In a
// real browser against the local cloud's real Nova, Glance and Cinder: the form says what
// Cinder will snapshot, the image says it is volume-backed and links its Cinder snapshots, a
// copy boots from them with a 0 GB flavor, and Delete Image takes the Cinder snapshots with it.
// Each step is read back through the cloud's own API.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { artifacts, baseUrl, launch, logInAsDemo, watchErrors } from './browser.mjs';
import { reader, remover, removeLeftovers, until } from './cloud.mjs';

const logins = JSON.parse(process.env.NUBO_LOGINS ?? '{}').openstack;
const PREFIX = 'e2e-bfv-';
const stamp = Date.now().toString(36);
const snapshotName = `${PREFIX}snap-${stamp}`;
const copyName = `${PREFIX}copy-${stamp}`;
// Nova names the Cinder snapshots of a volume-backed snapshot after the image.
const NOVA_SNAPSHOTS = `snapshot for ${PREFIX}`;

let browser;
let page;
let errors;
let read;
let remove;
const alerts = [];
let imageId;
let cinderSnapshots = [];
// The copy's volumes: Nova makes them from the Cinder snapshots and keeps them after the copy.
const copyVolumes = new Set();

// The copy goes first (with the prefixed servers), then its volumes, then the snapshots they
// were made from: each waits for the one before it.
async function removeAll() {
  for (let round = 0; round < 60; round += 1) {
    const found = await removeLeftovers(logins, [PREFIX, NOVA_SNAPSHOTS]);
    for (const id of [...copyVolumes]) {
      const { volume, notFound } = await read('cinder', `/volumes/${id}`);
      if (notFound) copyVolumes.delete(id);
      else if (volume.status === 'available') await remove('cinder', `/volumes/${id}`);
    }
    if (found === 0 && copyVolumes.size === 0) return;
    await new Promise((resolve) => { setTimeout(resolve, 2000); });
  }
  console.warn(`left for the next run: ${PREFIX}* resources still being deleted`);
}

before(async () => {
  assert.ok(logins, 'NUBO_LOGINS must hold the local cloud logins (cargo xtask test sets it)');
  mkdirSync(artifacts, { recursive: true });
  read = await reader(logins);
  remove = await remover(logins);
  await removeAll();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchErrors(page);
  page.on('dialog', async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
});

after(async () => {
  await browser?.close();
  await removeAll();
});

const row = (table, name) =>
  page.locator(`table.${table} tbody tr`, { has: page.getByRole('rowheader', { name, exact: true }) });

async function open(path) {
  await page.locator(`nav.side-nav a[href$="${path}"]`).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne${path}`);
}

test('log in as demo: bfv-1 is listed as booted from a volume', async () => {
  await logInAsDemo(page, logins, '/compute/instances');
  await row('instances', 'bfv-1').waitFor({ timeout: 30_000 });
  assert.match(await row('instances', 'bfv-1').innerText(), /\(boot volume\)/);
});

test('Create Snapshot of an image-booted instance says attached volumes are not in it, and that Glance has no quota', async () => {
  await row('instances', 'db-1').getByRole('button', { name: 'Create Snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Snapshot of db-1' });
  await dialog.waitFor();
  const said = await dialog.innerText();
  assert.match(said, /Only the root disk goes into the image: the 1 attached volumes are not in it/);
  assert.match(said, /Glance has no quota for images/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });
});

test('Create Snapshot of bfv-1 lists the volumes Cinder will snapshot and the snapshot quota; the image is volume-backed', async () => {
  await row('instances', 'bfv-1').getByRole('button', { name: 'Create Snapshot' }).click();
  const dialog = page.getByRole('dialog', { name: 'Create Snapshot of bfv-1' });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /This instance boots from a volume\. Its snapshot is an image of 0 bytes in Glance that stands for Cinder snapshots of its 2 volumes/);
  const volumes = dialog.getByRole('list', { name: 'Volumes Cinder will snapshot' });
  await volumes.getByText('bfv-data (1 GiB)').waitFor({ timeout: 30_000 });
  assert.deepEqual((await volumes.getByRole('listitem').allInnerTexts()).sort(), ['bfv-data (1 GiB)', 'bfv-root (1 GiB)']);
  await dialog.getByText(/^Snapshots: \d+ (of \d+ used|used \(no limit\))$/).waitFor({ timeout: 30_000 });
  await dialog.getByRole('textbox', { name: 'Snapshot name' }).fill(snapshotName);
  await dialog.getByRole('button', { name: 'Create Snapshot' }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/images`, { timeout: 60_000 });
  const image = row('images', snapshotName);
  await image.getByText('active').waitFor({ timeout: 120_000 });
  assert.match(await image.innerText(), /Snapshot · volume-backed/);
  await image.getByText('In Cinder:').waitFor();
  assert.deepEqual(await image.locator('.in-cinder a').allInnerTexts(), ['/dev/sda', '/dev/sdb']);
  // What Glance and Cinder hold: zero bytes, and two Cinder snapshots that become available.
  imageId = await image.getAttribute('data-id');
  const held = await read('glance', `/v2/images/${imageId}`);
  assert.equal(held.size, 0);
  cinderSnapshots = JSON.parse(held.block_device_mapping).map((d) => d.snapshot_id);
  assert.equal(cinderSnapshots.length, 2);
  for (const id of cinderSnapshots) {
    const { snapshot } = await until(`Cinder snapshot ${id}`, () => read('cinder', `/snapshots/${id}`), (a) => a.snapshot?.status === 'available');
    assert.equal(snapshot.name, `snapshot for ${snapshotName}`);
  }
  await page.screenshot({ path: `${artifacts}/volume-backed-images.png`, fullPage: true });
});

test('the detail of a volume-backed snapshot links its Cinder snapshots and lists every Glance property', async () => {
  await page.getByRole('link', { name: snapshotName, exact: true }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/images/${imageId}`);
  const details = page.getByRole('region', { name: 'Details' });
  await details.waitFor({ timeout: 30_000 });
  assert.match(await details.innerText(), /0 bytes in Glance; the data is in 2 Cinder snapshots/);
  const backing = page.getByRole('region', { name: 'Volume-backed snapshot' });
  await backing.getByRole('link').first().waitFor({ timeout: 30_000 });
  assert.match(await backing.innerText(), /\/dev\/sda\s+snapshot for .* · available · 1 GiB/);
  const properties = page.getByRole('region', { name: 'Properties' });
  const listed = await properties.innerText();
  assert.match(listed, /root_device_name\s+\/dev\/sda/);
  assert.match(listed, /bdm_v2\s+True/);
  assert.match(listed, /owner_project_name\s+demo/);
  await page.screenshot({ path: `${artifacts}/volume-backed-detail.png`, fullPage: true });
  // The root disk's link leads to its Cinder snapshot.
  await backing.getByRole('link').first().click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/volumes/snapshots/${cinderSnapshots[0]}`);
  await page.getByRole('region', { name: 'Details' }).getByText(`snapshot for ${snapshotName}`).waitFor({ timeout: 30_000 });
});

test('Launch copy of the volume-backed snapshot: a 0 GB flavor is offered, and Nova boots the copy from new volumes', async () => {
  await open('/compute/images');
  await row('images', snapshotName).getByRole('button', { name: 'Launch copy' }).click();
  const dialog = page.getByRole('dialog', { name: `Launch a copy of ${snapshotName}` });
  await dialog.waitFor();
  assert.match(await dialog.innerText(), /a flavor without a root disk \(0 GB\) will do/);
  const flavor = dialog.getByRole('combobox', { name: 'Flavor' });
  const zeroDisk = flavor.locator('option', { hasText: /^m1\.volume \(1 vCPU, 512 MiB RAM, 0 GiB disk\)$/ });
  await zeroDisk.waitFor({ state: 'attached', timeout: 30_000 });
  // Nova records no source instance on a volume-backed snapshot (no instance_uuid), so
  // nothing is preset from one.
  assert.equal(await dialog.getByText('An exact copy of').count(), 0);
  await flavor.selectOption(await zeroDisk.getAttribute('value'));
  await dialog.getByRole('textbox', { name: 'Instance name' }).fill(copyName);
  await dialog.getByRole('combobox', { name: 'Network' }).selectOption('none');
  await dialog.getByRole('button', { name: 'Launch', exact: true }).click();
  await page.waitForURL(`${baseUrl}/local/demo/RegionOne/compute/instances`, { timeout: 60_000 });
  const copy = row('instances', copyName);
  await copy.getByText('ACTIVE').waitFor({ timeout: 180_000 });
  const id = await copy.getAttribute('data-id');
  const { server } = await read('nova', `/servers/${id}`);
  // Noted first, so the clean-up finds them however the assertions end.
  const attached = server['os-extended-volumes:volumes_attached'].map((v) => v.id);
  attached.forEach((v) => copyVolumes.add(v));
  // Nova names the image it was asked for, though the root disk is a new volume.
  assert.equal(server.image.id, imageId);
  assert.equal(attached.length, 2);
  for (const volumeId of attached) {
    const { volume } = await read('cinder', `/volumes/${volumeId}`);
    assert.ok(cinderSnapshots.includes(volume.snapshot_id), `${volumeId} from ${volume.snapshot_id}`);
  }
  // The copy and its volumes go, so the Cinder snapshots they came from can go too.
  await remove('nova', `/servers/${id}`);
  await until('the copy deleted', () => read('nova', `/servers/${id}`), (a) => a.notFound);
  for (const volumeId of attached) {
    await until(`volume ${volumeId} detached`, () => read('cinder', `/volumes/${volumeId}`), (a) => a.volume?.status === 'available');
    await remove('cinder', `/volumes/${volumeId}`);
    await until(`volume ${volumeId} deleted`, () => read('cinder', `/volumes/${volumeId}`), (a) => a.notFound);
    copyVolumes.delete(volumeId);
  }
});

test('Delete Image of a volume-backed snapshot offers its Cinder snapshots, named, and deletes them with it', async () => {
  await open('/compute/images');
  const image = row('images', snapshotName);
  await image.getByRole('button', { name: 'Delete Image' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete Image' });
  await confirm.waitFor();
  const widen = confirm.getByRole('checkbox', { name: /Also delete the 2 Cinder snapshots that hold its data/ });
  assert.equal(await widen.isChecked(), true);
  const said = await confirm.innerText();
  for (const [n, id] of cinderSnapshots.entries()) {
    assert.match(said, new RegExp(`Cinder snapshot ${id} \\(/dev/sd${'ab'[n]} of ${snapshotName}\\)`));
  }
  assert.equal(
    await confirm.locator('.cli code').innerText(),
    `openstack image delete ${imageId}\nopenstack volume snapshot delete ${cinderSnapshots.join(' ')}`,
  );
  // Unchecked, only the image would go.
  await widen.uncheck();
  assert.equal(await confirm.locator('.cli code').innerText(), `openstack image delete ${imageId}`);
  await widen.check();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await image.waitFor({ state: 'detached', timeout: 60_000 });
  await until('image deleted', () => read('glance', `/v2/images/${imageId}`), (a) => a.notFound || a.status === 'deleted');
  for (const id of cinderSnapshots) {
    await until(`Cinder snapshot ${id} deleted`, () => read('cinder', `/snapshots/${id}`), (a) => a.notFound);
  }
});

test('no script ran from a name, and nothing went wrong in the console', () => {
  assert.deepEqual(alerts, []);
  assert.deepEqual(errors, []);
});
