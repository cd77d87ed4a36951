// A minimal ustar writer: the plugin package holds two regular files in one folder, which does
// not justify a dependency. Format: POSIX.1-1988 ustar headers, 512-byte blocks, two zero
// blocks at the end (what Go's archive/tar, used by the Mattermost server, reads).

function header(name, size, type, mode, mtime) {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(512);
  const put = (str, off, len) => h.write(str, off, len, 'utf8');
  const oct = (n, off, len) => put(`${n.toString(8).padStart(len - 1, '0')}\0`, off, len);
  put(name, 0, 100);
  oct(mode, 100, 8);
  oct(0, 108, 8); // uid
  oct(0, 116, 8); // gid
  oct(size, 124, 12);
  oct(mtime, 136, 12);
  put('        ', 148, 8); // checksum placeholder: spaces while summing
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

/**
 * @param {Array<{name: string, data?: Buffer, dir?: boolean}>} entries
 * @param {number} mtime seconds since the epoch (fixed for reproducible packages)
 */
export function tar(entries, mtime = 0) {
  const parts = [];
  for (const e of entries) {
    if (e.dir) {
      parts.push(header(e.name.endsWith('/') ? e.name : `${e.name}/`, 0, '5', 0o755, mtime));
      continue;
    }
    const data = e.data ?? Buffer.alloc(0);
    parts.push(header(e.name, data.length, '0', 0o644, mtime), data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}
