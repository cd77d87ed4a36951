// Installed webapp plugins: upload of a .tar.gz (plugin_install.go layout rules), enable/disable,
// the client manifests `GET /plugins/webapp` lists, and the bundle served at
// `/static/plugins/<id>/<id>_<hash>_bundle.js`.
import { gunzipSync } from 'node:zlib';
import { parseTar } from 'nanotar';
import { AppError } from './app-error.ts';

export interface PluginManifest {
  id: string;
  name?: string;
  description?: string;
  version?: string;
  min_server_version?: string;
  webapp?: { bundle_path: string };
  server?: unknown;
  settings_schema?: unknown;
  props?: Record<string, unknown>;
  [key: string]: unknown;
}

interface InstalledPlugin {
  manifest: PluginManifest;
  bundle: Buffer | undefined;
  bundleHash: string;
  enabled: boolean;
}

// model.IsValidPluginId
const PLUGIN_ID = /^[a-zA-Z0-9-_.]{3,190}$/;
const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** 64-bit FNV-1a, the hash Mattermost puts in bundle file names. */
export function fnv64a(data: Uint8Array): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of data) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function badPlugin(id: string, message: string, detail = ''): AppError {
  return new AppError(400, id, message, detail);
}

export function validateManifest(raw: unknown): PluginManifest {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badPlugin('app.plugin.manifest.invalid.app_error', 'Invalid plugin manifest.', 'not a JSON object');
  const m = raw as PluginManifest;
  if (typeof m.id !== 'string' || !PLUGIN_ID.test(m.id))
    throw badPlugin('app.plugin.manifest.invalid.app_error', 'Invalid plugin manifest.', 'invalid plugin id');
  if (typeof m.name !== 'string' || m.name === '')
    throw badPlugin(
      'app.plugin.manifest.invalid.app_error',
      'Invalid plugin manifest.',
      'a plugin name is needed',
    );
  for (const key of ['version', 'min_server_version'] as const)
    if (m[key] !== undefined && (typeof m[key] !== 'string' || !SEMVER.test(m[key])))
      throw badPlugin('app.plugin.manifest.invalid.app_error', 'Invalid plugin manifest.', `invalid ${key}`);
  return m;
}

/** Files of a plugin archive, with a single top-level folder stripped as Mattermost does. */
export function extractPluginArchive(archive: Uint8Array): Map<string, Uint8Array> {
  let tar: Uint8Array;
  let entries: ReturnType<typeof parseTar>;
  try {
    // A copy with its own ArrayBuffer: nanotar reads `.buffer` and ignores the offset of Node's
    // pooled small Buffers, which made it parse unrelated memory.
    tar = new Uint8Array(gunzipSync(archive));
    entries = parseTar(tar);
  } catch (err) {
    throw badPlugin('app.plugin.extract.app_error', 'Encountered error extracting plugin.', String(err));
  }
  const files = new Map<string, Uint8Array>();
  for (const e of entries) {
    const name = e.name.replace(/^\.\//, '');
    if (e.type === 'file' && 'data' in e && e.data && name && !name.split('/').includes('..'))
      files.set(name, e.data);
  }
  const tops = new Set([...files.keys()].map((n) => n.split('/')[0]));
  const [onlyTop] = tops;
  if (tops.size === 1 && onlyTop !== undefined && ![...files.keys()].includes(onlyTop)) {
    const stripped = new Map<string, Uint8Array>();
    for (const [n, d] of files) stripped.set(n.slice(onlyTop.length + 1), d);
    return stripped;
  }
  return files;
}

export class PluginStore {
  readonly #plugins = new Map<string, InstalledPlugin>();
  /** PluginSettings.Enable */
  enabled: boolean;
  /** PluginSettings.EnableUploads (and RequirePluginSignature=false) */
  uploadsEnabled: boolean;

  constructor(opts: { enabled: boolean; uploadsEnabled: boolean }) {
    this.enabled = opts.enabled;
    this.uploadsEnabled = opts.uploadsEnabled;
  }

  /** Installs from the files of an extracted plugin. Keeps the enabled state of a replaced plugin. */
  installFiles(files: Map<string, Uint8Array>, force: boolean): PluginManifest {
    const manifestFile = files.get('plugin.json');
    if (!manifestFile)
      throw badPlugin(
        'app.plugin.manifest.missing.app_error',
        'Unable to find manifest in extracted plugin.',
      );
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(manifestFile).toString('utf8'));
    } catch (err) {
      throw badPlugin('app.plugin.manifest.invalid.app_error', 'Invalid plugin manifest.', String(err));
    }
    const manifest = validateManifest(parsed);
    const existing = this.#plugins.get(manifest.id);
    if (existing && !force)
      throw badPlugin(
        'app.plugin.install_id.app_error',
        'Unable to install plugin. A plugin with the same ID is already installed.',
      );
    const bundlePath = manifest.webapp?.bundle_path;
    const bundleData = bundlePath ? files.get(bundlePath.replace(/^\.\//, '')) : undefined;
    if (bundlePath && !bundleData)
      throw badPlugin(
        'app.plugin.manifest.invalid.app_error',
        'Invalid plugin manifest.',
        `missing ${bundlePath}`,
      );
    const bundle = bundleData ? Buffer.from(bundleData) : undefined;
    this.#plugins.set(manifest.id, {
      manifest,
      bundle,
      bundleHash: bundle ? fnv64a(bundle) : '',
      enabled: existing?.enabled ?? false,
    });
    return manifest;
  }

  installArchive(archive: Uint8Array, force: boolean): PluginManifest {
    return this.installFiles(extractPluginArchive(archive), force);
  }

  has(id: string): boolean {
    return this.#plugins.has(id);
  }

  setEnabled(id: string, enabled: boolean): PluginManifest {
    const p = this.#plugins.get(id);
    if (!p) throw new AppError(404, 'app.plugin.not_installed.app_error', 'Plugin is not installed.');
    p.enabled = enabled;
    return p.manifest;
  }

  /** `Manifest.ClientManifest()` with the settings schema removed, as getWebappPlugins returns it. */
  clientManifest(id: string): PluginManifest | undefined {
    const p = this.#plugins.get(id);
    if (!p) return undefined;
    const { name: _n, description: _d, server: _s, settings_schema: _ss, ...rest } = p.manifest;
    const out: PluginManifest = { ...rest };
    if (p.manifest.webapp) out.webapp = { bundle_path: `/static/${id}/${id}_${p.bundleHash}_bundle.js` };
    return out;
  }

  /** Active plugins that have a webapp part. */
  webappManifests(): PluginManifest[] {
    return [...this.#plugins.values()]
      .filter((p) => p.enabled && p.bundle)
      .map((p) => this.clientManifest(p.manifest.id))
      .filter((m): m is PluginManifest => m !== undefined);
  }

  statuses(): Array<Record<string, unknown>> {
    return [...this.#plugins.values()].map((p) => ({
      plugin_id: p.manifest.id,
      cluster_id: '',
      plugin_path: `plugins/${p.manifest.id}`,
      state: p.enabled ? 2 : 0,
      error: '',
      name: p.manifest.name ?? '',
      description: p.manifest.description ?? '',
      version: p.manifest.version ?? '',
    }));
  }

  list(): { active: PluginManifest[]; inactive: PluginManifest[] } {
    const all = [...this.#plugins.values()];
    return {
      active: all.filter((p) => p.enabled).map((p) => p.manifest),
      inactive: all.filter((p) => !p.enabled).map((p) => p.manifest),
    };
  }

  /** The bundle behind `/static/plugins/<id>/<file>`, only while the plugin is enabled. */
  bundleFile(id: string, file: string): Buffer | undefined {
    const p = this.#plugins.get(id);
    if (!p?.enabled || !p.bundle || file !== `${id}_${p.bundleHash}_bundle.js`) return undefined;
    return p.bundle;
  }
}
