import { useState } from 'react';
import type { HealthRule } from './healthApi';

const KINDS: { kind: HealthRule['kind']; label: string }[] = [
  { kind: 'activity', label: 'Recent activity' },
  { kind: 'event', label: 'Did / did not do an event' },
  { kind: 'nps', label: 'Latest NPS answer' },
  { kind: 'email', label: 'Email engagement' },
  { kind: 'trait', label: 'Trait' },
];

/** A new rule of a kind, with sensible starting values. */
export function newHealthRule(kind: HealthRule['kind'], weight = 10): HealthRule {
  switch (kind) {
    case 'activity':
      return { kind, weight, events: [], days: 14, target: 5 };
    case 'event':
      return { kind, weight, event: '', days: 30, expect: 'did' };
    case 'nps':
      return { kind, weight };
    case 'email':
      return { kind, weight, days: 30, engagement: 'opened' };
    case 'trait':
      return { kind, weight, trait: 'plan', operator: 'in', values: [] };
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown rule kind ${String(unknownKind)}`);
    }
  }
}

const list = (text: string) => text.split(',').map((item) => item.trim()).filter(Boolean);
const num = (text: string) => (text === '' ? 0 : Number(text));

/** One rule's fields in the health form: its kind, weight and what it looks at. */
export function HealthRuleFields({ rule, index, onChange, onRemove }: { rule: HealthRule; index: number; onChange: (rule: HealthRule) => void; onRemove: () => void }) {
  const id = (field: string) => `health-rule-${index}-${field}`;
  const field = (name: string, label: string, input: React.ReactNode) => (
    <div className="field"><label htmlFor={id(name)}>{label}</label>{input}</div>
  );
  return (
    <fieldset className="form-card inline-form" aria-label={`Rule ${index + 1}`}>
      <legend>Rule {index + 1}</legend>
      {field('kind', 'Kind', (
        <select id={id('kind')} value={rule.kind} onChange={(e) => onChange(newHealthRule(e.target.value as HealthRule['kind'], rule.weight))}>
          {KINDS.map((kind) => <option key={kind.kind} value={kind.kind}>{kind.label}</option>)}
        </select>
      ))}
      {field('weight', 'Weight', <input id={id('weight')} type="number" min={0} step="any" value={rule.weight} onChange={(e) => onChange({ ...rule, weight: num(e.target.value) })} />)}
      {rule.kind === 'activity' && (
        <>
          {field('events', 'Events (comma-separated; empty = any)', <ListInput id={id('events')} value={rule.events} onChange={(events) => onChange({ ...rule, events })} />)}
          {field('target', 'Target count (full points)', <input id={id('target')} type="number" min={1} value={rule.target} onChange={(e) => onChange({ ...rule, target: num(e.target.value) })} />)}
        </>
      )}
      {rule.kind === 'event' && (
        <>
          {field('expect', 'Condition', (
            <select id={id('expect')} value={rule.expect} onChange={(e) => onChange({ ...rule, expect: e.target.value as 'did' | 'did_not' })}>
              <option value="did">did</option>
              <option value="did_not">did not</option>
            </select>
          ))}
          {field('event', 'Event', <input id={id('event')} value={rule.event} onChange={(e) => onChange({ ...rule, event: e.target.value })} />)}
        </>
      )}
      {rule.kind === 'email' && field('engagement', 'Engagement', (
        <select id={id('engagement')} value={rule.engagement} onChange={(e) => onChange({ ...rule, engagement: e.target.value as 'opened' | 'clicked' })}>
          <option value="opened">opened any email</option>
          <option value="clicked">clicked any email</option>
        </select>
      ))}
      {(rule.kind === 'activity' || rule.kind === 'event' || rule.kind === 'email') &&
        field('days', 'In the last (days)', <input id={id('days')} type="number" min={1} value={rule.days} onChange={(e) => onChange({ ...rule, days: num(e.target.value) })} />)}
      {rule.kind === 'trait' && (
        <>
          {field('trait', 'Trait', <input id={id('trait')} value={rule.trait} onChange={(e) => onChange({ ...rule, trait: e.target.value })} />)}
          {field('operator', 'Is', (
            <select id={id('operator')} value={rule.operator} onChange={(e) => onChange({ ...rule, operator: e.target.value as 'in' | 'exists' })}>
              <option value="in">one of</option>
              <option value="exists">set (any value)</option>
            </select>
          ))}
          {rule.operator === 'in' && field('values', 'Values (comma-separated)', <ListInput id={id('values')} value={rule.values} onChange={(values) => onChange({ ...rule, values })} />)}
        </>
      )}
      {rule.kind === 'nps' && <p className="hint">Weight × latest NPS answer ÷ 10 (no answer: 0 points).</p>}
      <button type="button" className="button" onClick={onRemove}>Remove rule</button>
    </fieldset>
  );
}

/** A comma-separated list input that keeps what is typed (a trailing comma stays) and reports the items. */
function ListInput({ id, value, onChange }: { id: string; value: string[]; onChange: (items: string[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  return <input id={id} value={text} onChange={(e) => { setText(e.target.value); onChange(list(e.target.value)); }} />;
}
