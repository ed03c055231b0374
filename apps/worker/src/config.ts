import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TemporalEnv, temporalConnection, temporalEnvProblems, type TemporalConnection } from '@lifecycle/temporal-connection';
import { z } from 'zod';
import { defaultMaxCachedWorkflows } from './cacheBudget';

/** The worker's environment, parsed once at boot. */
export const WorkerEnv = z.object({
  NODE_ENV: z.string().default('development'),
  DATABASE_PATH: z.string().min(1).default('.data/lifecycle.db'),
  /** Postgres for the app data (`postgres://user:password@host:5432/lifecycle`); unset, the SQLite file at DATABASE_PATH. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/[^\s]+$/, 'DATABASE_URL must be a postgres:// URL')
    .optional(),
  /** TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, TLS files, server name, API key: shared with the API and start.sh. */
  ...TemporalEnv.shape,
  SMTP_URL: z.string().url().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().min(3).default('Lifecycle <hello@lifecycle.local>'),
  PUBLIC_URL: z.string().url().default('http://127.0.0.1:3000'),
  TRACKING_SECRET: z.string().min(16).optional(),
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /** Runs kept in the sticky cache; unset: sized to the memory (a quarter of it at 0.5 MB a run, 100–1000), see cacheBudget.ts. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),
  /** SMTP connections the worker keeps open and sends over at once. */
  SMTP_POOL_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(5),
  /** Messages sent over one SMTP connection before it is replaced (many relays cap a session). */
  SMTP_POOL_MAX_MESSAGES: z.coerce.number().int().min(1).max(100_000).default(100),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** What the worker runs with, in the names the code uses. */
export interface WorkerConfig {
  databasePath: string;
  /** Postgres's URL when the app data lives there (DATABASE_URL), else undefined: the SQLite file. */
  databaseUrl: string | undefined;
  /** Address, namespace, TLS and API key for the worker's connection. */
  temporal: TemporalConnection;
  smtpUrl: string;
  mailFrom: string;
  publicUrl: string;
  trackingSecret: string;
  healthPort: number;
  maxCachedWorkflows: number;
  smtpPool: { maxConnections: number; maxMessages: number };
}

const secretFile = '.data/secret';

/**
 * The development tracking secret, shared with the API through `.data/secret` (relative to the working directory):
 * the first process to start writes it, every later one reads it.
 */
export function developmentSecret(file = resolve(secretFile)): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(file, 'utf8').trim();
  }
}

/** Parses the environment; throws with the offending variables named when it is invalid. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`invalid worker environment: ${problems}`);
  }
  const e = parsed.data;
  if (!e.TRACKING_SECRET && e.NODE_ENV === 'production') throw new Error('invalid worker environment: TRACKING_SECRET is required in production');
  const temporalProblems = temporalEnvProblems(e);
  if (temporalProblems.length > 0) throw new Error(`invalid worker environment: ${temporalProblems.join('; ')}`);
  return {
    databasePath: e.DATABASE_PATH,
    databaseUrl: e.DATABASE_URL,
    temporal: temporalConnection(e),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    trackingSecret: e.TRACKING_SECRET ?? developmentSecret(),
    healthPort: e.WORKER_HEALTH_PORT,
    maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS ?? defaultMaxCachedWorkflows(),
    smtpPool: { maxConnections: e.SMTP_POOL_MAX_CONNECTIONS, maxMessages: e.SMTP_POOL_MAX_MESSAGES },
  };
}
