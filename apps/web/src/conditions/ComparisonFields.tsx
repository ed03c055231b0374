import { Operator, type JsonScalar } from '@lifecycle/journey';

type Compared = JsonScalar | JsonScalar[] | undefined;
import { parseScalar, showValue } from '../editor/inspector/parseValue';
import { useConditionChoices } from './conditionChoices';

export const opText: Record<Operator, string> = {
  eq: 'is', neq: 'is not', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', not_contains: 'does not contain', in: 'is one of', exists: 'is set', not_exists: 'is not set',
};

/** An operator and the value it compares with (a comma list for `is one of`, nothing for `is set`). */
export function ComparisonFields({ id, name, op, value, onChange }: { id: string; name: string; op: Operator; value: Compared; onChange: (change: { op: Operator; value?: Compared }) => void }) {
  const { readOnly } = useConditionChoices();
  return (
    <>
      <select id={`${id}-op`} aria-label={`${name} operator`} value={op} disabled={readOnly} onChange={(e) => onChange({ op: e.target.value as Operator, value })}>
        {Operator.options.map((option) => <option key={option} value={option}>{opText[option]}</option>)}
      </select>
      {op !== 'exists' && op !== 'not_exists' && (
        <input
          id={`${id}-value`}
          aria-label={`${name} value`}
          placeholder={op === 'in' ? 'a, b, c' : 'value'}
          value={showValue(value)}
          readOnly={readOnly}
          onChange={(e) => onChange({ op, value: op === 'in' ? e.target.value.split(',').map((part) => parseScalar(part.trim())) : parseScalar(e.target.value) })}
        />
      )}
    </>
  );
}
