import { temporalConnection, type TemporalConnection } from './temporalConnection';
import { TemporalEnv, temporalEnvProblems } from './temporalEnv';

/** Parses only the Temporal variables (for scripts); throws naming every bad one. */
export function loadTemporalConnection(env: NodeJS.ProcessEnv = process.env): TemporalConnection {
  const parsed = TemporalEnv.safeParse(env);
  const problems = parsed.success
    ? temporalEnvProblems(parsed.data)
    : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  if (!parsed.success || problems.length > 0) throw new Error(`invalid environment: ${problems.join('; ')}`);
  return temporalConnection(parsed.data);
}
