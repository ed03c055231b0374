import type { NodeOf } from '@lifecycle/journey';
import type { RunState } from '../runState';
import type { StepResult } from './stepResult';

/** The run's entry: instant, and its record carries the event that started the run. */
export function triggerStep(node: NodeOf<'trigger'>, state: RunState): StepResult {
  const event = state.input.triggerEvent;
  return {
    exit: 'next',
    outcome: `entered on \`${event.name}\` (journey version ${state.input.version})`,
    detail: { eventId: event.id, eventName: event.name, trigger: node.event },
  };
}
