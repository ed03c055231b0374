import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customers, events } from '@lifecycle/db';
import { testApp, WRITE_KEY, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

/** JSON bytes with `bad` (raw bytes, not valid UTF-8) in place of the text `@BAD@`. */
function bytesWith(json: string, bad: number[]): Buffer {
  const [before, after] = json.split('@BAD@') as [string, string];
  return Buffer.concat([Buffer.from(before), Buffer.from(bad), Buffer.from(after)]);
}

async function post(path: string, body: Buffer, headers: Record<string, string> = {}) {
  const response = await t.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: t.basic(WRITE_KEY), ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const customerIds = async () => (await t.db.select({ id: customers.id }).from(customers)).map((row) => row.id).sort();
const trackedUsers = async () => (await t.db.select().from(events)).filter((event) => event.type === 'track').map((event) => event.customerId).sort();

describe('ingest refuses text that is not valid UTF-8', () => {
  it('refuses the batch message whose userId holds invalid bytes, names it, and stores the others', async () => {
    // Two ids that differ only in their invalid byte: decoded leniently both became "u\uFFFD" and were one customer.
    const body = bytesWith(
      JSON.stringify({ batch: [
        { type: 'track', userId: 'u@BAD@', event: 'bought' },
        { type: 'track', userId: 'fine', event: 'bought' },
        { type: 'identify', userId: 'v', traits: { name: 'ok' } },
      ] }),
      [0xff],
    );
    const response = await post('/v1/batch', body);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: 'invalid_messages', accepted: 2 });
    expect(response.body.issues).toEqual([{ path: 'batch[0].userId', message: expect.stringContaining('valid UTF-8') }]);
    expect(await trackedUsers()).toEqual(['fine']);
    expect(await customerIds()).toEqual(['fine', 'v']);
  });

  it('keeps two userIds apart that differ only in their invalid sequences', async () => {
    for (const bad of [[0xc3, 0x28], [0xed, 0xa0, 0x80]]) {
      const response = await post('/v1/identify', bytesWith('{"userId":"x@BAD@","traits":{"plan":"pro"}}', bad));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ error: 'invalid_message', issues: [{ path: 'userId', message: expect.stringContaining('valid UTF-8') }] });
    }
    expect(await customerIds()).toEqual([]);
  });

  it('names a nested field, and refuses a lone surrogate sent as a JSON escape', async () => {
    const nested = await post('/v1/track', bytesWith('{"userId":"a","event":"e","properties":{"title":"caf@BAD@"}}', [0xe9]));
    expect(nested.body).toMatchObject({ issues: [{ path: 'properties.title' }] });
    const escaped = await post('/v1/track', Buffer.from('{"userId":"b\\ud800","event":"e"}'));
    expect(escaped.status).toBe(400);
    expect(escaped.body).toMatchObject({ issues: [{ path: 'userId' }] });
    expect(await trackedUsers()).toEqual([]);
  });

  it('still accepts real non-ASCII text, U+FFFD and emoji included', async () => {
    const response = await post('/v1/track', Buffer.from(JSON.stringify({ userId: 'zoë-\uFFFD-😀', event: 'café' })));
    expect(response.status).toBe(200);
    expect(await trackedUsers()).toEqual(['zoë-\uFFFD-😀']);
  });

  it('refuses invalid UTF-8 in a management body, naming the field', async () => {
    const response = await t.app.request('/api/write-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await t.accounts.token('admin')}` },
      body: bytesWith('{"name":"k@BAD@"}', [0x80]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: 'name' }] });
  });
});
