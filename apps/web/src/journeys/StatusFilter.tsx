import type { JourneyListStatus } from '../api/journeyList';

const choices: { value: JourneyListStatus; label: string }[] = [
  { value: 'active', label: 'All' },
  { value: 'live', label: 'Live' },
  { value: 'draft', label: 'Draft' },
  { value: 'paused', label: 'Paused' },
  { value: 'archived', label: 'Archived' },
];

/** The status filter as toggle buttons with how many journeys each shows ("All" leaves archived ones out). */
export function StatusFilter({ value, counts, onChange }: { value: JourneyListStatus; counts?: Record<JourneyListStatus, number>; onChange: (next: JourneyListStatus) => void }) {
  return (
    <div className="status-filter" role="group" aria-label="Status">
      {choices.map((choice) => (
        <button key={choice.value} type="button" className="status-filter-button" aria-pressed={value === choice.value} onClick={() => onChange(choice.value)}>
          {choice.label}
          {counts && <span className="status-filter-count"> ({counts[choice.value]})</span>}
        </button>
      ))}
    </div>
  );
}
