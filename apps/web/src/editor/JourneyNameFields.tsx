/** Suggestions; any stage name is allowed. */
export const lifecycleStages = ['lead', 'trial', 'onboarding', 'active', 'customer', 'at_risk', 'inactive', 'churned'];

/** The journey's name and the lifecycle stage it belongs to. */
export function JourneyNameFields(props: { name: string; stage: string; readOnly: boolean; onName: (name: string) => void; onStage: (stage: string) => void }) {
  return (
    <div className="journey-name-fields">
      <label htmlFor="journey-name" className="visually-hidden">
        Journey name
      </label>
      <input id="journey-name" className="journey-name-input" value={props.name} readOnly={props.readOnly} onChange={(event) => props.onName(event.target.value)} />
      <label htmlFor="journey-stage">Stage</label>
      <input id="journey-stage" list="journey-stages" value={props.stage} readOnly={props.readOnly} onChange={(event) => props.onStage(event.target.value)} placeholder="e.g. trial" />
      <datalist id="journey-stages">
        {lifecycleStages.map((stage) => (
          <option key={stage} value={stage} />
        ))}
      </datalist>
    </div>
  );
}
