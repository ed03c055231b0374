import type { ConditionGroup, ConditionKind, Rule } from '@lifecycle/journey';
import { FieldProblem } from '../editor/inspector/FieldProblem';
import { blankRules } from './blankRules';
import { kindLabels, kindsFor, useConditionChoices } from './conditionChoices';
import { ConditionRow } from './ConditionRow';
import { useProblemsWithin } from './problemsWithin';
import './conditions.css';

type Item = ConditionGroup['conditions'][number];

/**
 * The one condition editor, for journeys (splits, trigger filters, wait filters, goals) and segments alike: rules and
 * nested groups joined by all (AND) or any (OR). Widget ids are `id` + the field path, so problems find their field.
 */
export function ConditionGroupEditor({ id, label, group, onChange, onRemove, depth = 0 }: { id: string; label: string; group: ConditionGroup; onChange: (group: ConditionGroup) => void; onRemove?: () => void; depth?: number }) {
  const { mode, readOnly } = useConditionChoices();
  const items = group.conditions ?? [];
  const ownProblems = [...useProblemsWithin(`${id}-match`, true), ...useProblemsWithin(`${id}-conditions`, true)];
  const setItem = (index: number, item: Item | null) =>
    onChange({ ...group, conditions: item === null ? items.filter((_, at) => at !== index) : items.map((old, at) => (at === index ? item : old)) });
  const add = (item: Item) => onChange({ ...group, conditions: [...items, item] });
  return (
    <fieldset className="condition-group">
      <legend>{label}</legend>
      <div className="condition-match">
        <label htmlFor={`${id}-match`}>Match</label>
        <select id={`${id}-match`} value={group.match} disabled={readOnly} onChange={(e) => onChange({ ...group, match: e.target.value as ConditionGroup['match'] })}>
          <option value="all">all of these (AND)</option>
          <option value="any">any of these (OR)</option>
        </select>
        {onRemove && !readOnly && <button type="button" className="button button-small" onClick={onRemove}>Remove group</button>}
      </div>
      <FieldProblem id={`${id}-group-problem`} messages={ownProblems} />
      {items.map((item, index) =>
        'match' in item ? (
          <ConditionGroupEditor key={index} id={`${id}-conditions-${index}`} label={`Group ${index + 1}`} group={item} depth={depth + 1} onChange={(next) => setItem(index, next)} onRemove={() => setItem(index, null)} />
        ) : (
          <ConditionRow key={index} id={`${id}-conditions-${index}`} name={`Condition ${index + 1}`} rule={item} onChange={(rule: Rule) => setItem(index, rule)} onRemove={() => setItem(index, null)} />
        ),
      )}
      {items.length === 0 && <p className="hint">No conditions: everyone matches.</p>}
      {!readOnly && (
        <div className="row-actions">
          <label>
            <span className="visually-hidden">Add a condition</span>
            <select value="" onChange={(e) => { const kind = e.target.value as ConditionKind | ''; if (kind) add(blankRules[kind]); }}>
              <option value="">+ Add condition…</option>
              {kindsFor(mode).map((kind) => <option key={kind} value={kind}>{kindLabels[kind]}</option>)}
            </select>
          </label>
          {depth < 2 && <button type="button" className="button button-small" onClick={() => add({ match: group.match === 'all' ? 'any' : 'all', conditions: [] })}>+ Group</button>}
        </div>
      )}
    </fieldset>
  );
}
