/**
 * The draft of a one-email journey: trigger on `event` whose property `field` equals `value` → send the template →
 * exit, entered once per customer or again on every such event (`reentry`).
 */
export function oneEmailJourney(event: string, field: string, value: string, templateId: string, reentry: 'once' | 'always' = 'once') {
  return {
    nodes: [
      { id: 'start', type: 'trigger', event, conditions: { match: 'all', conditions: [{ source: 'event', path: field, op: 'eq', value }] }, reentry: { policy: reentry } },
      { id: 'send', type: 'send_email', templateId },
      { id: 'done', type: 'exit' },
    ],
    edges: [
      { id: 'e1', source: 'start', sourceExit: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceExit: 'next', target: 'done' },
    ],
  };
}
