import type { StageRule } from '@lifecycle/journey';
import { FieldProblem } from '../../editor/inspector/FieldProblem';
import { describeStageRule } from './describeStageRule';
import { StageRuleFields } from './StageRuleFields';
import type { StageProblems } from './stageProblems';

type Props = { rules: StageRule[]; stages: string[]; problems: StageProblems; readOnly: boolean; onChange: (rules: StageRule[]) => void };

const kindLabels: Record<StageRule['kind'], string> = { event: 'An event happens', identified: 'Identified with an email', inactive: 'No activity for a while' };

/** A new rule of each kind, moving customers to the first stage until one is chosen. */
function blankRule(kind: StageRule['kind'], to: string): StageRule {
  switch (kind) {
    case 'event':
      return { kind, event: '', first: true, to };
    case 'identified':
      return { kind, to };
    case 'inactive':
      return { kind, days: 30, to };
    default: {
      const unknownKind: never = kind;
      throw new Error(`unknown rule kind ${String(unknownKind)}`);
    }
  }
}

/** The rules that move customers between stages, in order: each as a small form, with add, remove and reorder. */
export function StageRuleList({ rules, stages, problems, readOnly, onChange }: Props) {
  const replace = (index: number, rule: StageRule) => onChange(rules.map((old, at) => (at === index ? rule : old)));
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    const [moved] = next.splice(index, 1);
    if (moved) next.splice(index + by, 0, moved);
    onChange(next);
  };
  return (
    <>
      {rules.length === 0 && <p className="muted">No rules: customers change stage only through journeys and the API.</p>}
      {rules.map((rule, index) => (
        <fieldset key={index} className="form-card stage-rule">
          <legend>
            {`Rule ${index + 1}`} <span className="muted">· {describeStageRule(rule)}</span>
          </legend>
          <div className="field">
            <label htmlFor={`rule-${index}-kind`}>When</label>
            <select id={`rule-${index}-kind`} value={rule.kind} disabled={readOnly} onChange={(event) => onChange(rules.map((old, at) => (at === index ? { ...blankRule(event.target.value as StageRule['kind'], old.to), ...(old.from ? { from: old.from } : {}) } : old)))}>
              {Object.entries(kindLabels).map(([kind, text]) => (
                <option key={kind} value={kind}>{text}</option>
              ))}
            </select>
          </div>
          <StageRuleFields rule={rule} index={index} stages={stages} problems={problems} readOnly={readOnly} onChange={(next) => replace(index, next)} />
          <FieldProblem id={`rule-${index}-problem`} messages={problems.get(`rules.${index}`) ?? []} />
          {!readOnly && (
            <div className="row-actions">
              <button type="button" className="button button-small" aria-label={`Move rule ${index + 1} up`} disabled={index === 0} onClick={() => move(index, -1)}>↑</button>
              <button type="button" className="button button-small" aria-label={`Move rule ${index + 1} down`} disabled={index === rules.length - 1} onClick={() => move(index, 1)}>↓</button>
              <button type="button" className="button button-small" aria-label={`Remove rule ${index + 1}`} onClick={() => onChange(rules.filter((_, at) => at !== index))}>Remove</button>
            </div>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <label className="stage-rule-add">
          <span className="visually-hidden">Add a rule</span>
          <select value="" onChange={(event) => { const kind = event.target.value as StageRule['kind'] | ''; if (kind) onChange([...rules, blankRule(kind, '')]); }}>
            <option value="">+ Add rule…</option>
            {Object.entries(kindLabels).map(([kind, text]) => (
              <option key={kind} value={kind}>{text}</option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
