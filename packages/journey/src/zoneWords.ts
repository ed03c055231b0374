import { DateTime } from 'luxon';

/**
 * A zone's short name at an instant as people say it: "CET", "CEST", "EST", "BST". The runtime's en-US names give
 * "GMT+1" for Europe, so a GMT-offset name is asked again in British English, which knows Europe's abbreviations;
 * zones with no abbreviation keep the offset ("GMT+9").
 */
export function zoneAbbreviation(ms: number, zone: string): string {
  const us = DateTime.fromMillis(ms, { zone }).setLocale('en-US').toFormat('ZZZZ');
  if (!/^GMT[+-]/.test(us) && us !== 'GMT') return us;
  return DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ZZZZ');
}

/** "Mon 30 Nov 2026, 09:00 CET": an instant as a person in `zone` reads it, with the zone's everyday name. */
export function momentInZone(ms: number, zone: string): string {
  return `${DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy, HH:mm')} ${zoneAbbreviation(ms, zone)}`;
}

/** The same instant on the viewer's clock, as short as it can be next to `momentInZone`: "08:00", or "Sun 29 Nov, 23:00" on another day. */
export function momentForViewer(ms: number, zone: string, viewerZone: string): string {
  const there = DateTime.fromMillis(ms, { zone });
  const here = DateTime.fromMillis(ms, { zone: viewerZone }).setLocale('en-GB');
  return here.toISODate() === there.toISODate() ? here.toFormat('HH:mm') : here.toFormat('ccc d LLL, HH:mm');
}

/** An ISO moment as a `datetime-local` input shows it on the clock of `zone` (`2026-12-24T09:00`); '' when unreadable. */
export function localInputOf(iso: unknown, zone: string): string {
  if (typeof iso !== 'string') return '';
  const parsed = DateTime.fromISO(iso, { setZone: true });
  return parsed.isValid ? parsed.setZone(zone).toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/** A `datetime-local` input's value read on the clock of `zone`, as an ISO moment with its offset; undefined when empty or invalid. */
export function momentOfLocalInput(local: string, zone: string): string | undefined {
  if (!local) return undefined;
  const parsed = DateTime.fromISO(local, { zone });
  return parsed.isValid ? (parsed.toISO({ suppressMilliseconds: true }) ?? undefined) : undefined;
}
