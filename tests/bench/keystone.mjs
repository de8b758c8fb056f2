// The Keystone token a played cloud answers with: Keystone's own API sample, valid for an hour
// from now, its catalog listing each `[type, name, url]` in RegionOne. Shared by the render
// benchmark and the browser tests that play a cloud on 127.0.0.1.
export function playedToken(sample, services) {
  const now = Date.now();
  const endpoint = ([type, name, url]) => ({
    type,
    name,
    id: `${name}-id`,
    endpoints: [{ id: `${name}-public`, interface: 'public', region: 'RegionOne', region_id: 'RegionOne', url }],
  });
  return {
    token: {
      ...sample.token,
      issued_at: new Date(now).toISOString(),
      expires_at: new Date(now + 3_600_000).toISOString(),
      catalog: services.map(endpoint),
    },
  };
}
