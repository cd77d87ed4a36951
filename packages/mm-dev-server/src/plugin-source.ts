// Reads a plugin to install at start: a plugin directory (`plugin.json` + webapp bundle) or a .tar.gz.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

async function walk(dir: string, root: string, out: Map<string, Uint8Array>): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) await walk(full, root, out);
    else if (entry.isFile()) out.set(relative(root, full).split('\\').join('/'), await readFile(full));
  }
}

/** `{files}` for a directory, `{archive}` for a tarball. */
export async function readPluginSource(
  path: string,
): Promise<{ files: Map<string, Uint8Array> } | { archive: Uint8Array }> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const files = new Map<string, Uint8Array>();
    await walk(path, path, files);
    return { files };
  }
  return { archive: await readFile(path) };
}
