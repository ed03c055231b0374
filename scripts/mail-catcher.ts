import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { toCaughtMessage } from './mailCatcher/parse';
import { openMailStore, type MailStore } from './mailCatcher/store';

export type { CaughtMessage } from './mailCatcher/parse';

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export type MailCatcherOptions = { smtpPort?: number; httpPort?: number; file?: string; host?: string };
/** A running catcher; ports are the bound ones (useful when 0 was asked for). */
export type RunningMailCatcher = { smtpPort: number; httpPort: number; stop(): Promise<void> };

function createSmtp(store: MailStore): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    secure: false,
    size: MAX_MESSAGE_BYTES,
    logger: false,
    banner: 'Lifecycle mail catcher',
    onAuth: (_auth, _session, callback) => callback(null, { user: 'catcher' }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
            return;
          }
          store.add(toCaughtMessage(parsed, session.envelope));
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function route(store: MailStore, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://catcher');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (req.method === 'GET' && path === '/health') return send(res, 200, { ok: true, messages: store.count() });
  if (path === '/messages' && req.method === 'GET') {
    return send(res, 200, { messages: store.list({ to: url.searchParams.get('to') ?? undefined }) });
  }
  if (path === '/messages' && req.method === 'DELETE') {
    store.clear();
    return send(res, 200, { ok: true });
  }
  const one = /^\/messages\/([^/]+)$/.exec(path);
  if (one && req.method === 'GET') {
    const message = store.get(decodeURIComponent(one[1] ?? ''));
    return message ? send(res, 200, message) : send(res, 404, { error: 'not_found', message: 'No such message' });
  }
  send(res, 404, { error: 'not_found', message: `${req.method} ${path} is not a route` });
}

function listen(server: Server | SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    const inner = server instanceof SMTPServer ? server.server : server;
    inner.once('error', fail);
    inner.listen(port, host, () => {
      inner.off('error', fail);
      done((inner.address() as AddressInfo).port);
    });
  });
}

/** Starts the SMTP catcher and its HTTP API; messages persist to `file` (JSONL) and are reloaded at boot. */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<RunningMailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const store = openMailStore(resolve(options.file ?? '.data/mail-catcher.jsonl'));
  const smtp = createSmtp(store);
  // A client that drops its connection mid-message (a worker killed while sending) is its own failure, not the
  // catcher's: smtp-server reports it as an 'error' event, which with no listener would end the process.
  smtp.on('error', (error: Error) => console.warn(`mail catcher: an SMTP connection failed: ${error.message}`));
  const http = createServer((req, res) => route(store, req, res));
  const smtpPort = await listen(smtp, options.smtpPort ?? 1025, host);
  const httpPort = await listen(http, options.httpPort ?? 1080, host).catch(async (error: unknown) => {
    await new Promise<void>((done) => smtp.close(() => done()));
    throw error;
  });
  return {
    smtpPort,
    httpPort,
    async stop() {
      http.closeAllConnections();
      await Promise.all([new Promise<void>((done) => http.close(() => done())), new Promise<void>((done) => smtp.close(() => done()))]);
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const catcher = await startMailCatcher({
    smtpPort: Number(process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: Number(process.env.MAIL_CATCHER_HTTP_PORT ?? 1080),
    file: process.env.MAIL_CATCHER_FILE,
    host: process.env.MAIL_CATCHER_HOST,
  });
  console.log(`mail catcher: SMTP on ${catcher.smtpPort}, HTTP API on http://127.0.0.1:${catcher.httpPort}/messages`);
  const shutdown = () => void catcher.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
