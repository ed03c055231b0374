import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

// Random bytes drawn 4 KiB at a time: one crypto call per ~680 ids, where one per id cost ~5% of the API's CPU
// under a stream of events (each event gets an id). The bytes are as random; only the draws are fewer.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += bytes;
  return pool.toString('hex', offset - bytes, offset);
}

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
  return `${prefix}_${time}${seq.toString(36).padStart(4, '0')}${randomHex(6)}`;
}
