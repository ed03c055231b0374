import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTemporalConnection } from './loadTemporalConnection';
import { describeTemporalConnection, temporalCliConnection } from './temporalConnection';

const dir = mkdtempSync(join(tmpdir(), 'lifecycle-temporal-env-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pem = (name: string) => {
  const file = join(dir, name);
  writeFileSync(file, `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`);
  return file;
};

describe('the Temporal connection from the environment', () => {
  it('is plaintext to the local dev server by default', () => {
    const connection = loadTemporalConnection({});
    expect(connection.sdk).toEqual({ address: '127.0.0.1:7233', tls: false });
    expect(describeTemporalConnection(connection)).toBe('127.0.0.1:7233 (namespace default, plaintext)');
  });

  it('reads the client certificate, key and CA files for mTLS, and the CLI gets the same as flags', () => {
    const [cert, key, ca] = [pem('client.pem'), pem('client.key'), pem('ca.pem')];
    const env = { TEMPORAL_ADDRESS: 'ns.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns', TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_SERVER_NAME: 'temporal.internal' };
    const connection = loadTemporalConnection(env);
    const tls = connection.sdk.tls;
    expect(tls && tls.clientCertPair?.crt.toString()).toContain('client.pem');
    expect(tls && tls.clientCertPair?.key.toString()).toContain('client.key');
    expect(tls && tls.serverRootCACertificate?.toString()).toContain('ca.pem');
    expect(tls && tls.serverNameOverride).toBe('temporal.internal');
    expect(describeTemporalConnection(connection)).toBe('ns.tmprl.cloud:7233 (namespace ns, mTLS)');
    expect(temporalCliConnection(connection).args).toEqual([
      '--address', 'ns.tmprl.cloud:7233', '--namespace', 'ns', '--tls=true',
      '--tls-cert-path', cert, '--tls-key-path', key, '--tls-ca-path', ca, '--tls-server-name', 'temporal.internal',
    ]);
  });

  it('turns TLS on for an API key (unless TEMPORAL_TLS=false) and hands the key to the CLI through its environment, not argv', () => {
    const connection = loadTemporalConnection({ TEMPORAL_ADDRESS: 'x:7233', TEMPORAL_API_KEY: 'key-123' });
    expect(connection.sdk).toEqual({ address: 'x:7233', tls: {}, apiKey: 'key-123' });
    expect(temporalCliConnection(connection)).toEqual({ args: ['--address', 'x:7233', '--namespace', 'default', '--tls=true'], env: { TEMPORAL_API_KEY: 'key-123' } });
    expect(loadTemporalConnection({ TEMPORAL_API_KEY: 'key-123', TEMPORAL_TLS: 'false' }).sdk.tls).toBe(false);
  });

  it('refuses to boot naming the variable: a missing file, a file that is not PEM, a certificate without its key, TLS files with TLS off', () => {
    expect(() => loadTemporalConnection({ TEMPORAL_TLS_CA: join(dir, 'nope.pem') })).toThrow(`TEMPORAL_TLS_CA: cannot read ${join(dir, 'nope.pem')} (ENOENT)`);
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => loadTemporalConnection({ TEMPORAL_TLS_CA: notPem })).toThrow(`TEMPORAL_TLS_CA: ${notPem} is not a PEM file`);
    expect(() => loadTemporalConnection({ TEMPORAL_TLS_CERT: pem('lonely.pem') })).toThrow(/TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both/);
    expect(() => loadTemporalConnection({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: pem('ca2.pem') })).toThrow(/TEMPORAL_TLS: false, but TEMPORAL_TLS_CA only work/);
    expect(() => loadTemporalConnection({ TEMPORAL_TLS: 'maybe' })).toThrow(/TEMPORAL_TLS/);
  });
});
