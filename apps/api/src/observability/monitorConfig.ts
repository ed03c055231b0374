import { z } from 'zod';

export const MonitorEnv = z.object({
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233'),
  WORKER_HEALTH_URL: z.url().default('http://127.0.0.1:3001/health'),
  /** When set, GET /metrics requires `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().min(8).optional(),
});

/** Settings of the monitor and /metrics, read from the environment when asked (tests may change it). */
export type MonitorConfig = { temporalUiUrl: string; workerHealthUrl: string; metricsToken: string | undefined };

/** Parses the monitor's environment variables; a bad value throws naming it. */
export function monitorConfig(env: NodeJS.ProcessEnv = process.env): MonitorConfig {
  const parsed = MonitorEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return { temporalUiUrl: e.TEMPORAL_UI_URL.replace(/\/+$/, ''), workerHealthUrl: e.WORKER_HEALTH_URL, metricsToken: e.METRICS_TOKEN };
}

/** The run's page in Temporal's web UI. */
export function temporalUiLink(config: MonitorConfig, namespace: string, workflowId: string): string {
  return `${config.temporalUiUrl}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}
