import type { ConditionGroup } from '@lifecycle/journey';
import { useLifecycleConfig } from '../../api/lifecycle';
import { useSegments } from '../../api/segments';
import { ConditionChoicesContext, type ConditionChoices } from '../../conditions/conditionChoices';
import { ConditionGroupEditor } from '../../conditions/ConditionGroupEditor';
import { useChoices } from './inspectorContext';

/** A journey's condition (a split branch, a trigger filter, a wait filter, the goal) in the one condition editor. */
export function ConditionBuilder({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (group: ConditionGroup | undefined) => void }) {
  const { eventNames, offers, sendNodes, readOnly } = useChoices();
  const stages = useLifecycleConfig().data?.stages ?? [];
  const segments = useSegments().data ?? [];
  const choices: ConditionChoices = { mode: 'journey', stages, segments, offers, eventNames, sendNodes, readOnly };
  const group = (value ?? { match: 'all', conditions: [] }) as ConditionGroup;
  return (
    <ConditionChoicesContext.Provider value={choices}>
      <div className="field">
        <ConditionGroupEditor id={id} label={label} group={group} onChange={onChange} />
      </div>
    </ConditionChoicesContext.Provider>
  );
}
