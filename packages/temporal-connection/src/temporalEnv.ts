import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A PEM file named by a variable: read at boot, so a missing or unreadable file stops the process naming it. */
const PemFile = z
  .string()
  .min(1)
  .transform((path, ctx) => {
    let contents: Buffer;
    try {
      contents = readFileSync(path);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` });
      return z.NEVER;
    }
    if (!contents.includes('-----BEGIN ')) {
      ctx.addIssue({ code: 'custom', message: `${path} is not a PEM file (no -----BEGIN line)` });
      return z.NEVER;
    }
    return { path, contents };
  });
export type PemFile = z.infer<typeof PemFile>;

/**
 * The Temporal connection variables the API, the worker and start.sh share. Spread `TemporalEnv.shape` into a
 * process's own env schema so every bad variable is reported in one list.
 */
export const TemporalEnv = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** Forces TLS on or off; unset: on as soon as any TLS file, server name or API key is given. */
  TEMPORAL_TLS: z.stringbool().optional(),
  /** Client certificate and key (PEM files) for mTLS; set both or neither. */
  TEMPORAL_TLS_CERT: PemFile.optional(),
  TEMPORAL_TLS_KEY: PemFile.optional(),
  /** The CA that signed the server's certificate (PEM file); unset: the system's trusted CAs. */
  TEMPORAL_TLS_CA: PemFile.optional(),
  /** The name the server's certificate must carry (SNI and verification) when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** Sent on every call as `authorization: Bearer <key>` (Temporal Cloud API keys). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
});
export type TemporalEnv = z.infer<typeof TemporalEnv>;

/** The rules between variables that the per-variable parse can't say; each problem names its variables. */
export function temporalEnvProblems(env: TemporalEnv): string[] {
  const problems: string[] = [];
  if (Boolean(env.TEMPORAL_TLS_CERT) !== Boolean(env.TEMPORAL_TLS_KEY)) {
    problems.push('TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both (the client certificate and its key) or neither');
  }
  const tlsOnly = (['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA', 'TEMPORAL_TLS_SERVER_NAME'] as const).filter((name) => env[name]);
  if (env.TEMPORAL_TLS === false && tlsOnly.length > 0) problems.push(`TEMPORAL_TLS: false, but ${tlsOnly.join(', ')} only work with TLS`);
  return problems;
}
