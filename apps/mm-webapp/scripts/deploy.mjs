// `npm run deploy` (MM_URL, MM_TOKEN): uploads the packaged plugin with force=true and enables it
// (POST /api/v4/plugins, POST /api/v4/plugins/{id}/enable). The server's refusals are turned into
// messages that say what to change (reference/mattermost.md §5).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export class DeployError extends Error {}

async function serverMessage(res) {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    return [body.id, body.message].filter(Boolean).join(': ');
  } catch {
    return text.slice(0, 200);
  }
}

/** Explains a refused upload or enable; the status codes are the server's (api4/plugin.go). */
export function explainRefusal(step, status, detail) {
  const tail = detail ? ` (server said: ${detail})` : '';
  switch (status) {
    case 501:
      return `${step} refused with 501: plugin uploads are disabled on this server, or plugin signatures are required. Set PluginSettings.Enable, PluginSettings.EnableUploads to true and PluginSettings.RequirePluginSignature to false, or install manually (apps/mm-webapp/README.md, "Manual install")${tail}`;
    case 403:
      return `${step} refused with 403: the token's user is not a system admin (needs the sysconsole_write_plugins permission); use a system admin's personal access token${tail}`;
    case 401:
      return `${step} refused with 401: MM_TOKEN is not a valid session or access token${tail}`;
    case 413:
      return `${step} refused with 413: the package is larger than FileSettings.MaxFileSize${tail}`;
    default:
      return `${step} failed with HTTP ${status}${tail}`;
  }
}

export async function deployPlugin({ url, token, file, fetchImpl = fetch }) {
  if (!url) throw new DeployError('MM_URL is not set (e.g. MM_URL=https://chat.example.com)');
  if (!token) throw new DeployError('MM_TOKEN is not set (a system admin personal access token)');
  const base = url.replace(/\/+$/, '');
  const auth = { Authorization: `Bearer ${token}`, 'X-Requested-With': 'XMLHttpRequest' };
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'plugin.json'), 'utf8'));

  const form = new FormData();
  form.append('plugin', new Blob([readFileSync(file)], { type: 'application/gzip' }), path.basename(file));
  form.append('force', 'true');
  let res = await fetchImpl(`${base}/api/v4/plugins`, { method: 'POST', headers: auth, body: form });
  if (res.status !== 201 && res.status !== 200) {
    throw new DeployError(explainRefusal('upload', res.status, await serverMessage(res)));
  }
  const uploaded = await res.json().catch(() => ({}));
  const id = typeof uploaded.id === 'string' ? uploaded.id : manifest.id;

  res = await fetchImpl(`${base}/api/v4/plugins/${encodeURIComponent(id)}/enable`, {
    method: 'POST',
    headers: auth,
  });
  if (!res.ok) throw new DeployError(explainRefusal('enable', res.status, await serverMessage(res)));
  return { id };
}

function latestPackage() {
  const manifest = JSON.parse(readFileSync(path.join(appDir, 'plugin.json'), 'utf8'));
  const name = `${manifest.id}-${manifest.version}.tar.gz`;
  const dist = path.join(appDir, 'dist');
  let files = [];
  try {
    files = readdirSync(dist);
  } catch {}
  if (!files.includes(name)) {
    throw new DeployError(`no ${name} in apps/mm-webapp/dist: run "npm run package -w apps/mm-webapp" first`);
  }
  return path.join(dist, name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const file = latestPackage();
    const { id } = await deployPlugin({ url: process.env.MM_URL, token: process.env.MM_TOKEN, file });
    console.log(`uploaded ${path.basename(file)} and enabled ${id} on ${process.env.MM_URL}`);
  } catch (err) {
    console.error(err instanceof DeployError ? `deploy: ${err.message}` : err);
    process.exit(1);
  }
}
