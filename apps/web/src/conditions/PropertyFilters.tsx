import type { PropertyFilter } from '@lifecycle/journey';
import { ComparisonFields } from './ComparisonFields';
import { useConditionChoices } from './conditionChoices';

/** "with amount ≥ 100 and plan is pro": filters on the counted events' properties. */
export function PropertyFilters({ id, name, filters, onChange }: { id: string; name: string; filters: PropertyFilter[]; onChange: (filters: PropertyFilter[] | undefined) => void }) {
  const { readOnly } = useConditionChoices();
  const set = (index: number, filter: PropertyFilter | null) => {
    const next = filter === null ? filters.filter((_, at) => at !== index) : filters.map((old, at) => (at === index ? filter : old));
    onChange(next.length > 0 ? next : undefined);
  };
  return (
    <div className="property-filters">
      {filters.map((filter, index) => (
        <div key={index} className="property-filter" role="group" aria-label={`${name} property filter ${index + 1}`}>
          <span className="muted">{index === 0 ? 'with' : 'and'}</span>
          <input id={`${id}-where-${index}-path`} aria-label={`${name} property ${index + 1}`} placeholder="property" value={filter.path} readOnly={readOnly} onChange={(e) => set(index, { ...filter, path: e.target.value })} />
          <ComparisonFields id={`${id}-where-${index}`} name={`${name} property ${index + 1}`} op={filter.op} value={filter.value} onChange={(change) => set(index, { ...filter, ...change })} />
          {!readOnly && <button type="button" className="icon-button" aria-label={`Remove property filter ${index + 1}`} onClick={() => set(index, null)}>×</button>}
        </div>
      ))}
      {!readOnly && <button type="button" className="button button-small" onClick={() => onChange([...filters, { path: '', op: 'eq', value: '' }])}>+ Property filter</button>}
    </div>
  );
}
