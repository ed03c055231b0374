import type { CustomerSort } from '../api/customers';

export type SortState = { sort: CustomerSort; dir: '' | 'desc' };

/** The order a header click asks for: the same column flips direction, another starts ascending (CLV: highest first). */
export function nextSort(current: SortState, column: Exclude<CustomerSort, ''>): SortState {
  if (column === 'clv') return { sort: 'clv', dir: '' };
  const active = (current.sort || 'id') === column;
  return { sort: column, dir: active && current.dir === '' ? 'desc' : '' };
}

/** A column header that sorts the list: a button inside, `aria-sort` on the header so screen readers hear the order. */
export function SortHeader({ label, column, current, onSort, className, title }: { label: string; column: Exclude<CustomerSort, ''>; current: SortState; onSort: (next: SortState) => void; className?: string; title?: string }) {
  const active = (current.sort || 'id') === column;
  const descending = column === 'clv' || current.dir === 'desc';
  const ariaSort = active ? (descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={className} title={title}>
      <button type="button" className="sort-button" onClick={() => onSort(nextSort(current, column))}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {active ? (descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}
