import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drainPendingAnalytics, listUndispatchedEvents } from '@lifecycle/db';
import type { JourneyRunInput, RunEvent } from '@lifecycle/workflows/messages';
import { createApp } from '../app';
import type { Config } from '../config';
import type { RunStarter } from '../runStarter';
import { createDispatcher } from '../dispatch/dispatcher';
import { ensureWriteKey } from '../services/writeKeys';
import { accountsFor } from './accounts';
import { openTestDatabase, testDatabaseUrl } from '@lifecycle/db/testing';

/** A RunStarter that behaves like Temporal for ids (duplicates, unknown runs) and remembers every call. */
export class RecordingStarter implements RunStarter {
  readonly started: { workflowId: string; input: JourneyRunInput }[] = [];
  readonly signals: { workflowId: string; event: RunEvent }[] = [];
  /** While set, every call throws as an unreachable server would. */
  down = false;

  private reachable(): void {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:7233');
  }

  async startRun(input: JourneyRunInput, workflowId: string): Promise<'started' | 'already_started'> {
    this.reachable();
    if (this.started.some((run) => run.workflowId === workflowId)) return 'already_started';
    this.started.push({ workflowId, input });
    return 'started';
  }

  async signalRun(workflowId: string, event: RunEvent): Promise<'signalled' | 'not_found'> {
    this.reachable();
    if (!this.started.some((run) => run.workflowId === workflowId)) return 'not_found';
    this.signals.push({ workflowId, event });
    return 'signalled';
  }

  async ping(): Promise<boolean> {
    return !this.down;
  }

  readonly cancelled: string[] = [];
  readonly skipped: string[] = [];

  async cancel(workflowId: string): Promise<'cancelled' | 'not_found'> {
    this.reachable();
    if (!this.started.some((run) => run.workflowId === workflowId)) return 'not_found';
    this.cancelled.push(workflowId);
    return 'cancelled';
  }

  async skipWait(workflowId: string): Promise<'signalled' | 'not_found'> {
    this.reachable();
    if (!this.started.some((run) => run.workflowId === workflowId)) return 'not_found';
    this.skipped.push(workflowId);
    return 'signalled';
  }
}

export const WRITE_KEY = 'test-write-key-0001';

/** An app over a fresh database (a SQLite file in a temp dir, or its Postgres stand-in: testDatabase.ts), a recording RunStarter and a known write key. */
export function testApp(overrides: Partial<Config> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'lifecycle-api-'));
  const db = openTestDatabase(join(dir, 'lifecycle.db'));
  const config: Config = {
    databasePath: join(dir, 'lifecycle.db'),
    databaseUrl: testDatabaseUrl(join(dir, 'lifecycle.db')),
    temporal: { namespace: 'default', sdk: { address: '127.0.0.1:1', tls: false }, files: {} },
    temporalNamespace: 'default',
    publicUrl: 'http://127.0.0.1:3000',
    trackingSecret: 'test-tracking-secret-0123456789',
    apiPort: 0,
    journeyTimeScale: 1,
    mailCatcherUrl: undefined,
    writeKey: WRITE_KEY,
    webDist: undefined,
    adminEmail: undefined,
    adminPassword: undefined,
    ingestRatePerSecond: 500,
    ingestBurst: 1000,
    trustedProxyHops: 0,
    dispatchLeaseMs: 10_000,
    analyticsBusyShare: 0.05,
    analyticsMaxLagMs: 60_000,
    runAuditIntervalMs: 60_000,
    runAuditStaleMs: 600_000,
    analyticsReadApplyMs: 1_000,
    ...overrides,
  };
  const temporal = new RecordingStarter();
  const dispatcher = createDispatcher({ db, runs: temporal, timeScale: 1, log: () => undefined });
  const app = createApp({ db, temporal, config, dispatcher });
  const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
  const accounts = accountsFor(db);
  // The write key and the admin's token are stored before the first request: the app stays a plain value for tests.
  const adminToken = (async () => {
    await ensureWriteKey(db, WRITE_KEY);
    return accounts.token('admin');
  })();
  const request = app.request.bind(app);
  app.request = async (...args: Parameters<typeof request>) => {
    await adminToken;
    return request(...args);
  };

  /** Sends JSON (a string is sent as is) as an admin API token, unless `headers` carry other credentials. */
  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const credentials: Record<string, string> = headers.authorization !== undefined || headers.cookie !== undefined ? {} : { authorization: `Bearer ${await adminToken}` };
    return sendAs(method, path, body, { ...credentials, ...headers });
  }

  /** Sends JSON with exactly these headers (no credentials unless given). */
  async function sendAs(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text), text, headers: response.headers };
  }

  return {
    app,
    db,
    config,
    temporal,
    dispatcher,
    send,
    sendAs,
    basic,
    accounts,
    /** Ingest with the test write key. */
    ingest: (path: string, body: unknown, key = WRITE_KEY) => send('POST', path, body, { authorization: basic(key) }),
    /** What the analytics applier of main.ts does in the background: counts every queued event into the rollups. */
    countAnalytics: async () => await drainPendingAnalytics(db, Number.POSITIVE_INFINITY),
    /** Stored events no journey dispatch has marked yet, oldest first. */
    undispatched: async () => await listUndispatchedEvents(db, Number.MAX_SAFE_INTEGER),
    /** Resolves once the write key and the admin's token are stored (every request waits for it by itself). */
    ready: adminToken.then(() => undefined),
    async close() {
      await adminToken.catch(() => undefined);
      await dispatcher.stop();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type TestApp = ReturnType<typeof testApp>;

/** A response body as JSON.parse gives it (untyped: tests read fields freely), or null when empty or not JSON. */
function parseJson(text: string) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
