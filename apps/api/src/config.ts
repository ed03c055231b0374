import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { TemporalEnv, temporalConnection, temporalEnvProblems, type TemporalConnection } from '@lifecycle/temporal-connection';
import { z } from 'zod';

export const ApiEnv = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_PATH: z.string().min(1).default('.data/lifecycle.db'),
  /** Postgres for the app data (`postgres://user:password@host:5432/lifecycle`); unset, the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS files, server name, API key: shared with the worker and start.sh. */
  ...TemporalEnv.shape,
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000'),
  TRACKING_SECRET: z.string().min(16).optional(),
  /** Where the dev tracking secret is kept when TRACKING_SECRET is unset (shared with the worker). */
  TRACKING_SECRET_FILE: z.string().min(1).default('.data/secret'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  JOURNEY_TIME_SCALE: z.coerce.number().positive().default(1),
  /** History events after which a waiting run continues as new (unset: the interpreter's own, 8,000). */
  JOURNEY_HISTORY_LIMIT: z.coerce.number().int().min(50).max(40_000).optional(),
  MAIL_CATCHER_URL: z.url().optional(),
  /** A write key to make sure exists at boot (start scripts and tests use it). */
  WRITE_KEY: z.string().min(8).optional(),
  /** The built web app; served when the folder exists. */
  WEB_DIST: z.string().optional(),
  /** The first admin, created at boot when no user exists (else a one-time setup link is logged). */
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10).optional(),
  /** Event API rate limit per write key: sustained requests per second and burst. */
  INGEST_RATE_PER_SECOND: z.coerce.number().positive().default(500),
  INGEST_BURST: z.coerce.number().int().positive().default(1000),
  /**
   * Proxies in front of the API that append the address they saw to X-Forwarded-For (nginx's
   * $proxy_add_x_forwarded_for): the client is that many entries from the right. 0: the socket's peer.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** How long the dispatch lease lasts unrenewed: when the API process dispatching events dies, another takes over after this. */
  DISPATCH_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(10_000),
  /** Share of an ingesting API process the analytics applier may take (it has all of an idle one). */
  ANALYTICS_BUSY_SHARE: z.coerce.number().min(0.01).max(1).default(0.05),
  /** Past this lag (how long the oldest event not yet counted has waited) the applier takes half of an ingesting process. */
  ANALYTICS_MAX_LAG_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(60_000),
  /** How often the run audit asks Temporal about runs that have not moved (terminated or lost ones are then marked). */
  RUN_AUDIT_INTERVAL_MS: z.coerce.number().int().min(100).max(86_400_000).default(60_000),
  /** A run not updated for this long is asked about by the run audit. */
  RUN_AUDIT_STALE_MS: z.coerce.number().int().min(0).max(2_592_000_000).default(600_000),
  /** How long an analytics read may spend applying queued events before it answers from the figures as they are. */
  ANALYTICS_READ_APPLY_MS: z.coerce.number().int().min(0).max(60_000).default(1_000),
});

/** The API's configuration, read from the environment once at boot. */
export type Config = {
  databasePath: string;
  /** Postgres's URL when the app data lives there (DATABASE_URL), else undefined: the SQLite file. */
  databaseUrl: string | undefined;
  /** The namespace run pages link to in Temporal's UI (the same as `temporal.namespace`). */
  temporalNamespace: string;
  /** Address, TLS and API key for the Temporal client. */
  temporal: TemporalConnection;
  publicUrl: string;
  trackingSecret: string;
  apiPort: number;
  journeyTimeScale: number;
  journeyHistoryLimit?: number;
  mailCatcherUrl: string | undefined;
  writeKey: string | undefined;
  webDist: string | undefined;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  ingestRatePerSecond: number;
  ingestBurst: number;
  trustedProxyHops: number;
  dispatchLeaseMs: number;
  analyticsBusyShare: number;
  analyticsMaxLagMs: number;
  runAuditIntervalMs: number;
  runAuditStaleMs: number;
  analyticsReadApplyMs: number;
};

/** Reads the dev secret file, creating it with a random secret the first time. */
function devSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
  return secret;
}

/** Parses the environment; throws naming every bad variable. TRACKING_SECRET is required in production. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ApiEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid environment: ${problems}`);
  }
  const e = parsed.data;
  if (!e.TRACKING_SECRET && e.NODE_ENV === 'production') throw new Error('invalid environment: TRACKING_SECRET is required in production');
  if (Boolean(e.ADMIN_EMAIL) !== Boolean(e.ADMIN_PASSWORD)) throw new Error('invalid environment: set ADMIN_EMAIL and ADMIN_PASSWORD together');
  const temporalProblems = temporalEnvProblems(e);
  if (temporalProblems.length > 0) throw new Error(`invalid environment: ${temporalProblems.join('; ')}`);
  return {
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    temporalNamespace: e.TEMPORAL_NAMESPACE,
    temporal: temporalConnection(e),
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    trackingSecret: e.TRACKING_SECRET ?? devSecret(e.TRACKING_SECRET_FILE),
    apiPort: e.API_PORT,
    journeyTimeScale: e.JOURNEY_TIME_SCALE,
    journeyHistoryLimit: e.JOURNEY_HISTORY_LIMIT,
    mailCatcherUrl: e.MAIL_CATCHER_URL?.replace(/\/+$/, ''),
    writeKey: e.WRITE_KEY,
    webDist: e.WEB_DIST,
    adminEmail: e.ADMIN_EMAIL,
    adminPassword: e.ADMIN_PASSWORD,
    ingestRatePerSecond: e.INGEST_RATE_PER_SECOND,
    ingestBurst: e.INGEST_BURST,
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    dispatchLeaseMs: e.DISPATCH_LEASE_MS,
    analyticsBusyShare: e.ANALYTICS_BUSY_SHARE,
    analyticsMaxLagMs: e.ANALYTICS_MAX_LAG_MS,
    runAuditIntervalMs: e.RUN_AUDIT_INTERVAL_MS,
    runAuditStaleMs: e.RUN_AUDIT_STALE_MS,
    analyticsReadApplyMs: e.ANALYTICS_READ_APPLY_MS,
  };
}
