import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createTar } from 'nanotar';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, DEFAULT_IDS, type MmDevServer } from '../src/index.ts';

const ID = 'com.openclaw.livestatus';
const BUNDLE = 'window.registerPlugin("com.openclaw.livestatus", {initialize() {}});';
const manifest = {
  id: ID,
  name: 'Live Status',
  version: '0.1.0',
  webapp: { bundle_path: 'webapp/dist/main.js' },
};

function pluginTarGz(files: Record<string, string>): Uint8Array {
  return gzipSync(createTar(Object.entries(files).map(([name, data]) => ({ name, data }))));
}
const goodPlugin = () =>
  pluginTarGz({ [`${ID}/plugin.json`]: JSON.stringify(manifest), [`${ID}/webapp/dist/main.js`]: BUNDLE });

function upload(url: string, token: string, archive: Uint8Array, force = false) {
  const form = new FormData();
  form.set('plugin', new Blob([new Uint8Array(archive)]), 'plugin.tar.gz');
  if (force) form.set('force', 'true');
  return fetch(`${url}/api/v4/plugins`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
    body: form,
  });
}

let server: MmDevServer;
afterEach(async () => {
  await server.close();
});

describe('plugins', () => {
  it('uploads a tarball as admin, lists it only once enabled, and serves its bundle at the Mattermost path', async () => {
    server = await createServer();
    const res = await upload(server.url, DEFAULT_IDS.adminToken, goodPlugin());
    expect(res.status).toBe(201);
    expect((await res.json()).id).toBe(ID);
    expect(await (await fetch(`${server.url}/api/v4/plugins/webapp`)).json()).toEqual([]);

    const enable = await fetch(`${server.url}/api/v4/plugins/${ID}/enable`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${DEFAULT_IDS.adminToken}` },
    });
    expect(enable.status).toBe(200);
    const [listed] = await (await fetch(`${server.url}/api/v4/plugins/webapp`)).json();
    expect(listed).toMatchObject({ id: ID, version: '0.1.0' });
    expect(listed.name).toBeUndefined();
    expect(listed.webapp.bundle_path).toMatch(new RegExp(`^/static/${ID}/${ID}_[0-9a-f]{16}_bundle\\.js$`));

    const bundle = await fetch(
      `${server.url}${listed.webapp.bundle_path.replace('/static/', '/static/plugins/')}`,
    );
    expect(bundle.status).toBe(200);
    expect(await bundle.text()).toBe(BUNDLE);

    const statuses = await fetch(`${server.url}/api/v4/plugins/statuses`, {
      headers: { Authorization: `Bearer ${DEFAULT_IDS.adminToken}` },
    });
    expect(await statuses.json()).toEqual([expect.objectContaining({ plugin_id: ID, state: 2 })]);
  });

  it('refuses uploads from non-admins (403), duplicates without force (400), and when uploads are off (501)', async () => {
    server = await createServer();
    expect((await upload(server.url, DEFAULT_IDS.botToken, goodPlugin())).status).toBe(403);
    expect((await upload(server.url, DEFAULT_IDS.adminToken, goodPlugin())).status).toBe(201);
    const dup = await upload(server.url, DEFAULT_IDS.adminToken, goodPlugin());
    expect(dup.status).toBe(400);
    expect((await dup.json()).id).toBe('app.plugin.install_id.app_error');
    const forced = await upload(server.url, DEFAULT_IDS.adminToken, goodPlugin(), true);
    expect(await forced.text()).toContain(ID);
    expect(forced.status).toBe(201);
    await server.close();
    server = await createServer({ plugins: { uploadsEnabled: false } });
    expect((await upload(server.url, DEFAULT_IDS.adminToken, goodPlugin())).status).toBe(501);
  });

  it('answers 400 to a broken archive or manifest and keeps serving', async () => {
    server = await createServer();
    const notGzip = await upload(
      server.url,
      DEFAULT_IDS.adminToken,
      new TextEncoder().encode('not a tarball'),
    );
    expect(notGzip.status).toBe(400);
    const noManifest = await upload(server.url, DEFAULT_IDS.adminToken, pluginTarGz({ 'x/readme.md': 'hi' }));
    expect((await noManifest.json()).id).toBe('app.plugin.manifest.missing.app_error');
    const badId = await upload(
      server.url,
      DEFAULT_IDS.adminToken,
      pluginTarGz({ 'plugin.json': JSON.stringify({ ...manifest, id: 'a b' }) }),
    );
    expect(badId.status).toBe(400);
    expect((await fetch(`${server.url}/api/v4/system/ping`)).status).toBe(200);
  });

  it('installs a plugin directory in-process at start (the demo path)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mm-plugin-'));
    await mkdir(join(dir, 'webapp/dist'), { recursive: true });
    await writeFile(join(dir, 'plugin.json'), JSON.stringify(manifest));
    await writeFile(join(dir, 'webapp/dist/main.js'), BUNDLE);
    server = await createServer({ plugins: { install: [dir] } });
    const list = await (await fetch(`${server.url}/api/v4/plugins/webapp`)).json();
    expect(list.map((m: { id: string }) => m.id)).toEqual([ID]);
  });
});
