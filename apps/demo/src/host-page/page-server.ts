// The page a newcomer opens: the demo channel as a Mattermost user sees it. It is the webapp
// engineers' stand-in for Mattermost's webapp (apps/mm-webapp/test/host/host.js, served as is,
// with the UMD builds of React 18.2 and friends), loading the plugin bundle the server lists —
// the real package installed on mm-dev-server. Opening `/` logs the browser in (session cookie),
// so nobody types a password; everything else goes to mm-dev-server through the proxy.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { hostPageHtml } from '@livestatus/browser-testing/host-page';
import { forwardRequest, forwardUpgrade, type Upstream } from './proxy.ts';

export interface PageServerOptions {
  /** 0 picks a free port. Binds 127.0.0.1 only. */
  port: number;
  /** mm-dev-server's base URL. */
  upstreamUrl: string;
  login: { username: string; password: string };
  /** Host files by the name the page asks for under `/__host/` (browser-testing's `hostFiles`). */
  files: Record<string, string>;
}

export interface PageServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function logIn(upstreamUrl: string, login: PageServerOptions['login']): Promise<string[]> {
  const res = await fetch(`${upstreamUrl}/api/v4/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'XMLHttpRequest' },
    body: JSON.stringify({ login_id: login.username, password: login.password }),
  });
  if (!res.ok) throw new Error(`login as ${login.username} failed: HTTP ${res.status}`);
  return res.headers.getSetCookie();
}

export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const up = new URL(options.upstreamUrl);
  const upstream: Upstream = { host: up.hostname, port: Number(up.port) };
  const html = hostPageHtml('Live Status demo — Town Square');
  const sockets = new Set<Duplex>();

  const serveHost = async (req: IncomingMessage, res: ServerResponse, pathname: string) => {
    if (pathname === '/' || pathname === '/index.html') {
      const cookies = await logIn(options.upstreamUrl, options.login);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'set-cookie': cookies });
      res.end(html);
      return;
    }
    const file = options.files[pathname.slice('/__host/'.length)];
    if (!pathname.startsWith('/__host/') || file === undefined) {
      forwardRequest(req, res, upstream);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(await readFile(file));
  };

  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    serveHost(req, res, pathname).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`demo page: ${(err as Error).message}`);
    });
  });
  server.on('upgrade', (req, socket, head) => {
    sockets.add(socket);
    const upstreamSocket = forwardUpgrade(req, socket, head, upstream);
    sockets.add(upstreamSocket);
    socket.on('close', () => sockets.delete(socket));
    upstreamSocket.on('close', () => sockets.delete(upstreamSocket));
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : options.port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
