// Forwards HTTP requests and WebSocket upgrades to mm-dev-server unchanged, so the page and the
// Mattermost API share one origin: the host page fetches `/api/v4/...` relative to itself and
// relies on the session cookie, exactly as Mattermost's own webapp does.
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Upstream {
  host: string;
  port: number;
}

export function forwardRequest(req: IncomingMessage, res: ServerResponse, to: Upstream): void {
  const out = request(
    {
      host: to.host,
      port: to.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: `${to.host}:${to.port}` },
    },
    (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
    },
  );
  out.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`demo proxy: ${err.message}`);
  });
  req.pipe(out);
}

/** Splices the client's upgrade onto a fresh connection to the upstream; returns both sockets. */
export function forwardUpgrade(req: IncomingMessage, client: Duplex, head: Buffer, to: Upstream): Socket {
  const upstream = connect(to.port, to.host, () => {
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      const value = name.toLowerCase() === 'host' ? `${to.host}:${to.port}` : (req.rawHeaders[i + 1] ?? '');
      lines.push(`${name}: ${value}`);
    }
    upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length > 0) upstream.write(head);
    client.pipe(upstream).pipe(client);
  });
  upstream.on('error', () => client.destroy());
  upstream.on('close', () => client.destroy());
  client.on('error', () => upstream.destroy());
  client.on('close', () => upstream.destroy());
  return upstream;
}
