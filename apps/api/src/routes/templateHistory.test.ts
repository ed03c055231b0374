import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedJourney } from '../testing/journeyFixtures';
import { testApp, type TestApp } from '../testing/testApp';

let t: TestApp;
beforeEach(async () => {
  t = testApp();
});
afterEach(async () => {
  await t.close();
});

const edit = (id: string, subject: string) => t.send('PUT', `/api/templates/${id}`, { name: 'Welcome', subject, html: `<p>${subject}</p>` });

describe('template history', () => {
  it('lists every save as a numbered revision with who saved it, shows one, and restores one as the newest revision', async () => {
    const { templateId } = await publishedJourney(t);
    await edit(templateId, 'Second');
    await edit(templateId, 'Third');
    const history = await t.send('GET', `/api/templates/${templateId}/revisions`);
    expect(history.status).toBe(200);
    expect(history.body.current).toBe(3);
    expect(history.body.revisions.map((r: { revision: number; subject: string }) => [r.revision, r.subject])).toEqual([[3, 'Third'], [2, 'Second'], [1, 'Hi {{ customer.traits.firstName }}']]);
    expect(history.body.revisions[0].savedBy).toEqual(expect.any(String));

    const second = await t.send('GET', `/api/templates/${templateId}/revisions/2`);
    expect(second.body).toMatchObject({ templateId, revision: 2, subject: 'Second', html: '<p>Second</p>' });
    expect((await t.send('GET', `/api/templates/${templateId}/revisions/9`)).status).toBe(404);
    expect((await t.send('GET', `/api/templates/${templateId}/revisions/two`)).status).toBe(400);

    const restored = await t.send('POST', `/api/templates/${templateId}/revisions/2/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: templateId, subject: 'Second', html: '<p>Second</p>' });
    const after = await t.send('GET', `/api/templates/${templateId}/revisions`);
    expect(after.body.current).toBe(4);
    expect(after.body.revisions[0]).toMatchObject({ revision: 4, subject: 'Second' });
  });

  it('names each live journey version with the revision it pinned at publish; publishing again pins the edit', async () => {
    const { templateId, journeyId, versionId } = await publishedJourney(t);
    await edit(templateId, 'Edited');
    const pinned = await t.send('GET', `/api/templates/${templateId}/revisions`);
    expect(pinned.body.liveUses).toEqual([{ journeyId, journeyName: 'Welcome', versionId, version: 1, revision: 1 }]);

    const republished = await t.send('POST', `/api/journeys/${journeyId}/publish`);
    const after = await t.send('GET', `/api/templates/${templateId}/revisions`);
    expect(after.body.liveUses).toEqual([{ journeyId, journeyName: 'Welcome', versionId: republished.body.id, version: 2, revision: 2 }]);
  });

  it('answers 404 for the history of a template that does not exist', async () => {
    expect((await t.send('GET', '/api/templates/nope/revisions')).status).toBe(404);
    expect((await t.send('POST', '/api/templates/nope/revisions/1/restore')).status).toBe(404);
  });
});
