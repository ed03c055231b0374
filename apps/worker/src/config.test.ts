import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMaxCachedWorkflows } from './cacheBudget';
import { developmentSecret, loadWorkerConfig } from './config';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadWorkerConfig', () => {
  it('applies the documented defaults', () => {
    expect(loadWorkerConfig({ TRACKING_SECRET: 'a-secret-of-sixteen+' })).toEqual({
      databasePath: '.data/lifecycle.db',
      temporal: { namespace: 'default', sdk: { address: '127.0.0.1:7233', tls: false }, files: {} },
      smtpUrl: 'smtp://127.0.0.1:1025',
      mailFrom: 'Lifecycle <hello@lifecycle.local>',
      publicUrl: 'http://127.0.0.1:3000',
      trackingSecret: 'a-secret-of-sixteen+',
      healthPort: 3001,
      maxCachedWorkflows: defaultMaxCachedWorkflows(),
      smtpPool: { maxConnections: 5, maxMessages: 100 },
    });
  });

  it('takes the sticky cache bound and the SMTP pool sizes from the environment, naming a bad one', () => {
    const secret = { TRACKING_SECRET: 'a-secret-of-sixteen+' };
    expect(loadWorkerConfig({ ...secret, WORKER_MAX_CACHED_WORKFLOWS: '250', SMTP_POOL_MAX_CONNECTIONS: '2', SMTP_POOL_MAX_MESSAGES: '500' })).toMatchObject({
      maxCachedWorkflows: 250,
      smtpPool: { maxConnections: 2, maxMessages: 500 },
    });
    expect(() => loadWorkerConfig({ ...secret, WORKER_MAX_CACHED_WORKFLOWS: 'lots' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS: /);
    expect(() => loadWorkerConfig({ ...secret, WORKER_MAX_CACHED_WORKFLOWS: '-1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS: /);
    expect(() => loadWorkerConfig({ ...secret, SMTP_POOL_MAX_CONNECTIONS: '0' })).toThrow(/SMTP_POOL_MAX_CONNECTIONS: /);
    expect(() => loadWorkerConfig({ ...secret, SMTP_POOL_MAX_MESSAGES: '1.5' })).toThrow(/SMTP_POOL_MAX_MESSAGES: /);
  });
});

describe('defaultMaxCachedWorkflows', () => {
  it('gives the cache a quarter of the memory at 0.5 MB a run, between 100 and 1000', () => {
    const gb = 1024 ** 3;
    expect(defaultMaxCachedWorkflows(gb)).toBe(512);
    expect(defaultMaxCachedWorkflows(gb / 8)).toBe(100);
    expect(defaultMaxCachedWorkflows(64 * gb)).toBe(1000);
  });

  it('names the variable that is wrong, and requires a tracking secret in production', () => {
    expect(() => loadWorkerConfig({ PUBLIC_URL: 'not a url', TRACKING_SECRET: 'a-secret-of-sixteen+' })).toThrow(/PUBLIC_URL/);
    expect(() => loadWorkerConfig({ NODE_ENV: 'production' })).toThrow(/TRACKING_SECRET is required/);
    const secret = { TRACKING_SECRET: 'a-secret-of-sixteen+' };
    expect(() => loadWorkerConfig({ ...secret, TEMPORAL_TLS_CERT: '/missing/client.pem' })).toThrow(
      'invalid worker environment: TEMPORAL_TLS_CERT: cannot read /missing/client.pem (ENOENT)',
    );
  });
});

describe('developmentSecret', () => {
  it('creates a random secret once and hands the same one to every later process', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifecycle-secret-'));
    dirs.push(dir);
    const file = join(dir, '.data', 'secret');
    const first = developmentSecret(file);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(developmentSecret(file)).toBe(first);
    expect(readFileSync(file, 'utf8')).toBe(first);
  });
});
