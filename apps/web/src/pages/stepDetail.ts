import { waitStepDetail } from './waitMoment';

/** Detail fields that hold ids: kept out of the cell (people read names), shown on hover instead. */
const isIdKey = (key: string) => /(^id$|Id$|Ids$)/.test(key);

const scalars = (detail: Record<string, unknown>, keep: (key: string) => boolean) =>
  Object.entries(detail)
    .filter(([key, value]) => keep(key) && value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');

/** The part of a step's detail worth a table cell: its reason when it has one, else its fields in brief, ids left out. */
export function stepDetail(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const wait = waitStepDetail(detail);
  if (wait) return wait;
  for (const key of ['reason', 'message', 'error']) {
    const value = detail[key];
    if (typeof value === 'string' && value) return value;
  }
  return scalars(detail, (key) => !isIdKey(key));
}

/** The ids a step's detail holds (offer, delivery, event…), for the cell's hover text. */
export function stepDetailIds(detail: Record<string, unknown> | null): string {
  return detail ? scalars(detail, isIdKey) : '';
}

/**
 * A recorded outcome with the node ids it quotes (`send_email_1`) replaced by the nodes' names: outcomes are
 * written by the workflow, which knows ids only.
 */
export function namedOutcome(outcome: string, nodeNames: Readonly<Record<string, string>>): string {
  return outcome.replace(/`([A-Za-z0-9_-]+)`/g, (quotedId, id: string) => {
    const name = Object.hasOwn(nodeNames, id) ? nodeNames[id] : undefined;
    if (!name) return quotedId;
    return name.includes('“') ? name : `“${name}”`;
  });
}
