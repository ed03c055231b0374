import { createServer, type Server } from 'node:http';

/** GET /health → 200 `{ ok: true, temporal: 'connected' }` while `isConnected()` holds, else 503. */
export function startHealthServer(port: number, isConnected: () => boolean): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/health') {
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
