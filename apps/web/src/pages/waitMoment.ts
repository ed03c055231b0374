import { isTimeZone, momentForViewer, momentInZone } from '@lifecycle/journey';

const zoneOwners = { customer: 'customer', workspace: 'workspace', fixed: 'fixed zone' } as const;

/** The viewer's own IANA zone (the browser's), read once per call so a test's emulated zone is honoured. */
export function viewerZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A wait's recorded end: the moment and the zone it was read in (see workflows/src/steps/waitUntil.ts). */
export interface WaitMoment {
  untilMs: number;
  zone: string;
  zoneSource: keyof typeof zoneOwners;
}

/** The end a wait step recorded in its detail, if it is a wait until a moment; anything malformed reads as none. */
export function waitMomentOf(detail: Record<string, unknown> | null | undefined): WaitMoment | null {
  const until = detail?.until;
  const zone = detail?.zone;
  const source = detail?.zoneSource;
  if (typeof until !== 'string' || typeof zone !== 'string' || !isTimeZone(zone)) return null;
  const untilMs = Date.parse(until);
  if (Number.isNaN(untilMs)) return null;
  const zoneSource = typeof source === 'string' && Object.hasOwn(zoneOwners, source) ? (source as WaitMoment['zoneSource']) : 'customer';
  return { untilMs, zone, zoneSource };
}

/** "Mon 30 Nov 2026, 09:00 CET (customer, Europe/Paris) · 08:00 your time"; the viewer's part is left out when their clock says the same. */
export function describeWaitMoment(moment: WaitMoment, viewer = viewerZone()): string {
  const there = `${momentInZone(moment.untilMs, moment.zone)} (${zoneOwners[moment.zoneSource]}, ${moment.zone})`;
  if (momentInZone(moment.untilMs, viewer) === momentInZone(moment.untilMs, moment.zone)) return `${there} · the same in your time`;
  return `${there} · ${momentForViewer(moment.untilMs, moment.zone, viewer)} your time`;
}

/** A wait step's detail in words: when it ends (or ended), how the end moved, and any reason it moved on at once. */
export function waitStepDetail(detail: Record<string, unknown> | null): string | null {
  const moment = waitMomentOf(detail);
  if (!moment) return null;
  const moves = Array.isArray(detail?.moves) ? detail.moves.filter((move): move is string => typeof move === 'string') : [];
  return [`Until ${describeWaitMoment(moment)}`, ...moves].join(' · ');
}
