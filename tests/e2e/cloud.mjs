import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

// Direct calls to the local cloud (127.0.0.1 only), for what a browser test must leave behind
// clean (what the portal's own buttons created but has no button to remove), and to read back
// what the cloud now holds after the portal acted.

async function session(logins, project) {
  const response = await fetch(`${logins.auth_url}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: logins.demo.username, domain: { name: 'Default' }, password: logins.demo.password } },
        },
        scope: { project: { name: project, domain: { name: 'Default' } } },
      },
    }),
  });
  if (!response.ok) throw new Error(`Keystone answered ${response.status}`);
  const token = response.headers.get('x-subject-token');
  const { catalog, project: scoped } = (await response.json()).token;
  const endpoint = (types) => {
    const entry = catalog.find((e) => types.includes(e.type));
    return entry.endpoints.find((e) => e.interface === 'public' && e.region_id === 'RegionOne').url.replace(/\/$/, '');
  };
  const call = async (method, url) => {
    const headers = { 'x-auth-token': token, 'openstack-api-version': 'volume 3.64', 'x-openstack-nova-api-version': '2.96' };
    // The local services' WSGI servers may close a kept-alive connection as it is reused
    // ("fetch failed"): once more on a fresh one.
    const answer = await fetch(url, { method, headers }).catch(() => fetch(url, { method, headers }));
    if (!answer.ok && answer.status !== 404) {
      const problem = `${method} ${url}: HTTP ${answer.status} ${await answer.text()}`;
      // Clean-up is best effort (a volume whose snapshot is still being deleted waits for the
      // next run); a failed read is a real failure.
      if (method === 'DELETE') {
        console.warn(`left for the next run: ${problem}`);
        return null;
      }
      throw new Error(problem);
    }
    if (answer.status === 404) return method === 'DELETE' ? null : { notFound: true };
    return answer.status === 204 || method === 'DELETE' ? null : answer.json();
  };
  return { call, nova: endpoint(['compute']), cinder: endpoint(['block-storage', 'volumev3']), glance: endpoint(['image']), neutron: endpoint(['network']), project: scoped.id };
}

// Deletes the demo user's servers, images, backups, volume snapshots and volumes whose names
// start with one of `prefixes` (a test that failed half-way leaves some of each). Returns how
// many it found, removed or not yet removable (a backup still being made waits for a next call).
// In the demo project unless another of the demo user's projects is named.
export async function removeLeftovers(logins, prefixes, projectName = logins.demo.project) {
  const { call, nova, cinder, glance, project } = await session(logins, projectName);
  const ours = (name) => prefixes.some((prefix) => (name ?? '').startsWith(prefix));
  const settled = (item) => ['available', 'error'].includes(item.status);
  let found = 0;
  const { servers } = await call('GET', `${nova}/servers`);
  for (const server of servers.filter((s) => ours(s.name))) {
    found += 1;
    await call('DELETE', `${nova}/servers/${server.id}`);
  }
  const { images } = await call('GET', `${glance}/v2/images?owner=${project}`);
  for (const image of images.filter((i) => ours(i.name))) {
    found += 1;
    await call('DELETE', `${glance}/v2/images/${image.id}`);
  }
  const { backups } = await call('GET', `${cinder}/backups/detail`);
  found += backups.filter((b) => ours(b.name)).length;
  for (const backup of backups.filter((b) => ours(b.name) && settled(b))) {
    await call('DELETE', `${cinder}/backups/${backup.id}`);
  }
  const { snapshots } = await call('GET', `${cinder}/snapshots/detail`);
  found += snapshots.filter((s) => ours(s.name)).length;
  for (const snapshot of snapshots.filter((s) => ours(s.name) && settled(s))) {
    await call('DELETE', `${cinder}/snapshots/${snapshot.id}`);
  }
  const { volumes } = await call('GET', `${cinder}/volumes/detail`);
  found += volumes.filter((v) => ours(v.name)).length;
  for (const volume of volumes.filter((v) => ours(v.name) && ['available', 'error'].includes(v.status))) {
    await call('DELETE', `${cinder}/volumes/${volume.id}`);
  }
  return found;
}

// What the cloud holds, read as the demo user: `read('cinder', '/volumes/ID')` answers the JSON.
export async function reader(logins, projectName = logins.demo.project) {
  const cloud = await session(logins, projectName);
  return (service, path) => cloud.call('GET', `${cloud[service]}${path}`);
}

// Deletes as the demo user, best effort: `remove('nova', '/servers/ID')`.
export async function remover(logins, projectName = logins.demo.project) {
  const cloud = await session(logins, projectName);
  return (service, path) => cloud.call('DELETE', `${cloud[service]}${path}`);
}

// Polls `read` until `done` holds for what it answers; fails after `seconds` with the last answer.
export async function until(what, read, done, seconds = 180) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => { setTimeout(resolve, 1000); });
  }
  throw new Error(`${what}: not reached in ${seconds} s; last answer ${JSON.stringify(last)}`);
}

// What the local EC2 holds, read with the local cloud's own `aws` command (its profiles and
// endpoint, 127.0.0.1): `ec2Read('admin', 'us-east-1', 'describe-volumes', '--volume-ids', id)`.
export async function ec2Read(user, region, ...args) {
  const state = process.env.NUBO_CLOUD_STATE ?? join(homedir(), '.local/share/nubo/local-cloud');
  const { stdout } = await promisify(execFile)(join(state, 'bin', 'aws'), ['--profile', `nubo-${user}`, '--region', region, '--output', 'json', 'ec2', ...args], {
    env: {
      ...process.env,
      AWS_CONFIG_FILE: join(state, 'aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(state, 'aws', 'credentials'),
    },
  });
  return JSON.parse(stdout);
}
