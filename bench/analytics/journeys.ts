import type { Db } from '@lifecycle/db';

/** The bench's journey: signed_up → random split (control sends nothing) → email → wait 3 days → follow-up → exit; goal: a purchase. */
export function benchJourneyGraph(templateA: string, templateB: string) {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', label: 'Signed up', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'split', type: 'random_split', label: 'A/B', arms: [{ id: 'a', label: 'Offer A', weight: 1 }, { id: 'b', label: 'Offer B', weight: 1 }] },
      { id: 'send_a', type: 'send_email', label: 'Email A', templateId: templateA },
      { id: 'send_b', type: 'send_email', label: 'Email B', templateId: templateB },
      { id: 'wait', type: 'wait', label: 'Wait 3 days', duration: { amount: 3, unit: 'days' } },
      { id: 'send_follow', type: 'send_email', label: 'Follow-up', templateId: templateA },
      { id: 'exit', type: 'exit', label: 'Done' },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceExit: 'next', target: 'split' },
      { id: 'e2', source: 'split', sourceExit: 'a', target: 'send_a' },
      { id: 'e3', source: 'split', sourceExit: 'b', target: 'send_b' },
      { id: 'e4', source: 'send_a', sourceExit: 'next', target: 'wait' },
      { id: 'e5', source: 'send_b', sourceExit: 'next', target: 'wait' },
      { id: 'e6', source: 'wait', sourceExit: 'next', target: 'send_follow' },
      { id: 'e7', source: 'send_follow', sourceExit: 'next', target: 'exit' },
    ],
    goal: { event: 'purchase' },
  };
}

export type BenchJourney = { id: string; versionId: string };

/** The ids `insertJourneys` gives its `count` journeys. */
export function benchJourneys(count: number): BenchJourney[] {
  return Array.from({ length: count }, (_, j) => {
    const id = `jrn_bench_${String(j + 1).padStart(2, '0')}`;
    return { id, versionId: `${id}_v1` };
  });
}

/** `count` live journeys, one published version each, and the templates they send. */
export async function insertJourneys(db: Db, count: number): Promise<void> {
  const template = db.prepare(`INSERT INTO templates (id, name, subject, html, text) VALUES (?, ?, 'Hello {{ customer.email }}', '<p>Hi</p>', 'Hi')`);
  const journey = db.prepare(`INSERT INTO journeys (id, name, lifecycle_stage, draft, status, live_version_id) VALUES (?, ?, 'onboarding', ?, 'live', ?)`);
  const version = db.prepare(`INSERT INTO journey_versions (id, journey_id, version, graph, trigger_event) VALUES (?, ?, 1, ?, 'signed_up')`);
  await db.transaction(async () => {
    for (let t = 1; t <= 10; t++) await template.run(`tpl_bench_${t}`, `Bench template ${t}`);
    for (const [at, { id, versionId }] of benchJourneys(count).entries()) {
      const j = at + 1;
      const graph = JSON.stringify(benchJourneyGraph(`tpl_bench_${((j * 2) % 10) + 1}`, `tpl_bench_${((j * 2 + 1) % 10) + 1}`));
      await journey.run(id, `Bench journey ${j}`, graph, versionId);
      await version.run(versionId, id, graph);
    }
  });
}
