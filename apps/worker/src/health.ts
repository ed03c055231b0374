import { createServer, type Server } from 'node:http';

/**
 * GET /health → 200 `{ ok: true, temporal: 'connected' }` while `isConnected()` holds, else 503.
 * GET /metrics → the worker's Prometheus metrics, when `metrics` is given.
 */
export function startHealthServer(port: number, isConnected: () => boolean, metrics?: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.split('?')[0];
    if (req.method === 'GET' && path === '/metrics' && metrics) {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics());
      return;
    }
    if (req.method !== 'GET' || path !== '/health') {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found' }));
      return;
    }
    const connected = isConnected();
    res
      .writeHead(connected ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ ok: connected, temporal: connected ? 'connected' : 'connecting' }));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve(server));
  });
}
