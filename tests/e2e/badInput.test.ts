import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startApiProcess, tempDir, type ApiProcess } from '../support/processes';
import { appDatabase, withAppDatabase, type ProcessDatabase } from './appDatabase';
import { apiTokenFor } from './journeyClient';

const WRITE_KEY = 'wk_bad_input_key_0123456789';
const ADMIN = { email: 'admin@bad-input.example.com', password: 'bad-input-admin-password' };

// The API alone, with Temporal unreachable: it must still judge input and keep what is valid.
describe('bad input over real HTTP', () => {
  let api: ApiProcess;
  let database: ProcessDatabase | undefined;
  let management: Record<string, string>;
  const auth = `Basic ${Buffer.from(`${WRITE_KEY}:`).toString('base64')}`;

  beforeAll(async () => {
    database = await appDatabase(tempDir());
    api = await startApiProcess({
      NODE_ENV: 'test',
      ...database.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      TRACKING_SECRET: 'bad-input-secret-0123456789abcdef',
      WRITE_KEY,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    management = { authorization: `Bearer ${await apiTokenFor(api.url, ADMIN)}` };
  });
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
  });

  /** The messages the API committed, read straight from its database (not the events it derives, like stage changes). */
  function storedMessageIds(): Promise<string[]> {
    return withAppDatabase(database!.env, (db) => db.prepare(`select message_id from events where type != 'internal' order by message_id`).pluck().all<string>());
  }

  async function post(path: string, body: string, headers: Record<string, string> = { authorization: auth }) {
    const response = await fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('answers malformed JSON with 400 invalid_json', async () => {
    const { status, body } = await post('/v1/track', '{"userId": "u1", "event": ');
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_json');
  });

  it('names the missing userId/anonymousId and keeps the valid messages of the same batch', async () => {
    const batch = [
      { type: 'track', userId: 'kept-1', event: 'signed_up', messageId: 'm-kept-1' },
      { type: 'track', event: 'signed_up', messageId: 'm-lost' },
      { type: 'identify', userId: 'kept-2', traits: { email: 'kept2@example.com' }, messageId: 'm-kept-2' },
    ];
    const { status, body } = await post('/v1/batch', JSON.stringify({ batch }));
    expect(status).toBe(400);
    expect(body.accepted).toBe(2);
    expect(JSON.stringify(body.issues)).toContain('batch[1].userId');

    expect(await storedMessageIds()).toEqual(['m-kept-1', 'm-kept-2']);
    // Sending the same messages again stores nothing twice: messageId de-duplicates.
    const again = await post('/v1/batch', JSON.stringify({ batch: [batch[0], batch[2]] }));
    expect(again.status).toBe(200);
    expect(await storedMessageIds()).toEqual(['m-kept-1', 'm-kept-2']);
  });

  it('rejects a wrong or missing write key with 401', async () => {
    const wrong = await post('/v1/track', JSON.stringify({ userId: 'u', event: 'x' }), { authorization: `Basic ${Buffer.from('nope:').toString('base64')}` });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_write_key');
    const missing = await post('/v1/track', JSON.stringify({ userId: 'u', event: 'x' }), {});
    expect(missing.status).toBe(401);
  });

  it('refuses management calls without a session or token, and a write key in their place', async () => {
    const anonymous = await post('/api/journeys', JSON.stringify({ name: 'x' }), {});
    expect(anonymous.status).toBe(401);
    const withWriteKey = await post('/api/journeys', JSON.stringify({ name: 'x' }), { authorization: auth });
    expect(withWriteKey.status).toBe(401);
  });

  it('refuses JSON nested deeper than the limit', async () => {
    const { status, body } = await post('/v1/track', `{"userId":"u","event":"x","properties":${'['.repeat(100)}${']'.repeat(100)}}`);
    expect(status).toBe(400);
    expect(body.error).toBe('too_deep');
  });

  it('names an unknown journey node type', async () => {
    const draft = { nodes: [{ id: 't', type: 'trigger', event: 'signed_up' }, { id: 'x', type: 'teleport' }], edges: [] };
    const { status, body } = await post('/api/journeys', JSON.stringify({ name: 'Bad', draft }), management);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(JSON.stringify(body.issues)).toContain('draft.nodes[1].type');
  });

  it('refuses to publish an invalid graph, listing the problem of each node', async () => {
    const draft = {
      nodes: [
        { id: 'trigger', type: 'trigger', event: 'signed_up' },
        { id: 'wait_open', type: 'wait_for_event', awaited: { kind: 'event', event: 'purchase' } },
        { id: 'orphan', type: 'exit' },
      ],
      edges: [{ id: 'e1', source: 'trigger', sourceExit: 'next', target: 'wait_open' }],
    };
    const created = await post('/api/journeys', JSON.stringify({ name: 'Incomplete', draft }), management);
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const { status, body } = await post(`/api/journeys/${id}/publish`, '{}', management);
    expect(status).toBe(422);
    expect(body.error).toBe('invalid_journey');
    const problems = body.problems as { nodeId: string | null; code: string; field: string | null }[];
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'wait_open', field: 'timeout' }),
        expect.objectContaining({ nodeId: 'orphan', code: 'unreachable_node' }),
      ]),
    );
    // The draft the marketer drew is still there, untouched.
    const saved = (await (await fetch(`${api.url}/api/journeys/${id}`, { headers: management })).json()) as { draft: { nodes: unknown[] } };
    expect(saved.draft.nodes).toHaveLength(3);
  });
});
