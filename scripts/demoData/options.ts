import { existsSync, readFileSync } from 'node:fs';

export type DemoOptions = {
  api: string;
  writeKey: string;
  token: string | null;
  setupLink: string | null;
  adminEmail: string;
  adminPassword: string;
  customers: number;
  days: number;
  seed: number;
  /** Start journey runs and wait for them (needs the worker and Temporal). */
  runs: boolean;
};

function flag(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(`--${name}`);
  return at >= 0 ? argv[at + 1] : undefined;
}

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number, got ${text}`);
  return value;
}

/** Flags first, then the environment, then what `bash scripts/start.sh` leaves (.data/write-key, port 3000). */
export function demoOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoOptions {
  const writeKey = flag(argv, 'write-key') ?? env.WRITE_KEY ?? env.KEY ?? (existsSync('.data/write-key') ? readFileSync('.data/write-key', 'utf8').trim() : '');
  if (!writeKey) throw new Error('no write key: start the platform with `bash scripts/start.sh` (it writes .data/write-key) or set WRITE_KEY');
  return {
    api: (flag(argv, 'api') ?? env.API ?? 'http://127.0.0.1:3000').replace(/\/$/, ''),
    writeKey,
    token: env.LIFECYCLE_TOKEN ?? null,
    setupLink: flag(argv, 'setup-link') ?? env.SETUP_LINK ?? null,
    adminEmail: env.ADMIN_EMAIL ?? 'admin@example.com',
    adminPassword: env.ADMIN_PASSWORD ?? 'a long admin password',
    customers: positive(flag(argv, 'customers'), 3000, 'customers'),
    days: positive(flag(argv, 'days'), 120, 'days'),
    seed: positive(flag(argv, 'seed'), 11, 'seed'),
    runs: !argv.includes('--no-runs'),
  };
}
