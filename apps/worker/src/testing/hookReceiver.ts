import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedCall {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** How the receiver answers a call: a status (with JSON and headers), or `hang` (never answer, as a stuck server). */
export type HookAnswer = { status: number; json?: unknown; headers?: Record<string, string> } | 'hang';

export interface HookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  calls: ReceivedCall[];
  close(): Promise<void>;
}

/** A real HTTP server on loopback standing in for a webhook's receiver; `answer` decides each reply. */
export async function startHookReceiver(answer: (call: ReceivedCall, callsToPath: number) => HookAnswer): Promise<HookReceiver> {
  const calls: ReceivedCall[] = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const call = { method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      calls.push(call);
      const reply = answer(call, calls.filter((seen) => seen.path === call.path).length);
      if (reply === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      response.end(reply.json === undefined ? '' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    calls,
    close: () =>
      new Promise((resolve) => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
