import type { SegmentGroup, SegmentRule } from '@lifecycle/journey';
import type { Segment } from '../api/segments';
import { FieldProblem } from '../editor/inspector/FieldProblem';
import { blankRules, RuleEditor } from './RuleEditor';
import './segments.css';

type Props = {
  group: SegmentGroup;
  onChange: (group: SegmentGroup) => void;
  stages: string[];
  segments: Segment[];
  depth?: number;
  onRemove?: () => void;
  /** Problems by field of the whole definition (`conditions.1.conditions.0.event`), in words. */
  problems?: ReadonlyMap<string, string[]>;
  /** Where this group sits in the definition ('' for the top). */
  path?: string;
};

/** The problems of a condition and of every field inside it. */
function problemsWithin(problems: ReadonlyMap<string, string[]>, path: string): string[] {
  return [...problems].filter(([field]) => field === path || field.startsWith(`${path}.`)).flatMap(([, messages]) => messages);
}

const kindLabels: Record<SegmentRule['kind'], string> = { trait: 'Trait', stage: 'Stage', event: 'Event', email: 'Email engagement', offer: 'Offer held', segment: 'Other segment' };

/** An AND/OR group of conditions, with nested groups (one level deeper each). */
export function GroupEditor({ group, onChange, stages, segments, depth = 0, onRemove, problems = new Map(), path = '' }: Props) {
  const at = (index: number) => `${path === '' ? '' : `${path}.`}conditions.${index}`;
  const replace = (index: number, condition: SegmentGroup['conditions'][number] | null) =>
    onChange({ ...group, conditions: condition === null ? group.conditions.filter((_, i) => i !== index) : group.conditions.map((c, i) => (i === index ? condition : c)) });
  return (
    <fieldset className="form-card segment-group" style={{ marginLeft: depth * 16 }}>
      <legend>
        <select aria-label={`Group ${depth + 1} match`} value={group.match} onChange={(e) => onChange({ ...group, match: e.target.value as SegmentGroup['match'] })}>
          <option value="all">All of (AND)</option>
          <option value="any">Any of (OR)</option>
        </select>
        {onRemove && <button type="button" className="button button-small" onClick={onRemove}>Remove group</button>}
      </legend>
      {group.conditions.length === 0 && <p className="muted">No conditions: everyone matches.</p>}
      {group.conditions.map((condition, index) =>
        'match' in condition ? (
          <GroupEditor key={index} group={condition} onChange={(next) => replace(index, next)} onRemove={() => replace(index, null)} stages={stages} segments={segments} depth={depth + 1} problems={problems} path={at(index)} />
        ) : (
          <div key={index} className="condition-with-problem">
            <div className="inline-form condition-row" role="group" aria-label={`Condition ${index + 1}`} {...(problemsWithin(problems, at(index)).length > 0 ? { 'aria-describedby': `segment-${at(index)}-problem` } : {})}>
              <strong className="condition-kind">{kindLabels[condition.kind]}</strong>
              <RuleEditor rule={condition} label={`Condition ${index + 1}`} onChange={(next) => replace(index, next)} stages={stages} segments={segments} />
              <button type="button" className="button button-small" onClick={() => replace(index, null)}>Remove</button>
            </div>
            <FieldProblem id={`segment-${at(index)}-problem`} messages={problemsWithin(problems, at(index))} />
          </div>
        ),
      )}
      <div className="inline-form condition-row">
        <label>
          <span className="visually-hidden">Add a condition</span>
          <select value="" onChange={(e) => { const kind = e.target.value as SegmentRule['kind']; if (kind) onChange({ ...group, conditions: [...group.conditions, blankRules[kind]] }); }}>
            <option value="">+ Add condition…</option>
            {Object.entries(kindLabels).map(([kind, text]) => <option key={kind} value={kind}>{text}</option>)}
          </select>
        </label>
        {depth < 2 && <button type="button" className="button button-small" onClick={() => onChange({ ...group, conditions: [...group.conditions, { match: group.match === 'all' ? 'any' : 'all', conditions: [] }] })}>+ Add group</button>}
      </div>
    </fieldset>
  );
}
