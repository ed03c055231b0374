import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/** Characters that mean something to a JSON path, to SQL, to a URL or to JSON, among ordinary ones. */
const ALPHABET = [...`ab_-Z09 ."'\\[]$*#=%&?+@é\u0000\n`, '😀'];

/** A deterministic stream of random strings (a seeded LCG, so a failure names the string and reproduces). */
function randomStrings(count: number, seed = 11): string[] {
  let state = seed;
  const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), state % n);
  return Array.from({ length: count }, () => Array.from({ length: next(12) }, () => ALPHABET[next(ALPHABET.length)]).join(''));
}

const segmentWith = (path: string) => ({ name: 'By trait', definition: { match: 'all', conditions: [{ kind: 'trait', path, op: 'eq', value: 'x' }] } });

describe('trait paths a user types', () => {
  it('answers 400 naming `trait` for a path with JSON path syntax, saying what a valid path looks like', async () => {
    // SQLite reads the path only when it meets a row, so the 500 needed a customer to show.
    await t.ingest('/v1/identify', { userId: 'ada', traits: { plan: 'pro' } });
    const response = await t.send('GET', '/api/customers?trait=a%5C%3D1');
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'trait', message: expect.stringContaining('letters, digits, _ or - joined by dots') }]);
    expect(response.body.message).toMatch(/^Trait: write it as key=value/);
  });

  it('refuses a segment rule with a bad trait path, naming the field', async () => {
    const response = await t.send('POST', '/api/segments', segmentWith('a\\'));
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'definition.conditions[0].path' })]);
  });

  it('still finds customers by a nested trait path', async () => {
    await t.ingest('/v1/identify', { userId: 'ada', traits: { address: { city: 'Paris' }, 'first-name': 'Ada' } });
    const ids = async (trait: string) => (await t.send('GET', `/api/customers?trait=${encodeURIComponent(trait)}`)).body.customers.map((c: { id: string }) => c.id);
    expect(await ids('address.city=Paris')).toEqual(['ada']);
    expect(await ids('first-name=Ada')).toEqual(['ada']);
    expect((await t.send('POST', '/api/segments', segmentWith('address.city'))).status).toBe(201);
  });

  it('never answers 500, whatever string is given as a path', async () => {
    await t.ingest('/v1/identify', { userId: 'ada', traits: { plan: 'pro' } });
    for (const text of randomStrings(150)) {
      const search = await t.send('GET', `/api/customers?trait=${encodeURIComponent(`${text}=1`)}`);
      expect([200, 400], JSON.stringify(text)).toContain(search.status);
      if (search.status === 400) expect(search.body.issues[0].path).toBe('trait');
      const segment = await t.send('POST', '/api/segments', segmentWith(text));
      expect([201, 400], JSON.stringify(text)).toContain(segment.status);
      if (segment.status === 400) expect(segment.body.issues[0].path).toBe('definition.conditions[0].path');
    }
  });
});
