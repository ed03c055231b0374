import type { StageRule } from '@lifecycle/journey';

/** A rule in one line, for its heading: "First `purchase` → retention (from trial)". */
export function describeStageRule(rule: StageRule): string {
  const to = rule.to || '…';
  const from = rule.from ? ` (from ${rule.from.join(', ')})` : '';
  switch (rule.kind) {
    case 'event':
      return `${rule.first ? 'First' : 'Every'} \`${rule.event || '…'}\` → ${to}${from}`;
    case 'identified':
      return `Identified with an email → ${to}${from}`;
    case 'inactive':
      return `No activity for ${Number.isNaN(rule.days) ? '…' : rule.days} days → ${to}${from}`;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknownRule)}`);
    }
  }
}
