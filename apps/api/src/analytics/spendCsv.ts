import type { SpendRow } from '@lifecycle/db';
import { SpendEntry } from './spendSchemas';

/** A problem with one cell of an uploaded spend CSV (line 1 is the header). */
export type SpendCsvIssue = { line: number; column: string; message: string };

/** Most rows one upload may hold. */
export const MAX_SPEND_ROWS = 5000;
const COLUMNS = ['month', 'channel', 'amount', 'currency'] as const;

/** Splits one CSV line into cells (RFC 4180 quotes: `"a,b"`, `""` for a quote). */
function cellsOf(line: string): string[] | null {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ',') {
      cells.push(cell);
      cell = '';
    }
    else cell += char;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells.map((value) => value.trim());
}

/**
 * Parses a spend upload (`month,channel,amount[,currency]` with that header) into rows, or the problems of every bad
 * row naming its line and column: an upload is stored whole or not at all.
 */
export function parseSpendCsv(text: string, baseCurrency: string): { rows: SpendRow[] } | { issues: SpendCsvIssue[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
  const header = cellsOf(lines[0] ?? '')?.map((cell) => cell.toLowerCase()) ?? [];
  const hasCurrency = header.length === 4;
  if (!(header.length === 3 || hasCurrency) || header.some((name, index) => name !== COLUMNS[index])) {
    return { issues: [{ line: 1, column: 'header', message: 'the first line must be month,channel,amount or month,channel,amount,currency' }] };
  }
  if (lines.length - 1 > MAX_SPEND_ROWS) return { issues: [{ line: MAX_SPEND_ROWS + 2, column: 'month', message: `at most ${MAX_SPEND_ROWS} rows per upload` }] };
  const issues: SpendCsvIssue[] = [];
  const rows: SpendRow[] = [];
  const seen = new Map<string, number>();
  lines.slice(1).forEach((text, index) => {
    const line = index + 2;
    const cells = cellsOf(text);
    if (cells === null || cells.length !== header.length) {
      issues.push({ line, column: 'row', message: `expected ${header.length} comma-separated values` });
      return;
    }
    const [month, channel, amount, currency] = cells;
    const parsed = SpendEntry.safeParse({ month, channel, amount: /^-?\d+(\.\d+)?$/.test(amount ?? '') ? Number(amount) : amount, currency: hasCurrency && currency !== '' ? currency : baseCurrency });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line, column: String(issue.path[0] ?? 'row'), message: issue.message });
      return;
    }
    const key = `${parsed.data.month}\u0000${parsed.data.channel}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) issues.push({ line, column: 'channel', message: `month ${parsed.data.month} and channel ${parsed.data.channel} already given on line ${earlier}` });
    seen.set(key, line);
    rows.push({ ...parsed.data, currency: parsed.data.currency ?? baseCurrency });
  });
  return issues.length > 0 ? { issues: issues.slice(0, 100) } : { rows };
}
