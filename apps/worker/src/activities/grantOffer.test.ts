import { addOfferCodes, countFreeCodes, createOffer, type Db } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../testing/smtpSink';
import { openTempDb } from '../testing/tempDb';
import { createActivities } from '.';

const config = { mailFrom: 'hello@lifecycle.test', publicUrl: 'http://track.test', trackingSecret: 'test-secret-0123456789' };
const now = new Date('2026-03-01T12:00:00.000Z');

let sink: SmtpSink;
let db: Db;
let dispose: () => void;

beforeEach(async () => {
  sink = await startSmtpSink();
  ({ db, dispose } = openTempDb());
});

afterEach(async () => {
  await sink.close();
  dispose();
});

function activities() {
  return createActivities({ db, transport: sink.transport, config, clock: () => now });
}

function grantInput(offerId: string, run: number) {
  return { workflowId: `journey/j1/c${run}/once`, nodeId: 'offer-1', offerId, customerId: `c${run}` };
}

describe('grantOffer', () => {
  it('hands out each pool code at most once and reports exhaustion', async () => {
    const offer = await createOffer(db, { name: 'Spring', codeSource: 'pool' });
    const codes = Array.from({ length: 30 }, (_, i) => `SPRING${String(i).padStart(3, '0')}`);
    expect(await addOfferCodes(db, offer.id, [...codes, codes[0]!, '  '])).toBe(30);
    const journey = activities();

    const results = [];
    for (let run = 0; run < 50; run++) results.push(await journey.grantOffer(grantInput(offer.id, run)));

    const granted = results.flatMap((r) => (r.status === 'granted' ? [r.code] : []));
    expect(granted).toHaveLength(30);
    expect(new Set(granted)).toEqual(new Set(codes));
    expect(results.slice(30)).toEqual(Array(20).fill({ status: 'unavailable', reason: 'pool_exhausted' }));
    expect(await countFreeCodes(db, offer.id)).toBe(0);
  });

  it('gives a retried grant the code it gave before', async () => {
    const offer = await createOffer(db, { name: 'Spring', codeSource: 'pool' });
    await addOfferCodes(db, offer.id, ['A1', 'A2']);
    const journey = activities();
    const first = await journey.grantOffer(grantInput(offer.id, 1));
    expect(first).toMatchObject({ status: 'granted', offerId: offer.id, name: 'Spring', code: 'A1', expiresAt: null });
    expect(await journey.grantOffer(grantInput(offer.id, 1))).toEqual(first);
    expect(await countFreeCodes(db, offer.id)).toBe(1);
  });

  it('generates distinct prefixed codes', async () => {
    const offer = await createOffer(db, { name: 'Welcome', codeSource: 'generated', codePrefix: 'WELCOME' });
    const journey = activities();
    const codes = new Set<string>();
    for (let run = 0; run < 50; run++) {
      const result = await journey.grantOffer(grantInput(offer.id, run));
      if (result.status !== 'granted') throw new Error(`not granted: ${JSON.stringify(result)}`);
      expect(result.code).toMatch(/^WELCOME-[A-Z2-7]{8}$/);
      codes.add(result.code);
      expect(await journey.grantOffer(grantInput(offer.id, run))).toEqual(result);
    }
    expect(codes.size).toBe(50);
  });

  it('reports expired and unknown offers as unavailable', async () => {
    const expired = await createOffer(db, { name: 'Old', codeSource: 'generated', codePrefix: 'OLD', expiresAt: '2026-02-28T00:00:00.000Z' });
    const journey = activities();
    expect(await journey.grantOffer(grantInput(expired.id, 1))).toEqual({ status: 'unavailable', reason: 'expired' });
    expect(await journey.grantOffer(grantInput('no-such-offer', 1))).toEqual({ status: 'unavailable', reason: 'unknown_offer' });
  });
});
