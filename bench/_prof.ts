import { openDatabase } from '@lifecycle/db';
import { storeMessages } from '../apps/api/src/services/ingest';
import { mkdtempSync } from 'node:fs';
const db = openDatabase(mkdtempSync('/tmp/prof-') + '/x.db');
const times = new Map<string, number>();
const orig = db.$client.prepare.bind(db.$client);
(db.$client as any).prepare = (sql: string) => {
  const st = orig(sql) as any;
  for (const m of ['run', 'get', 'all']) {
    const f = st[m].bind(st);
    st[m] = (...a: unknown[]) => { const t = performance.now(); try { return f(...a); } finally { times.set(sql.slice(0, 90), (times.get(sql.slice(0, 90)) ?? 0) + performance.now() - t); } };
  }
  return st;
};
const t0 = performance.now();
for (let b = 0; b < 20; b++) {
  const msgs = Array.from({ length: 100 }, (_, i) => ({ type: 'track' as const, userId: `user-${(b * 100 + i) % 5000}`, event: 'page_viewed', properties: { path: '/x' }, messageId: `m-${b}-${i}` }));
  storeMessages(db, msgs, null);
}
console.log('events/s', 2000 / ((performance.now() - t0) / 1000));
console.log([...times].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
