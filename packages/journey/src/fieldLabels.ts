/** What a field is called on screen, where splitting its key would not say it. */
const knownLabels: Record<string, string> = {
  event: 'Event name',
  templateId: 'Email template',
  offerId: 'Offer',
  sendNodeId: 'Email step',
  segmentId: 'Segment',
  lifecycleStage: 'Lifecycle stage',
  reentry: 'Re-entry',
  awaited: 'Wait for',
  timeout: 'Give up after',
  cooldown: 'Cool-down',
  countFrom: 'Events that count',
  window: 'Look back',
  within: 'Time window',
  control: 'Control arm (sends nothing)',
  autoPromote: 'Promote the winner automatically',
  promotedArm: 'Promoted arm (every new run takes it)',
  op: 'Comparison',
  to: 'Move to stage',
  from: 'Only from stages',
  days: 'Days without activity',
  html: 'HTML body',
  text: 'Plain-text body',
  codePrefix: 'Code prefix',
  entry: 'Starts when',
  until: 'Wait until',
  weekdays: 'Days of the week',
  time: 'Time of day',
  zone: 'Time zone',
  recurrence: 'Repeats',
  dayOfMonth: 'Day of the month',
  includeExisting: 'Also enter everyone already in it when published',
  when: 'When',
  at: 'Date and time',
  url: 'URL',
  timeoutSeconds: 'Timeout (seconds)',
  saveTraits: 'Save from the answer',
  answerPath: 'Answer field',
  includeTraits: 'Traits to include',
  chatWebhookUrl: 'Chat incoming-webhook URL',
  recipient: 'Send to',
};

/** "templateId" → "Email template"; unknown keys are split at capitals ("fooBar" → "Foo bar"). */
export function fieldLabel(key: string): string {
  const label = knownLabels[key];
  if (label) return label;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
