/** One checkbox per configured lifecycle stage; stages saved earlier but no longer configured are still shown (and can be unticked). */
export function StageChecks({ name, stages, chosen, readOnly, onChange }: { name: string; stages: string[]; chosen: string[]; readOnly: boolean; onChange: (chosen: string[]) => void }) {
  const all = [...stages, ...chosen.filter((stage) => !stages.includes(stage))];
  return (
    <span className="stage-checks" role="group" aria-label={name}>
      {all.map((stage) => (
        <label key={stage} className="stage-check">
          <input
            type="checkbox"
            name={name}
            value={stage}
            checked={chosen.includes(stage)}
            disabled={readOnly}
            onChange={(e) => onChange(e.target.checked ? [...chosen, stage] : chosen.filter((other) => other !== stage))}
          />{' '}
          {stage}
          {!stages.includes(stage) && <span className="muted small"> (not a configured stage)</span>}
        </label>
      ))}
    </span>
  );
}
