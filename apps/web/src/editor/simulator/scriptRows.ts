import type { ScriptLine, TimeUnit } from './simulationApi';

/** A script line as the form holds it (text as typed). */
export interface ScriptRow {
  key: number;
  kind: 'event' | 'opens' | 'clicks';
  event: string;
  sendNodeId: string;
  amount: string;
  unit: TimeUnit;
  properties: string;
}

let keys = 0;

/** A new line: "purchased" one day after entry, or opening the first email. */
export function newRow(firstSendNodeId: string | undefined): ScriptRow {
  keys += 1;
  return firstSendNodeId
    ? { key: keys, kind: 'opens', event: '', sendNodeId: firstSendNodeId, amount: '1', unit: 'hours', properties: '' }
    : { key: keys, kind: 'event', event: 'purchased', sendNodeId: '', amount: '1', unit: 'days', properties: '' };
}

/** The rows as the API's script, or the first row's problem in words (with its line number). */
export function scriptOf(rows: ScriptRow[]): { script: ScriptLine[] } | { error: string } {
  const script: ScriptLine[] = [];
  for (const [index, row] of rows.entries()) {
    const line = `Line ${index + 1}`;
    const amount = Number(row.amount);
    if (row.amount.trim() === '' || !Number.isFinite(amount) || amount < 0) return { error: `${line}: “after” must be a number of ${row.unit} (0 or more)` };
    const at = { amount, unit: row.unit };
    if (row.kind !== 'event') {
      if (!row.sendNodeId) return { error: `${line}: choose the email step` };
      script.push(row.kind === 'opens' ? { at, opens: row.sendNodeId } : { at, clicks: row.sendNodeId });
      continue;
    }
    if (!row.event.trim()) return { error: `${line}: name the event` };
    let properties: Record<string, unknown> | undefined;
    if (row.properties.trim()) {
      try {
        const parsed: unknown = JSON.parse(row.properties);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { error: `${line}: properties must be a JSON object, like {"revenue": 40}` };
        properties = parsed as Record<string, unknown>;
      } catch {
        return { error: `${line}: properties are not valid JSON (try {"revenue": 40})` };
      }
    }
    script.push({ at, event: row.event.trim(), ...(properties ? { properties } : {}) });
  }
  return { script };
}
