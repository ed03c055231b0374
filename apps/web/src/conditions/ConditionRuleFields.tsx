import type { ConditionRule } from '@lifecycle/journey';
import { ComparisonFields } from './ComparisonFields';
import { useConditionChoices } from './conditionChoices';
import { HistoryWindowField } from './HistoryWindowField';
import { PropertyFilters } from './PropertyFilters';

type Props<R extends ConditionRule = ConditionRule> = { id: string; name: string; rule: R; onChange: (rule: ConditionRule) => void };

/** A choice by name; a value no longer offered stays shown (so it is not lost silently), marked as not found. */
function Pick({ id, label, value, options, none, onChange }: { id: string; label: string; value: string; options: { value: string; label: string }[]; none: string; onChange: (value: string) => void }) {
  const { readOnly } = useConditionChoices();
  const missing = value !== '' && !options.some((option) => option.value === value);
  return (
    <select id={id} aria-label={label} value={value} disabled={readOnly} onChange={(e) => onChange(e.target.value)}>
      <option value="">{none}</option>
      {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
      {missing && <option value={value}>{value} (not found)</option>}
    </select>
  );
}

function EventFields({ id, name, rule, onChange }: Props<Extract<ConditionRule, { kind: 'event' }>>) {
  const { eventNames, readOnly } = useConditionChoices();
  return (
    <>
      <select id={`${id}-op`} aria-label={`${name} did`} value={rule.op} disabled={readOnly} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op, ...(e.target.value === 'count' ? { count: rule.count ?? { op: 'gte', value: 2 } } : {}) })}>
        <option value="happened">did</option>
        <option value="not_happened">did not do</option>
        <option value="count">did, counted</option>
      </select>
      <input id={`${id}-event`} aria-label={`${name} event`} placeholder="event name" list={`${id}-event-seen`} value={rule.event} readOnly={readOnly} onChange={(e) => onChange({ ...rule, event: e.target.value })} />
      <datalist id={`${id}-event-seen`}>{eventNames.map((event) => <option key={event} value={event} />)}</datalist>
      {rule.op === 'count' && (
        <>
          <select id={`${id}-count-op`} aria-label={`${name} how many`} value={rule.count?.op ?? 'gte'} disabled={readOnly} onChange={(e) => onChange({ ...rule, count: { op: e.target.value as 'gte', value: rule.count?.value ?? 1 } })}>
            <option value="gte">at least</option>
            <option value="lte">at most</option>
            <option value="eq">exactly</option>
          </select>
          <input id={`${id}-count-value`} aria-label={`${name} times`} type="number" min={0} className="number-input" value={rule.count?.value ?? 1} readOnly={readOnly} onChange={(e) => onChange({ ...rule, count: { op: rule.count?.op ?? 'gte', value: Math.max(0, Math.round(Number(e.target.value))) } })} />
          <span className="muted">times</span>
        </>
      )}
      <HistoryWindowField id={id} name={name} within={rule.within} onChange={(within) => onChange({ ...rule, within })} />
      <PropertyFilters id={id} name={name} filters={rule.where ?? []} onChange={(where) => onChange({ ...rule, where })} />
    </>
  );
}

function EmailFields({ id, name, rule, onChange }: Props<Extract<ConditionRule, { kind: 'email' }>>) {
  const { mode, sendNodes, readOnly } = useConditionChoices();
  return (
    <>
      <select id={`${id}-op`} aria-label={`${name} did`} value={rule.op} disabled={readOnly} onChange={(e) => onChange({ ...rule, op: e.target.value as typeof rule.op })}>
        <option value="happened">did</option>
        <option value="not_happened">did not</option>
      </select>
      <select id={`${id}-action`} aria-label={`${name} action`} value={rule.action} disabled={readOnly} onChange={(e) => onChange({ ...rule, action: e.target.value as typeof rule.action })}>
        <option value="opened">open</option>
        <option value="clicked">click</option>
      </select>
      {mode === 'journey' ? (
        <Pick
          id={`${id}-sendNodeId`}
          label={`${name} which email`}
          value={rule.sendNodeId ?? ''}
          none="any email"
          options={sendNodes.map((node) => ({ value: node.id, label: `the email of “${node.label}” (this run)` }))}
          onChange={(sendNodeId) => onChange(sendNodeId === '' ? { ...rule, sendNodeId: undefined } : { ...rule, sendNodeId, within: undefined })}
        />
      ) : (
        <span className="muted">any email</span>
      )}
      {rule.sendNodeId === undefined && <HistoryWindowField id={id} name={name} within={rule.within} onChange={(within) => onChange({ ...rule, within })} />}
    </>
  );
}

/** The fields of one condition of the one condition language, by its kind. */
export function ConditionRuleFields({ id, name, rule, onChange }: Props) {
  const { stages, segments, offers, readOnly } = useConditionChoices();
  switch (rule.kind) {
    case 'trait':
    case 'event_property':
      return (
        <>
          <input id={`${id}-path`} aria-label={`${name} ${rule.kind === 'trait' ? 'trait' : 'property'}`} placeholder={rule.kind === 'trait' ? 'plan' : 'amount'} value={rule.path} readOnly={readOnly} onChange={(e) => onChange({ ...rule, path: e.target.value })} />
          <ComparisonFields id={id} name={name} op={rule.op} value={rule.value} onChange={(change) => onChange({ ...rule, ...change })} />
        </>
      );
    case 'customer':
      return (
        <>
          <select id={`${id}-field`} aria-label={`${name} field`} value={rule.field} disabled={readOnly} onChange={(e) => onChange({ ...rule, field: e.target.value as typeof rule.field })}>
            <option value="email">email</option>
            <option value="subscription">subscription</option>
          </select>
          <ComparisonFields id={id} name={name} op={rule.op} value={rule.value} onChange={(change) => onChange({ ...rule, ...change })} />
        </>
      );
    case 'stage':
      return (
        <>
          <select id={`${id}-op`} aria-label={`${name} operator`} value={rule.op === 'in' ? 'eq' : rule.op} disabled={readOnly} onChange={(e) => onChange({ ...rule, op: e.target.value as 'eq' | 'neq' })}>
            <option value="eq">is</option>
            <option value="neq">is not</option>
          </select>
          <Pick id={`${id}-value`} label={`${name} stage`} value={Array.isArray(rule.value) ? (rule.value[0] ?? '') : rule.value} none="choose a stage…" options={stages.map((stage) => ({ value: stage, label: stage }))} onChange={(value) => onChange({ ...rule, value })} />
        </>
      );
    case 'event':
      return <EventFields id={id} name={name} rule={rule} onChange={onChange} />;
    case 'email':
      return <EmailFields id={id} name={name} rule={rule} onChange={onChange} />;
    case 'offer':
      return (
        <>
          <select id={`${id}-held`} aria-label={`${name} has`} value={rule.held ? 'yes' : 'no'} disabled={readOnly} onChange={(e) => onChange({ ...rule, held: e.target.value === 'yes' })}>
            <option value="yes">was</option>
            <option value="no">was not</option>
          </select>
          <select id={`${id}-state`} aria-label={`${name} granted or redeemed`} value={rule.state ?? 'granted'} disabled={readOnly} onChange={(e) => onChange({ ...rule, state: e.target.value as 'granted' | 'redeemed' })}>
            <option value="granted">granted a code of</option>
            <option value="redeemed">redeemed a code of</option>
          </select>
          <Pick id={`${id}-offerId`} label={`${name} offer`} value={rule.offerId ?? ''} none="any offer" options={offers.map((offer) => ({ value: offer.id, label: offer.name }))} onChange={(offerId) => onChange({ ...rule, offerId: offerId || undefined })} />
        </>
      );
    case 'segment':
      return (
        <>
          <select id={`${id}-member`} aria-label={`${name} member`} value={rule.member ? 'yes' : 'no'} disabled={readOnly} onChange={(e) => onChange({ ...rule, member: e.target.value === 'yes' })}>
            <option value="yes">is in</option>
            <option value="no">is not in</option>
          </select>
          <Pick id={`${id}-segmentId`} label={`${name} segment`} value={rule.segmentId} none="choose a segment…" options={segments.map((segment) => ({ value: segment.id, label: segment.name }))} onChange={(segmentId) => onChange({ ...rule, segmentId })} />
        </>
      );
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown condition ${JSON.stringify(unknownRule)}`);
    }
  }
}
