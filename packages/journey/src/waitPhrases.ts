import { LocalTime, TimeZoneName } from './localTime';

/** What to ask for when a wait-until setting is missing, by step type and field (merged into issuePhrases' table). */
export const waitSettingMessages: Record<string, string> = {
  'wait.until': 'Choose what to wait until: a day and time, a date, or a date in the customer’s traits',
  'wait.until.at': 'Pick the date and time to wait until',
  'wait.until.trait': 'Name the date trait to wait for, for example renewal_at',
  'wait.until.time': 'Set the time of day to wait until, for example 09:00',
  'wait.until.when': 'Choose when, against the date: before it, on it, after it, or every year on it',
  'wait.until.when.offset': 'Set how long before or after the date',
};

function firstMessage(schema: { safeParse: (value: unknown) => { error?: { issues: { message: string }[] } } }, bad: unknown): string | undefined {
  return schema.safeParse(bad).error?.issues[0]?.message;
}

/**
 * Schema messages that are fragments ("a time of day as HH:MM…") said as whole sentences, so a form does not read
 * "Time of day: a time of day as HH:MM". Keyed by the schemas' own messages, read from the schemas themselves.
 */
const wholeSentences = new Map<string | undefined, string>([
  [firstMessage(LocalTime, '25:00'), 'Enter the time of day as HH:MM on a 24-hour clock, for example 09:00'],
  [firstMessage(TimeZoneName, 'Not/AZone'), 'Pick a time zone by its name, for example Europe/Paris or America/New_York'],
  ['wait either for a length of time or until a moment', 'Choose how to wait: for a length of time, or until a moment'],
]);

/** The whole sentence for a schema's fragment message, if it has one. */
export function wholeSentence(message: string): string | undefined {
  return wholeSentences.get(message);
}
