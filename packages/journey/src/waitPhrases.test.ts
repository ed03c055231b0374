import { describe, expect, it } from 'vitest';
import { humanIssues } from './humanIssues';
import { JourneyNode } from './schema';

/** The messages a marketer reads for a wait node as typed. */
function messages(node: unknown): string[] {
  const parsed = JourneyNode.safeParse(node);
  return parsed.success ? [] : humanIssues(parsed.error.issues, node).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('what a marketer reads about a wait until a moment', () => {
  it('asks for what is missing in words', () => {
    expect(messages({ id: 'w', type: 'wait', until: { kind: 'date' } })).toEqual(['until.at: Pick the date and time to wait until']);
    expect(messages({ id: 'w', type: 'wait', until: { kind: 'trait_date', trait: '', when: { kind: 'on' } } })).toEqual(['until.trait: Name the date trait to wait for, for example renewal_at']);
    expect(messages({ id: 'w', type: 'wait' })).toEqual(['duration: Choose how to wait: for a length of time, or until a moment']);
  });

  it('says a bad time or zone as a whole sentence, not "Time of day: a time of day…"', () => {
    expect(messages({ id: 'w', type: 'wait', until: { kind: 'weekday_time', weekdays: ['mon'], time: '25:00', zone: { kind: 'fixed', zone: 'Mars/Base' } } })).toEqual([
      'until.time: Enter the time of day as HH:MM on a 24-hour clock, for example 09:00',
      'until.zone.zone: Pick a time zone by its name, for example Europe/Paris or America/New_York',
    ]);
  });
});
