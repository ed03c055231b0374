import { DateTime } from 'luxon';
import { z } from 'zod';
import { LocalTime, WEEKDAYS, Weekday } from './localTime';

/*
 * Sending governance (issue 14): how many marketing emails one customer may get in a rolling window, and the hours of
 * their day no marketing email goes out. Transactional sends are exempt from both. The workspace sets the defaults;
 * a journey may override either (inherit, off, or its own). Pure: the worker, the simulator and the API share it.
 */

const HOUR_MS = 3_600_000;
/** The longest cap window: the send ledger is only ever read this far back. */
export const MAX_CAP_WINDOW_HOURS = 30 * 24;

export const FrequencyCap = z
  .object({
    limit: z.number().int().min(1).max(1000).describe('at most this many marketing emails per customer in the window'),
    windowHours: z.number().int().min(1).max(MAX_CAP_WINDOW_HOURS).describe('the rolling window, in hours (24 = a day, 168 = a week, at most 720)'),
  })
  .describe('at most `limit` marketing emails per customer in any rolling `windowHours`');
export type FrequencyCap = z.infer<typeof FrequencyCap>;

export const QuietHours = z
  .object({
    start: LocalTime.describe('quiet hours start, HH:MM in the customer’s time zone'),
    end: LocalTime.describe('quiet hours end, HH:MM (earlier than start: they end the next morning)'),
    days: z.array(Weekday).max(7).describe('the days quiet hours start on; empty: every day'),
  })
  .refine((quiet) => quiet.start !== quiet.end, { message: 'quiet hours must end at a different time than they start', path: ['end'] })
  .describe('no marketing email between `start` and `end` of the customer’s local day (trait `timezone`, else the workspace zone)');
export type QuietHours = z.infer<typeof QuietHours>;

/** The workspace's defaults: null turns the rule off. */
export const SendPolicy = z.object({
  frequencyCap: FrequencyCap.nullable().describe('the frequency cap, or null for none'),
  quietHours: QuietHours.nullable().describe('quiet hours, or null for none'),
});
export type SendPolicy = z.infer<typeof SendPolicy>;

export const NO_SEND_POLICY: SendPolicy = { frequencyCap: null, quietHours: null };

/** One rule of a journey: the workspace's, none, or the journey's own. */
const overrideOf = <T extends z.ZodType>(rule: T) =>
  z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('workspace') }),
    z.object({ mode: z.literal('off') }),
    z.object({ mode: z.literal('custom'), value: rule }),
  ]);

/** A journey's override of the workspace policy, rule by rule. */
export const JourneySendPolicy = z.object({
  frequencyCap: overrideOf(FrequencyCap).describe("the workspace's cap, none, or the journey's own"),
  quietHours: overrideOf(QuietHours).describe("the workspace's quiet hours, none, or the journey's own"),
});
export type JourneySendPolicy = z.infer<typeof JourneySendPolicy>;

export const INHERIT_SEND_POLICY: JourneySendPolicy = { frequencyCap: { mode: 'workspace' }, quietHours: { mode: 'workspace' } };

function pick<T>(own: { mode: 'workspace' } | { mode: 'off' } | { mode: 'custom'; value: T }, workspace: T | null): T | null {
  switch (own.mode) {
    case 'workspace':
      return workspace;
    case 'off':
      return null;
    case 'custom':
      return own.value;
    default: {
      const unknown: never = own;
      throw new Error(`unknown override ${JSON.stringify(unknown)}`);
    }
  }
}

/** The policy a journey's sends follow. */
export function effectiveSendPolicy(workspace: SendPolicy, journey: JourneySendPolicy | null): SendPolicy {
  if (!journey) return workspace;
  return { frequencyCap: pick(journey.frequencyCap, workspace.frequencyCap), quietHours: pick(journey.quietHours, workspace.quietHours) };
}

function atLocal(day: DateTime, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

/**
 * When the quiet hours `atMs` falls in end (ms), or null when it falls in none. A window that starts late and ends
 * early crosses midnight and belongs to the day it starts on (21:00 Friday → 08:00 Saturday is Friday's). Wall-clock
 * times, DST-correct through luxon.
 */
export function quietHoursEnd(atMs: number, quiet: QuietHours, zone: string): number | null {
  const local = DateTime.fromMillis(atMs, { zone });
  const crossesMidnight = quiet.end < quiet.start;
  for (const back of [1, 0]) {
    const day = local.minus({ days: back }).startOf('day');
    if (quiet.days.length > 0 && !quiet.days.includes(WEEKDAYS[day.weekday - 1]!)) continue;
    const startMs = atLocal(day, quiet.start).toMillis();
    const endMs = atLocal(crossesMidnight ? day.plus({ days: 1 }) : day, quiet.end).toMillis();
    if (startMs <= atMs && atMs < endMs) return endMs;
  }
  return null;
}

/** "3 in 24 hours": a cap as a marketer reads it. */
export function describeFrequencyCap(cap: FrequencyCap): string {
  const window = cap.windowHours % 24 === 0 ? `${cap.windowHours / 24} day${cap.windowHours === 24 ? '' : 's'}` : `${cap.windowHours} hour${cap.windowHours === 1 ? '' : 's'}`;
  return `${cap.limit} in ${window}`;
}

export function capWindowMs(cap: FrequencyCap): number {
  return cap.windowHours * HOUR_MS;
}

/** "08:00 Europe/Paris": the local wall-clock time an instant shows in a zone, with the zone. */
export function localClock(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).toFormat('HH:mm')} ${zone}`;
}
