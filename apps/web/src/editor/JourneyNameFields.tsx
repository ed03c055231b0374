import { useLifecycleConfig } from '../api/lifecycle';

/** The journey's name and the lifecycle stage it belongs to, suggesting the stages configured on the Stages page. */
export function JourneyNameFields(props: { name: string; stage: string; readOnly: boolean; onName: (name: string) => void; onStage: (stage: string) => void }) {
  const stages = useLifecycleConfig().data?.stages ?? [];
  return (
    <div className="journey-name-fields">
      <label htmlFor="journey-name" className="visually-hidden">
        Journey name
      </label>
      <input id="journey-name" className="journey-name-input" value={props.name} readOnly={props.readOnly} onChange={(event) => props.onName(event.target.value)} />
      <label htmlFor="journey-stage">Stage</label>
      <input id="journey-stage" list="journey-stages" value={props.stage} readOnly={props.readOnly} onChange={(event) => props.onStage(event.target.value)} placeholder={stages[0] ? `e.g. ${stages[0]}` : 'a lifecycle stage'} />
      <datalist id="journey-stages">
        {stages.map((stage) => (
          <option key={stage} value={stage} />
        ))}
      </datalist>
    </div>
  );
}
