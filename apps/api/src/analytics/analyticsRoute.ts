import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../appContext';
import type { Access } from '../auth/roles';
import { route, type Route } from '../routes/route';
import { toCsv, type CsvTable } from './csv';

type AnalyticsSpec<Q extends z.ZodType, S extends z.ZodType> = {
  /** `/api/analytics/<area>/<figure>`; the CSV export is the same path with `.csv`. */
  path: string;
  summary: string;
  query: Q;
  /** The JSON answer, also the OpenAPI schema. */
  schema: S;
  role?: Access;
  compute: (c: Context<AppEnv>, query: z.infer<Q>) => z.infer<S> | Promise<z.infer<S>>;
  /** The figure's table, as the CSV export gives it. */
  csv: (result: z.infer<S>) => CsvTable;
};

/**
 * Declares one analytics figure as two routes from one computation: JSON at `path` and its table as CSV at
 * `path.csv`, so every number on a chart can also be exported.
 */
export function analyticsRoutes<Q extends z.ZodType, S extends z.ZodType>(spec: AnalyticsSpec<Q, S>): Route[] {
  const role = spec.role ?? 'viewer';
  const name = spec.path.split('/').filter(Boolean).slice(2).join('-') || 'analytics';
  return [
    route({ method: 'GET', path: spec.path, role, tag: 'analytics', summary: spec.summary, query: spec.query, ok: { status: 200, schema: spec.schema }, handler: async (c, { query }) => c.json((await spec.compute(c, query as z.infer<Q>)) as object) }),
    route({
      method: 'GET', path: `${spec.path}.csv`, role, tag: 'analytics', summary: `${spec.summary} (CSV)`, query: spec.query, ok: { status: 200, type: 'text/csv' },
      handler: async (c, { query }) =>
        c.body(toCsv(spec.csv(await spec.compute(c, query as z.infer<Q>))), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` }),
    }),
  ];
}
