import { describeNode, JourneyNode } from '@lifecycle/journey';
import type { LooseNode } from './looseNode';

const notSet = 'Not configured yet';
const quoted = (text: string) => `“${text}”`;

/**
 * A trigger card's line: what enters customers, naming the segment (by name) or stage, and how many conditions
 * narrow it ("When a customer enters “Power users” matching 1 rule"). A half-filled entry is "Not configured yet".
 */
export function triggerSummary(node: Extract<LooseNode, { type: 'trigger' }>, segments: ReadonlyMap<string, string> = new Map()): string {
  const ruleCount = node.conditions?.conditions.length ?? 0;
  const rules = ruleCount ? ` matching ${ruleCount} rule${ruleCount === 1 ? '' : 's'}` : '';
  if (!node.entry || node.entry.kind === 'event') return node.event ? `When ${quoted(node.event)}${rules}` : notSet;
  const parsed = JourneyNode.safeParse({ ...node, event: undefined });
  if (!parsed.success) return notSet;
  return `${describeNode(parsed.data, new Map(), { templates: new Map(), offers: new Map(), segments })}${rules}`;
}
