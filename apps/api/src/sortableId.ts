import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * `<prefix>_<time><seq><random>`: ids made later in this process sort later, so events stored in
 * one batch (same receivedAt) are still dispatched in the order they came.
 */
export function sortableId(prefix: string, now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else {
    seq += 1;
  }
  const time = lastMs.toString(36).padStart(9, '0');
  return `${prefix}_${time}${seq.toString(36).padStart(4, '0')}${randomBytes(6).toString('hex')}`;
}
