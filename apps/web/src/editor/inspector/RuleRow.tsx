import { FieldProblem } from './FieldProblem';
import { useFieldProblems } from './fieldProblems';
import { Operator, type Rule } from '@lifecycle/journey';
import { useChoices } from './inspectorContext';
import { parseScalar, showValue } from './parseValue';

const sources: Rule['source'][] = ['trait', 'customer', 'event'];
const opText: Record<Rule['op'], string> = {
  eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', not_contains: 'does not contain', in: 'is one of', exists: 'exists', not_exists: 'does not exist',
};

/** One rule: where the value comes from, its path, the comparison and the value to compare with. */
export function RuleRow({ id, name, rule, onChange, onRemove }: { id: string; name: string; rule: Partial<Rule>; onChange: (rule: Partial<Rule>) => void; onRemove: () => void }) {
  const { readOnly } = useChoices();
  const needsValue = rule.op !== 'exists' && rule.op !== 'not_exists';
  const problems = useFieldProblems(id, `${id}-source`, `${id}-path`, `${id}-op`, `${id}-value`);
  return (
    <div className="rule-row" role="group" aria-label={name}>
      <label htmlFor={`${id}-source`} className="visually-hidden">Source</label>
      <select id={`${id}-source`} value={rule.source ?? 'trait'} disabled={readOnly} {...problems.invalid(`${id}-source`)} onChange={(event) => onChange({ ...rule, source: event.target.value as Rule['source'] })}>
        {sources.map((source) => <option key={source} value={source}>{source}</option>)}
      </select>
      <label htmlFor={`${id}-path`} className="visually-hidden">Path</label>
      <input id={`${id}-path`} placeholder="plan" value={rule.path ?? ''} readOnly={readOnly} {...problems.invalid(`${id}-path`)} onChange={(event) => onChange({ ...rule, path: event.target.value })} />
      <label htmlFor={`${id}-op`} className="visually-hidden">Comparison</label>
      <select id={`${id}-op`} value={rule.op ?? 'eq'} disabled={readOnly} {...problems.invalid(`${id}-op`)} onChange={(event) => onChange({ ...rule, op: event.target.value as Rule['op'] })}>
        {Operator.options.map((op) => <option key={op} value={op}>{opText[op]}</option>)}
      </select>
      {needsValue && (
        <>
          <label htmlFor={`${id}-value`} className="visually-hidden">Value</label>
          <input
            id={`${id}-value`}
            placeholder={rule.op === 'in' ? 'a, b, c' : 'value'}
            value={showValue(rule.value)}
            readOnly={readOnly}
            {...problems.invalid(`${id}-value`)}
            onChange={(event) =>
              onChange({ ...rule, value: rule.op === 'in' ? event.target.value.split(',').map((part) => parseScalar(part.trim())) : parseScalar(event.target.value) })
            }
          />
        </>
      )}
      {!readOnly && <button type="button" className="icon-button" aria-label="Remove rule" onClick={onRemove}>×</button>}
      <FieldProblem id={problems.problemId} messages={problems.messages} />
    </div>
  );
}
