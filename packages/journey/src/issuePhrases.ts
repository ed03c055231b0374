import { fieldLabel } from './fieldLabels';
import { fieldKeyAt, isIndex, valueAt } from './issuePlaces';
import { waitSettingMessages } from './waitPhrases';

/** The object holding the field at `path`, and the nearest journey step around it (a value with a `type`). */
export type FieldContext = { owner: Record<string, unknown> | undefined; nodeType: string | undefined; nodePath: string; underGoal: boolean };

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** What surrounds the field at `path` inside `root`. */
export function contextOf(root: unknown, path: readonly PropertyKey[]): FieldContext {
  const owner = record(valueAt(root, path.slice(0, -1)));
  let nodeAt = -1;
  for (let at = path.length - 1; at >= 0; at--) {
    if (typeof record(valueAt(root, path.slice(0, at)))?.type === 'string') {
      nodeAt = at;
      break;
    }
  }
  const node = nodeAt >= 0 ? record(valueAt(root, path.slice(0, nodeAt))) : undefined;
  const nodePath = path.slice(Math.max(nodeAt, 0)).map((key) => (isIndex(key) ? '*' : String(key))).join('.');
  return { owner, nodeType: typeof node?.type === 'string' ? node.type : undefined, nodePath, underGoal: path.includes('goal') };
}

/** What to tell a marketer when a step's setting is missing, by step type and field (list indexes as `*`). */
const stepSettingMessages: Record<string, string> = {
  'trigger.event': 'Choose the event that starts this journey',
  'send_email.templateId': 'Choose an email template to send',
  'wait.duration': 'Set how long to wait',
  'wait_for_event.awaited': 'Choose what to wait for: an event, or the open or click of an earlier email',
  'wait_for_event.awaited.event': 'Choose the event to wait for',
  'wait_for_event.awaited.sendNodeId': 'Choose the email step whose open or click to wait for',
  'wait_for_event.timeout': 'Set a timeout: how long to wait before taking the timed-out exit',
  'wait_for_event.awaited.countFrom.window': 'Set the look-back window: how long before this step an event still counts',
  'condition_split.branches': 'Add at least one branch',
  'random_split.arms': 'Add at least two arms',
  'offer.offerId': 'Choose an offer to grant',
  ...waitSettingMessages,
};

/** A rule's `path` says which value it reads; what to ask for depends on where the value comes from. */
const pathPrompts: Record<string, string> = { trait: 'Pick a trait', customer: 'Pick a customer field', event: 'Pick an event property' };

/** The same for a field whatever holds it. */
const fieldPrompts: Record<string, string> = {
  templateId: 'Choose an email template to send',
  offerId: 'Choose an offer to grant',
  sendNodeId: 'Choose the email step',
  segmentId: 'Choose a segment',
  to: 'Choose the stage customers move to',
  name: 'Give it a name',
  subject: 'Write a subject line',
  value: 'Enter a value to compare with',
  op: 'Choose how to compare',
  days: 'Enter how many days without activity',
  stages: 'Add at least one stage',
  condition: 'Set the condition of this branch',
  weight: "Enter the arm's weight",
};

/** What to ask for when the field at `path` is missing or empty. */
export function missingPrompt(path: readonly PropertyKey[], context: FieldContext): string {
  const key = fieldKeyAt(path) ?? '';
  const forStep = context.nodeType ? stepSettingMessages[`${context.nodeType}.${context.nodePath}`] : undefined;
  if (forStep) return forStep;
  if (key === 'event') return context.underGoal ? 'Choose the event that reaches the goal' : fieldKeyAt(path, 1) === 'awaited' ? 'Choose the event to wait for' : 'Choose the event';
  if (key === 'path') {
    const source = context.owner?.source ?? context.owner?.kind;
    return (typeof source === 'string' ? pathPrompts[source] : undefined) ?? 'Pick a trait';
  }
  if (key === 'amount') return `Enter how many ${unitOf(path, context) ?? 'units'}`;
  return fieldPrompts[key] ?? `Fill in the ${fieldLabel(key).toLowerCase()}`;
}

/** The unit a number is counted in: its duration's unit, or days for a field named `days`. */
export function unitOf(path: readonly PropertyKey[], context: FieldContext): string | null {
  const key = fieldKeyAt(path);
  if (key === 'days') return 'days';
  if (key === 'amount' && typeof context.owner?.unit === 'string') return context.owner.unit;
  return null;
}

/** What a duration is called in a sentence ("A wait can be at most…"), by the field holding the duration. */
export function durationSubject(path: readonly PropertyKey[], context: FieldContext): string | null {
  if (fieldKeyAt(path) !== 'amount') return fieldKeyAt(path) === 'days' ? 'The inactivity period' : null;
  const parent = fieldKeyAt(path, 1);
  switch (parent) {
    case 'duration':
      return context.nodeType === 'wait' || context.nodeType === undefined ? 'A wait' : 'The duration';
    case 'timeout':
      return 'The timeout';
    case 'cooldown':
      return 'The cool-down';
    case 'window':
      return context.underGoal ? 'The conversion window' : 'The look-back window';
    case 'within':
      return 'The time window';
    default:
      return parent ? `The ${fieldLabel(parent).toLowerCase()}` : null;
  }
}
