import type { StageRule } from '@lifecycle/journey';
import { FieldProblem } from '../../editor/inspector/FieldProblem';
import type { StageProblems } from './stageProblems';

type Props = { rule: StageRule; index: number; stages: string[]; problems: StageProblems; readOnly: boolean; onChange: (rule: StageRule) => void };

/** The inputs of one rule, each with its problem under it. */
export function StageRuleFields({ rule, index, stages, problems, readOnly, onChange }: Props) {
  const id = (field: string) => `rule-${index}-${field}`;
  const problemsOf = (field: string) => problems.get(`rules.${index}.${field}`) ?? [];
  const invalid = (field: string) => (problemsOf(field).length > 0 ? { 'aria-invalid': true as const, 'aria-describedby': `${id(field)}-problem` } : {});
  const from = rule.from ?? [];
  return (
    <>
      {rule.kind === 'event' && (
        <>
          <div className="field">
            <label htmlFor={id('event')}>Event name</label>
            <input id={id('event')} value={rule.event} readOnly={readOnly} placeholder="e.g. purchase" {...invalid('event')} onChange={(event) => onChange({ ...rule, event: event.target.value })} />
            <FieldProblem id={`${id('event')}-problem`} messages={problemsOf('event')} />
          </div>
          <div className="field field-checkbox">
            <label htmlFor={id('first')}>
              <input id={id('first')} type="checkbox" checked={rule.first} disabled={readOnly} onChange={(event) => onChange({ ...rule, first: event.target.checked })} /> Only the customer’s first such event
            </label>
          </div>
        </>
      )}
      {rule.kind === 'inactive' && (
        <div className="field">
          <label htmlFor={id('days')}>Days without activity</label>
          <input id={id('days')} type="number" min={1} max={3650} value={Number.isNaN(rule.days) ? '' : rule.days} readOnly={readOnly} {...invalid('days')} onChange={(event) => onChange({ ...rule, days: event.target.value === '' ? Number.NaN : Number(event.target.value) })} />
          <FieldProblem id={`${id('days')}-problem`} messages={problemsOf('days')} />
        </div>
      )}
      <div className="field">
        <label htmlFor={id('to')}>Move to stage</label>
        <select id={id('to')} value={rule.to} disabled={readOnly} {...invalid('to')} onChange={(event) => onChange({ ...rule, to: event.target.value })}>
          <option value="">— choose —</option>
          {[...new Set([...stages.filter(Boolean), ...(rule.to ? [rule.to] : [])])].map((stage) => (
            <option key={stage} value={stage}>{stage}</option>
          ))}
        </select>
        <FieldProblem id={`${id('to')}-problem`} messages={problemsOf('to')} />
      </div>
      <fieldset className="field stage-rule-from" {...invalid('from')}>
        <legend>Only for customers in (none ticked: any stage)</legend>
        {stages.filter(Boolean).map((stage) => (
          <label key={stage} className="stage-rule-from-choice">
            <input
              type="checkbox"
              checked={from.includes(stage)}
              disabled={readOnly}
              onChange={(event) => {
                const next = event.target.checked ? [...from, stage] : from.filter((chosen) => chosen !== stage);
                const { from: _old, ...rest } = rule;
                onChange(next.length > 0 ? { ...rest, from: next } : rest);
              }}
            />{' '}
            {stage}
          </label>
        ))}
        <FieldProblem id={`${id('from')}-problem`} messages={problemsOf('from')} />
      </fieldset>
    </>
  );
}
