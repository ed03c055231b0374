import { grantOfferCode, listRedemptionAttempts } from '@lifecycle/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney, simpleDraft } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/** Hands the offer's next code to a customer, as the worker's grant activity does. */
async function grant(offerId: string, customerId: string, nodeId = 'grant'): Promise<string> {
  const result = await grantOfferCode(t.db, { offerId, customerId, workflowId: `journey/${offerId}/${customerId}/1`, nodeId, at: new Date().toISOString() });
  if (result.status !== 'granted') throw new Error(`not granted: ${result.reason}`);
  return result.code;
}

async function poolOffer(codes: string[], discount: object = { kind: 'percent', value: 20 }) {
  const offer = await t.send('POST', '/api/offers', { name: 'Spring', description: '20% off your next order', discount, codeSource: 'pool' });
  expect(offer.status).toBe(201);
  await t.send('POST', `/api/offers/${offer.body.id}/codes`, { codes });
  return offer.body.id as string;
}

const counts = async (id: string) => {
  const { codesLeft, codesIssued, codesRedeemed } = (await t.send('GET', `/api/offers/${id}`)).body;
  return { codesLeft, codesIssued, codesRedeemed };
};

describe('an offer’s discount and description', () => {
  it('stores a percentage or an amount in a currency, and shows them back', async () => {
    const percent = await t.send('POST', '/api/offers', { name: 'Twenty', description: 'On anything', discount: { kind: 'percent', value: 20 }, codeSource: 'generated' });
    expect(percent.body).toMatchObject({ description: 'On anything', discount: { kind: 'percent', value: 20 }, codesIssued: 0, codesRedeemed: 0 });
    const amount = await t.send('POST', '/api/offers', { name: 'Tenner', discount: { kind: 'amount', value: 10.5, currency: 'eur' }, codeSource: 'pool' });
    expect(amount.body.discount).toEqual({ kind: 'amount', value: 10.5, currency: 'EUR' });
    expect((await t.send('GET', '/api/offers')).body.offers.map((offer: { discount: unknown }) => offer.discount)).toEqual([percent.body.discount, amount.body.discount]);
  });

  it.each([
    [{ kind: 'percent', value: 0 }, 'discount.value', 'more than 0%'],
    [{ kind: 'percent', value: 120 }, 'discount.value', 'at most 100%'],
    [{ kind: 'percent', value: '20' }, 'discount.value', 'as a number'],
    [{ kind: 'amount', value: 5 }, 'discount.currency', 'Fill in the currency'],
    [{ kind: 'amount', value: 5, currency: 'EURO' }, 'discount.currency', 'ISO 4217'],
    [{ kind: 'amount', value: 5.555, currency: 'USD' }, 'discount.value', 'two decimals'],
    [{ kind: 'half', value: 5 }, 'discount.kind', ''],
  ])('refuses %j with a 400 naming %s', async (discount, field, words) => {
    const answer = await t.send('POST', '/api/offers', { name: 'Bad', discount, codeSource: 'pool' });
    expect(answer.status).toBe(400);
    expect(answer.body.issues[0].path).toBe(field);
    expect(answer.body.issues[0].message).toContain(words);
  });

  it('is edited in place, also while a live journey grants the offer, which then cannot be deleted', async () => {
    const { templateId } = await publishedJourney(t, { event: 'other_event' });
    const offer = await t.send('POST', '/api/offers', { name: 'WELCOME10', discount: { kind: 'percent', value: 10 }, codeSource: 'generated' });
    const draft = simpleDraft(templateId);
    draft.nodes.splice(1, 0, { id: 'grant', type: 'offer', offerId: offer.body.id } as never);
    draft.edges[0] = { ...draft.edges[0]!, target: 'grant' };
    draft.edges.push({ id: 'e3', source: 'grant', sourceExit: 'next', target: 'send' });
    const journey = await t.send('POST', '/api/journeys', { name: 'Offer journey <b>', draft });
    expect((await t.send('POST', `/api/journeys/${journey.body.id}/publish`)).status).toBe(201);

    const edited = await t.send('PATCH', `/api/offers/${offer.body.id}`, { name: 'WELCOME15', description: 'Now 15%', discount: { kind: 'amount', value: 15, currency: 'USD' } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'WELCOME15', description: 'Now 15%', discount: { kind: 'amount', value: 15, currency: 'USD' }, codeSource: 'generated' });
    expect((await t.send('PATCH', `/api/offers/${offer.body.id}`, { discount: { kind: 'percent', value: -1 } })).body.issues[0].path).toBe('discount.value');
    expect((await t.send('PATCH', `/api/offers/${offer.body.id}`, { discount: null })).body.discount).toBeNull();
    expect((await t.send('PATCH', '/api/offers/nope', { name: 'x' })).status).toBe(404);

    const refused = await t.send('DELETE', `/api/offers/${offer.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('"Offer journey <b>"');
    expect(refused.body.journeys).toEqual([{ id: journey.body.id, name: 'Offer journey <b>' }]);
  });
});

describe('codes', () => {
  it('use a prefix as given: no second separator when it already ends with one', async () => {
    const dashed = await t.send('POST', '/api/offers', { name: 'Welcome', codeSource: 'generated', codePrefix: 'WELCOME20-' });
    const bare = await t.send('POST', '/api/offers', { name: 'Bare', codeSource: 'generated', codePrefix: 'SPRING' });
    expect(await grant(dashed.body.id, 'ada')).toMatch(/^WELCOME20-[A-Z2-7]{8}$/);
    expect(await grant(bare.body.id, 'ada')).toMatch(/^SPRING-[A-Z2-7]{8}$/);
    const pool = await poolOffer([]);
    const generated = await t.send('POST', `/api/offers/${pool}/codes`, { generate: 2, prefix: 'SUMMER_' });
    expect(generated.body).toMatchObject({ added: 2, codesLeft: 2, skipped: [] });
    const issued = await t.send('GET', `/api/offers/${pool}/codes`);
    expect(issued.body.total).toBe(0);
    expect(await grant(pool, 'bo')).toMatch(/^SUMMER_[0-9A-F]{10}$/);
  });

  it('"Add 4" that adds 3 names what was skipped and why', async () => {
    const id = await poolOffer(['A1']);
    const answer = await t.send('POST', `/api/offers/${id}/codes`, { codes: ['A1', 'B1', 'B1', 'C1'] });
    expect(answer.body).toEqual({ added: 2, codesLeft: 3, skipped: [{ code: 'B1', reason: 'repeated_in_list' }, { code: 'A1', reason: 'already_in_pool' }] });
    const three = await t.send('POST', `/api/offers/${id}/codes`, { codes: ['D1', 'E1', 'F1', 'C1'] });
    expect(three.body).toMatchObject({ added: 3, skipped: [{ code: 'C1', reason: 'already_in_pool' }] });
  });

  it('issued are listed with the customer’s name and email and when, newest first, a page at a time', async () => {
    const id = await poolOffer(['A', 'B', 'C']);
    await t.ingest('/v1/identify', { userId: 'ada', traits: { name: 'Ada <img src=x onerror=alert(1)>', email: 'ada@example.com' } });
    await t.ingest('/v1/identify', { userId: 'bo', traits: { first_name: 'Bo', last_name: 'Diddley' } });
    await grant(id, 'ada');
    await grant(id, 'bo');
    await grant(id, 'cy');
    const first = await t.send('GET', `/api/offers/${id}/codes?limit=2`);
    expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.body.codes.map((code: { customerId: string }) => code.customerId)).toEqual(['cy', 'bo']);
    expect(first.body.codes[1]).toMatchObject({ code: 'B', customerName: 'Bo Diddley', customerEmail: null, redeemedAt: null });
    const second = await t.send('GET', `/api/offers/${id}/codes?limit=2&offset=2`);
    expect(second.body.codes).toEqual([expect.objectContaining({ code: 'A', customerId: 'ada', customerName: 'Ada <img src=x onerror=alert(1)>', customerEmail: 'ada@example.com' })]);
    expect((await t.send('GET', `/api/offers/${id}/codes?limit=0`)).body.issues[0].path).toBe('limit');
    expect(await counts(id)).toEqual({ codesLeft: 0, codesIssued: 3, codesRedeemed: 0 });
  });
});

describe('redemption', () => {
  it('an offer_redeemed event marks the customer’s code used, once, and counts update', async () => {
    const id = await poolOffer(['A', 'B']);
    const code = await grant(id, 'ada');
    const answer = await t.ingest('/v1/track', { userId: 'ada', event: 'offer_redeemed', properties: { code, offerId: id } });
    expect(answer.status).toBe(200);
    expect(await counts(id)).toEqual({ codesLeft: 1, codesIssued: 1, codesRedeemed: 1 });
    const [issued] = (await t.send('GET', `/api/offers/${id}/codes`)).body.codes;
    expect(issued).toMatchObject({ code, customerId: 'ada', redeemedAt: expect.any(String) });

    // The same redemption again (a new message, and a repeated messageId) changes nothing.
    await t.ingest('/v1/batch', { batch: [{ type: 'track', userId: 'ada', event: 'offer_redeemed', properties: { code } }] });
    expect((await t.send('GET', `/api/offers/${id}/codes`)).body.codes[0].redeemedAt).toBe(issued.redeemedAt);
    expect(await counts(id)).toEqual({ codesLeft: 1, codesIssued: 1, codesRedeemed: 1 });
    expect((await listRedemptionAttempts(t.db, id)).map((attempt) => attempt.outcome)).toEqual(['already_redeemed', 'redeemed']);
  });

  it('an unknown code, an unissued one or someone else’s is recorded as not matching and ingest goes on', async () => {
    const id = await poolOffer(['A', 'B']);
    const adas = await grant(id, 'ada');
    const batch = await t.ingest('/v1/batch', {
      batch: [
        { type: 'track', userId: 'bo', event: 'offer_redeemed', properties: { code: adas } },
        { type: 'track', userId: 'bo', event: 'offer_redeemed', properties: { code: 'NOPE' } },
        { type: 'track', userId: 'bo', event: 'offer_redeemed', properties: { code: 'B', offerId: id } },
        { type: 'track', userId: 'bo', event: 'offer_redeemed', properties: { code: { nested: true } } },
        { type: 'track', userId: 'bo', event: 'offer_redeemed' },
        { type: 'track', userId: 'bo', event: 'purchased', properties: { code: adas } },
      ],
    });
    expect(batch.status).toBe(200);
    expect(await counts(id)).toEqual({ codesLeft: 1, codesIssued: 1, codesRedeemed: 0 });
    expect((await listRedemptionAttempts(t.db, id)).map((attempt) => [attempt.code, attempt.outcome, attempt.customerId])).toEqual([
      ['B', 'not_issued', 'bo'],
      [adas, 'other_customer', 'bo'],
    ]);
    const events = await t.send('GET', '/api/customers/bo/events');
    expect(events.body.events).toHaveLength(6);
  });

  it('the redemption API marks a code used, idempotently, and names the code it refuses', async () => {
    const id = await poolOffer(['A', 'B', 'C']);
    const code = await grant(id, 'ada');
    await grant(id, 'bo');
    const first = await t.send('POST', `/api/offers/${id}/redemptions`, { code });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'redeemed', code, offerId: id, customerId: 'ada' });
    const again = await t.send('POST', `/api/offers/${id}/redemptions`, { code, customerId: 'ada' });
    expect(again.body).toEqual({ ...first.body, outcome: 'already_redeemed' });
    expect(await counts(id)).toEqual({ codesLeft: 1, codesIssued: 2, codesRedeemed: 1 });

    const unknown = await t.send('POST', `/api/offers/${id}/redemptions`, { code: 'ZZZ' });
    expect([unknown.status, unknown.body.issues[0].path]).toEqual([404, 'code']);
    expect((await t.send('POST', `/api/offers/${id}/redemptions`, { code: 'C' })).status).toBe(409);
    const others = await t.send('POST', `/api/offers/${id}/redemptions`, { code: 'B', customerId: 'ada' });
    expect([others.status, others.body.message]).toEqual([409, 'code: "B" was issued to another customer']);
    expect((await t.send('POST', `/api/offers/${id}/redemptions`, { code: '' })).body.issues[0].path).toBe('code');
    expect((await t.send('POST', '/api/offers/nope/redemptions', { code })).status).toBe(404);
    expect(await counts(id)).toEqual({ codesLeft: 1, codesIssued: 2, codesRedeemed: 1 });
    expect(await listRedemptionAttempts(t.db, id)).toHaveLength(5);
  });
});
