import { z } from 'zod';
import { deleteSpend, listSpend, loadAnalyticsSettings, upsertSpend, upsertSpendRows } from '@lifecycle/db';
import { HttpError } from '../errors';
import { route, type Route } from '../routes/route';
import { audit } from '../services/audit';
import { AnalyticsQuery, resolveRange } from './analyticsQuery';
import { analyticsRoutes } from './analyticsRoute';
import { cacByChannel, cacByMonth } from './cacFigures';
import { parseSpendCsv } from './spendCsv';
import { CacAnswer, CacByMonthAnswer, SpendEntry, SpendImported, SpendKey, SpendList } from './spendSchemas';
import { lastWholeMonths } from './valueFigures';

const tag = 'analytics';
/** Largest spend CSV accepted: 5,000 rows of a long channel name fit easily. */
const MAX_SPEND_CSV_BYTES = 512 * 1024;
/** The uploaded CSV: the body itself, or the `csv` string of a JSON body (what the web app sends). */
async function csvOf(request: Request): Promise<string> {
  const text = await request.text();
  if (!(request.headers.get('content-type') ?? '').includes('json')) return text;
  const parsed = z.object({ csv: z.string() }).safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return null; } })());
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'csv: a JSON body must be {"csv": "<the CSV text>"}', { issues: [{ path: 'csv', message: 'the CSV text is required' }] });
  return parsed.data.csv;
}

const CacQuery = AnalyticsQuery.extend({ months: z.coerce.number().int().min(1).max(24).default(6).describe('whole months ARPU and churn are averaged over (ending with the last whole month of the range)') });

/** Acquisition spend (entered, uploaded as CSV, or through this API) and the CAC figures built on it. */
export const acquisitionRoutes: Route[] = [
  route({
    method: 'GET', path: '/api/analytics/acquisition/spend', role: 'viewer', tag, summary: 'Acquisition spend per month and channel', ok: { status: 200, schema: SpendList },
    handler: async (c) => c.json({ baseCurrency: (await loadAnalyticsSettings(c.var.deps.db)).revenue.baseCurrency, spend: await listSpend(c.var.deps.db) }),
  }),
  route({
    method: 'PUT', path: '/api/analytics/acquisition/spend', role: 'marketer', tag, summary: "Set a month's spend on a channel (replaces what was entered for them)", body: SpendEntry, ok: { status: 200, schema: SpendEntry.required() },
    handler: async (c, { body }) => {
      const row = { ...body, currency: body.currency ?? (await loadAnalyticsSettings(c.var.deps.db)).revenue.baseCurrency };
      await upsertSpend(c.var.deps.db, row);
      await audit(c, 'analytics.spend.set', { type: 'spend', id: `${row.month}/${row.channel}` }, { amount: row.amount, currency: row.currency });
      return c.json(row);
    },
  }),
  route({
    method: 'DELETE', path: '/api/analytics/acquisition/spend', role: 'marketer', tag, summary: "Remove a month's spend on a channel", query: SpendKey, ok: { status: 204 },
    handler: async (c, { query }) => {
      if (!(await deleteSpend(c.var.deps.db, query.month, query.channel))) throw new HttpError(404, 'not_found', `no spend for ${query.channel} in ${query.month}`);
      await audit(c, 'analytics.spend.delete', { type: 'spend', id: `${query.month}/${query.channel}` }, {});
      return c.body(null, 204);
    },
  }),
  route({
    method: 'POST', path: '/api/analytics/acquisition/spend/import', role: 'marketer', tag, bodyMode: 'raw', maxBodyBytes: MAX_SPEND_CSV_BYTES,
    summary: 'Upload spend as CSV (month,channel,amount[,currency]) as text/csv, or JSON {"csv": "..."}; stored whole, or nothing when any row is bad (400 naming line and column)', ok: { status: 200, schema: SpendImported },
    handler: async (c) => {
      const db = c.var.deps.db;
      const parsed = parseSpendCsv(await csvOf(c.req.raw), (await loadAnalyticsSettings(db)).revenue.baseCurrency);
      if ('issues' in parsed) {
        const [first] = parsed.issues;
        const where = first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'the CSV is empty';
        throw new HttpError(400, 'invalid_csv', `nothing was stored — ${where}`, { issues: parsed.issues.map((issue) => ({ path: `line ${issue.line}.${issue.column}`, ...issue })) });
      }
      await upsertSpendRows(db, parsed.rows);
      await audit(c, 'analytics.spend.import', { type: 'spend', id: 'csv' }, { rows: parsed.rows.length });
      return c.json({ stored: parsed.rows.length });
    },
  }),
  ...analyticsRoutes({
    path: '/api/analytics/acquisition/cac', summary: 'CAC, predicted CLV, CLV:CAC and payback months per channel', query: CacQuery, schema: CacAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      const range = resolveRange(query);
      return cacByChannel(db, await loadAnalyticsSettings(db), range, lastWholeMonths(range.to, query.months));
    },
    csv: (result) => ({
      columns: ['channel', `spend_${result.baseCurrency}`, 'customers_acquired', 'cac', 'arpu_per_month', 'predicted_clv', 'clv_to_cac', 'payback_months'],
      rows: result.channels.map((row) => [row.channel, row.spend, row.customers, row.cac, row.arpuPerMonth, row.predictedClv, row.clvToCac, row.paybackMonths]),
    }),
  }),
  ...analyticsRoutes({
    path: '/api/analytics/acquisition/cac-by-month', summary: 'CAC per month and channel: spend ÷ customers first seen that month through that channel', query: AnalyticsQuery, schema: CacByMonthAnswer,
    compute: async (c, query) => {
      const db = c.var.deps.db;
      return cacByMonth(db, await loadAnalyticsSettings(db), resolveRange(query));
    },
    csv: (result) => ({ columns: ['month', 'channel', `spend_${result.baseCurrency}`, 'customers_acquired', 'cac'], rows: result.rows.map((row) => [row.month, row.channel, row.spend, row.customers, row.cac]) }),
  }),
];
