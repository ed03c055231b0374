import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const policy = { frequencyCap: { limit: 3, windowHours: 24 }, quietHours: { start: '21:00', end: '08:00', days: [] } };

async function journey(): Promise<string> {
  const made = await t.send('POST', '/api/journeys', { name: 'Winback', draft: { nodes: [], edges: [] } });
  expect(made.status, made.text).toBe(201);
  return made.body.id as string;
}

describe('the workspace send policy', () => {
  it('starts with no cap and no quiet hours, and keeps what an admin sets (audited)', async () => {
    expect((await t.send('GET', '/api/workspace/sending')).body).toEqual({ frequencyCap: null, quietHours: null });
    const saved = await t.send('PUT', '/api/workspace/sending', policy);
    expect(saved.status, saved.text).toBe(200);
    expect((await t.send('GET', '/api/workspace/sending', undefined, await t.accounts.session('viewer'))).body).toEqual(policy);
    const log = await t.send('GET', '/api/audit');
    expect(JSON.stringify(log.body)).toContain('workspace.sending.update');
  });

  it('answers 400 naming the field for a bad time, equal start and end, or too long a window', async () => {
    const badTime = await t.send('PUT', '/api/workspace/sending', { ...policy, quietHours: { start: '25:00', end: '08:00', days: [] } });
    expect(badTime.status).toBe(400);
    expect(badTime.body.issues.map((issue: { path: string }) => issue.path)).toContain('quietHours.start');
    const same = await t.send('PUT', '/api/workspace/sending', { ...policy, quietHours: { start: '08:00', end: '08:00', days: [] } });
    expect(same.status).toBe(400);
    expect(same.body.issues).toContainEqual(expect.objectContaining({ path: 'quietHours.end' }));
    const long = await t.send('PUT', '/api/workspace/sending', { ...policy, frequencyCap: { limit: 3, windowHours: 24 * 31 } });
    expect(long.status).toBe(400);
    expect(long.body.issues.map((issue: { path: string }) => issue.path)).toContain('frequencyCap.windowHours');
    const day = await t.send('PUT', '/api/workspace/sending', { ...policy, quietHours: { start: '21:00', end: '08:00', days: ['someday'] } });
    expect(day.status).toBe(400);
    expect(day.body.issues.map((issue: { path: string }) => issue.path)).toContain('quietHours.days[0]');
  });

  it('is set by admins only', async () => {
    const marketer = await t.send('PUT', '/api/workspace/sending', policy, { authorization: `Bearer ${await t.accounts.token('marketer')}` });
    expect(marketer.status).toBe(403);
  });
});

describe("a journey's override", () => {
  it('inherits the workspace until set, then follows its own rule per rule', async () => {
    await t.send('PUT', '/api/workspace/sending', policy);
    const id = await journey();
    expect((await t.send('GET', `/api/journeys/${id}/sending`)).body).toEqual({
      journey: { frequencyCap: { mode: 'workspace' }, quietHours: { mode: 'workspace' } },
      workspace: policy,
      effective: policy,
    });
    const own = { frequencyCap: { mode: 'custom', value: { limit: 1, windowHours: 168 } }, quietHours: { mode: 'off' } };
    const saved = await t.send('PUT', `/api/journeys/${id}/sending`, own, { authorization: `Bearer ${await t.accounts.token('marketer')}` });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.effective).toEqual({ frequencyCap: { limit: 1, windowHours: 168 }, quietHours: null });
    expect((await t.send('GET', `/api/journeys/${id}/sending`)).body.journey).toEqual(own);
    const back = await t.send('PUT', `/api/journeys/${id}/sending`, { frequencyCap: { mode: 'workspace' }, quietHours: { mode: 'workspace' } });
    expect(back.body.effective).toEqual(policy);
  });

  it('answers 404 for a journey that does not exist and 400 naming the field for a bad rule', async () => {
    expect((await t.send('GET', '/api/journeys/nope/sending')).status).toBe(404);
    const id = await journey();
    const bad = await t.send('PUT', `/api/journeys/${id}/sending`, { frequencyCap: { mode: 'custom', value: { limit: 0, windowHours: 24 } }, quietHours: { mode: 'workspace' } });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue: { path: string }) => issue.path)).toContain('frequencyCap.value.limit');
  });
});
