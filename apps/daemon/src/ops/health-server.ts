// GET /health (JSON) and GET /metrics (Prometheus text) on 127.0.0.1:HEALTH_PORT.
import { createServer, type Server } from 'node:http';
import { type HealthSnapshot, toPrometheus } from './health.ts';

export async function startHealthServer(
  port: number,
  snapshot: () => HealthSnapshot,
  host = '127.0.0.1',
): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405).end();
      return;
    }
    if (url === '/health') {
      const h = snapshot();
      res.writeHead(h.status === 'ok' || h.status === 'starting' ? 200 : 503, {
        'content-type': 'application/json',
      });
      res.end(`${JSON.stringify(h, null, 2)}\n`);
    } else if (url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(toPrometheus(snapshot()));
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    server,
    port: typeof addr === 'object' && addr ? addr.port : port,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
