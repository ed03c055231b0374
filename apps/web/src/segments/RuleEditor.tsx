import type { SegmentRule } from '@lifecycle/journey';
import type { Segment } from '../api/segments';

/** A new rule of each kind, as the "add condition" menu offers them. */
export const blankRules: Record<SegmentRule['kind'], SegmentRule> = {
  trait: { kind: 'trait', path: 'plan', op: 'eq', value: '' },
  stage: { kind: 'stage', op: 'eq', value: '' },
  event: { kind: 'event', event: '', op: 'happened', within: { amount: 7, unit: 'days' } },
  email: { kind: 'email', action: 'opened', op: 'happened', within: { amount: 30, unit: 'days' } },
  offer: { kind: 'offer', held: true },
  segment: { kind: 'segment', segmentId: '', member: true },
};

type Props = { rule: SegmentRule; onChange: (rule: SegmentRule) => void; stages: string[]; segments: Segment[]; label: string };

/** How each trait operator reads in the rule row (the `in` operator is only written through the API). */
const traitOperators: [Exclude<Extract<SegmentRule, { kind: 'trait' }>['op'], 'in'>, string][] = [
  ['eq', 'is'], ['neq', 'is not'], ['gt', '>'], ['gte', '≥'], ['lt', '<'], ['lte', '≤'],
  ['contains', 'contains'], ['not_contains', 'does not contain'], ['exists', 'is set'], ['not_exists', 'is not set'],
];

const windowUnits = ['hours', 'days', 'weeks'] as const;

function WindowField({ within, onChange, label }: { within: { amount: number; unit: string } | undefined; onChange: (within: { amount: number; unit: (typeof windowUnits)[number] } | undefined) => void; label: string }) {
  return (
    <>
      <label>
        <span className="visually-hidden">{label} window</span>
        <select value={within ? 'window' : 'ever'} onChange={(e) => onChange(e.target.value === 'ever' ? undefined : { amount: 7, unit: 'days' })}>
          <option value="ever">ever</option>
          <option value="window">in the last</option>
        </select>
      </label>
      {within && (
        <>
          <input aria-label={`${label} window length`} type="number" min={1} value={within.amount} onChange={(e) => onChange({ amount: Math.max(1, Number(e.target.value)), unit: within.unit as (typeof windowUnits)[number] })} style={{ width: '5em' }} />
          <select aria-label={`${label} window unit`} value={within.unit} onChange={(e) => onChange({ amount: within.amount, unit: e.target.value as (typeof windowUnits)[number] })}>
            {windowUnits.map((unit) => <option key={unit} value={unit}>{unit}</option>)}
          </select>
        </>
      )}
    </>
  );
}

/** One condition of a segment, edited in place. */
export function RuleEditor({ rule, onChange, stages, segments, label }: Props) {
  switch (rule.kind) {
    case 'trait':
      return (
        <>
          <input aria-label={`${label} trait`} value={rule.path} onChange={(e) => onChange({ ...rule, path: e.target.value })} />
          <select aria-label={`${label} operator`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op })}>
            {traitOperators.map(([op, text]) => <option key={op} value={op}>{text}</option>)}
          </select>
          {rule.op !== 'exists' && rule.op !== 'not_exists' && <input aria-label={`${label} value`} value={String(rule.value ?? '')} onChange={(e) => onChange({ ...rule, value: e.target.value })} />}
        </>
      );
    case 'stage':
      return (
        <>
          <select aria-label={`${label} operator`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op })}><option value="eq">is</option><option value="neq">is not</option></select>
          <select aria-label={`${label} stage`} value={String(rule.value)} onChange={(e) => onChange({ ...rule, value: e.target.value })}>
            <option value="">choose…</option>
            {stages.map((stage) => <option key={stage} value={stage}>{stage}</option>)}
          </select>
        </>
      );
    case 'event':
      return (
        <>
          <input aria-label={`${label} event`} placeholder="event name" value={rule.event} onChange={(e) => onChange({ ...rule, event: e.target.value })} />
          <select aria-label={`${label} operator`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op, ...(e.target.value === 'count' ? { count: rule.count ?? { op: 'gte', value: 2 } } : {}) })}>
            <option value="happened">happened</option><option value="not_happened">did not happen</option><option value="count">happened at least</option>
          </select>
          {rule.op === 'count' && <input aria-label={`${label} count`} type="number" min={0} value={rule.count?.value ?? 1} onChange={(e) => onChange({ ...rule, count: { op: 'gte', value: Math.max(0, Number(e.target.value)) } })} style={{ width: '5em' }} />}
          <WindowField label={label} within={rule.within} onChange={(within) => onChange({ ...rule, within })} />
        </>
      );
    case 'email':
      return (
        <>
          <select aria-label={`${label} operator`} value={rule.op} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op })}><option value="happened">did</option><option value="not_happened">did not</option></select>
          <select aria-label={`${label} action`} value={rule.action} onChange={(e) => onChange({ ...rule, action: e.target.value as typeof rule.action })}><option value="opened">open an email</option><option value="clicked">click an email</option></select>
          <WindowField label={label} within={rule.within} onChange={(within) => onChange({ ...rule, within })} />
        </>
      );
    case 'offer':
      return (
        <>
          <select aria-label={`${label} held`} value={rule.held ? 'yes' : 'no'} onChange={(e) => onChange({ ...rule, held: e.target.value === 'yes' })}><option value="yes">holds</option><option value="no">does not hold</option></select>
          <input aria-label={`${label} offer id`} placeholder="any offer (or an offer id)" value={rule.offerId ?? ''} onChange={(e) => onChange({ ...rule, offerId: e.target.value || undefined })} />
        </>
      );
    case 'segment':
      return (
        <>
          <select aria-label={`${label} member`} value={rule.member ? 'yes' : 'no'} onChange={(e) => onChange({ ...rule, member: e.target.value === 'yes' })}><option value="yes">is in</option><option value="no">is not in</option></select>
          <select aria-label={`${label} segment`} value={rule.segmentId} onChange={(e) => onChange({ ...rule, segmentId: e.target.value })}>
            <option value="">choose…</option>
            {segments.map((segment) => <option key={segment.id} value={segment.id}>{segment.name}</option>)}
          </select>
        </>
      );
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknownRule)}`);
    }
  }
}
