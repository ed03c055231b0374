import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { connect as http2Connect, constants, createSecureServer, type IncomingHttpHeaders } from 'node:http2';
import { connect as netConnect, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { createServer as createTlsServer } from 'node:tls';

export type Certificates = { ca: string; serverCert: string; serverKey: string; clientCert: string; clientKey: string };

/** A throwaway CA, a server certificate for localhost/127.0.0.1 and a client certificate it signed, made by openssl. */
export function makeCertificates(dir: string): Certificates {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Lifecycle test CA');
  const sign = (name: string, subject: string, extensions: string) => {
    writeFileSync(join(dir, `${name}.ext`), extensions);
    openssl('req', ...ec, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
  };
  sign('server', '/CN=localhost', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  sign('client', '/CN=lifecycle-worker', 'extendedKeyUsage=clientAuth\n');
  const path = (file: string) => join(dir, file);
  return { ca: path('ca.pem'), serverCert: path('server.pem'), serverKey: path('server.key'), clientCert: path('client.pem'), clientKey: path('client.key') };
}

export type Listening = { port: number; close(): Promise<void> };

function listening(server: Server): Promise<Listening> {
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () =>
      done({ port: (server.address() as AddressInfo).port, close: () => new Promise((closed) => server.close(() => closed())) }),
    );
  });
}

/**
 * TLS in front of the plaintext dev server (which has no TLS flags): each TLS connection is piped to a TCP one.
 * With `clientCa`, only clients presenting a certificate signed by it get through (mTLS).
 */
export function tlsTerminator(options: { target: number; key: Buffer; cert: Buffer; clientCa?: Buffer }): Promise<Listening & { refused: () => number }> {
  let refused = 0;
  const mutual = options.clientCa ? { requestCert: true, rejectUnauthorized: true, ca: options.clientCa } : {};
  const server = createTlsServer({ key: options.key, cert: options.cert, ALPNProtocols: ['h2'], ...mutual }, (socket) => {
    const upstream = netConnect(options.target, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    socket.on('error', () => upstream.destroy());
    upstream.on('error', () => socket.destroy());
  });
  server.on('tlsClientError', () => refused++);
  return listening(server).then((handle) => ({ ...handle, refused: () => refused }));
}

/**
 * A TLS gRPC (HTTP/2) proxy to the plaintext dev server that records each call's request headers, so a test sees
 * what a client really sent (the `authorization` metadata of an API key), then forwards the call unchanged.
 */
export function recordingGrpcProxy(options: { target: number; key: Buffer; cert: Buffer }): Promise<Listening & { calls: { path: string; headers: IncomingHttpHeaders }[] }> {
  const calls: { path: string; headers: IncomingHttpHeaders }[] = [];
  const upstream = http2Connect(`http://127.0.0.1:${options.target}`);
  upstream.on('error', () => undefined);
  const server = createSecureServer({ key: options.key, cert: options.cert });
  server.on('stream', (stream, headers) => {
    calls.push({ path: String(headers[constants.HTTP2_HEADER_PATH]), headers });
    const forwarded = Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':') || name === ':method' || name === ':path'));
    const request = upstream.request(forwarded, { endStream: false });
    stream.pipe(request);
    request.on('response', (responseHeaders) => {
      const { [constants.HTTP2_HEADER_STATUS]: status, ...rest } = responseHeaders;
      stream.respond({ ':status': Number(status), ...rest }, { waitForTrailers: true });
      request.pipe(stream);
    });
    let trailers: Record<string, string | string[]> = {};
    request.on('trailers', (received) => (trailers = Object.fromEntries(Object.entries(received).filter(([, v]) => v !== undefined)) as typeof trailers));
    stream.on('wantTrailers', () => stream.sendTrailers(trailers));
    request.on('error', () => stream.destroy());
    stream.on('error', () => request.close());
  });
  return new Promise((done) => {
    server.listen(0, '127.0.0.1', () =>
      done({
        port: (server.address() as AddressInfo).port,
        calls,
        close: () => new Promise((closed) => (upstream.close(), server.close(() => closed()))),
      }),
    );
  });
}
