import { ConditionRule, describeRule, type ConditionKind, type Rule, type SourceRule } from '@lifecycle/journey';
import { FieldProblem } from '../editor/inspector/FieldProblem';
import { blankRules } from './blankRules';
import { ComparisonFields } from './ComparisonFields';
import { kindLabels, kindsFor, useConditionChoices } from './conditionChoices';
import { ConditionRuleFields } from './ConditionRuleFields';
import { useProblemsWithin } from './problemsWithin';

const sourceLabels: Record<SourceRule['source'], string> = { trait: 'trait', customer: 'customer field', event: 'event property' };

/** An old `source` rule keeps its shape while its path, operator and value are edited; choosing a kind rewrites it. */
function SourceRuleFields({ id, name, rule, onChange }: { id: string; name: string; rule: SourceRule; onChange: (rule: Rule) => void }) {
  const { readOnly } = useConditionChoices();
  return (
    <>
      <select id={`${id}-source`} aria-label={`${name} source`} value={rule.source} disabled={readOnly} onChange={(e) => onChange({ ...rule, source: e.target.value as SourceRule['source'] })}>
        {Object.entries(sourceLabels).map(([source, text]) => <option key={source} value={source}>{text}</option>)}
      </select>
      <input id={`${id}-path`} aria-label={`${name} path`} placeholder="plan" value={rule.path} readOnly={readOnly} onChange={(e) => onChange({ ...rule, path: e.target.value })} />
      <ComparisonFields id={id} name={name} op={rule.op} value={rule.value} onChange={(change) => onChange({ ...rule, ...change })} />
    </>
  );
}

/** What a condition checks, in words, with segments, offers and send steps by their names. */
function readsAs(rule: Rule, choices: ReturnType<typeof useConditionChoices>): string {
  let text = describeRule(rule);
  if ('kind' in rule && rule.kind === 'segment') text = text.replace(`\`${rule.segmentId}\``, choices.segments.find((s) => s.id === rule.segmentId)?.name ?? rule.segmentId);
  if ('kind' in rule && rule.kind === 'offer' && rule.offerId) text = text.replace(`\`${rule.offerId}\``, choices.offers.find((o) => o.id === rule.offerId)?.name ?? rule.offerId);
  if ('kind' in rule && rule.kind === 'email' && rule.sendNodeId) text = text.replace(`\`${rule.sendNodeId}\``, `“${choices.sendNodes.find((n) => n.id === rule.sendNodeId)?.label ?? rule.sendNodeId}”`);
  return text.replace(/`/g, '');
}

/** One condition: its kind, its fields, what it reads as, and its problems right beside it. */
export function ConditionRow({ id, name, rule, onChange, onRemove }: { id: string; name: string; rule: Rule; onChange: (rule: Rule) => void; onRemove: () => void }) {
  const choices = useConditionChoices();
  const { mode, readOnly } = choices;
  const problems = useProblemsWithin(id);
  const kind: ConditionKind | 'source' = 'source' in rule ? 'source' : rule.kind;
  const complete = ConditionRule.safeParse(rule).success || 'source' in rule;
  return (
    <div className="condition-row" role="group" aria-label={name} {...(problems.length > 0 ? { 'aria-describedby': `${id}-problem` } : {})}>
      <div className="condition-fields">
        <select id={`${id}-kind`} aria-label={`${name} kind`} value={kind} disabled={readOnly} onChange={(e) => onChange(blankRules[e.target.value as ConditionKind])}>
          {kind === 'source' && <option value="source">{`${sourceLabels[(rule as SourceRule).source]} (older form)`}</option>}
          {kindsFor(mode).map((option) => <option key={option} value={option}>{kindLabels[option]}</option>)}
        </select>
        {'source' in rule ? <SourceRuleFields id={id} name={name} rule={rule} onChange={onChange} /> : <ConditionRuleFields id={id} name={name} rule={rule} onChange={onChange} />}
      </div>
      {!readOnly && <button type="button" className="icon-button condition-remove" aria-label={`Remove ${name.toLowerCase()}`} onClick={onRemove}>×</button>}
      {complete && problems.length === 0 && <p className="hint condition-reads">Checks: {readsAs(rule, choices)}</p>}
      <FieldProblem id={`${id}-problem`} messages={problems} />
    </div>
  );
}
