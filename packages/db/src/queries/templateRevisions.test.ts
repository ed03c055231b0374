import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertJourney, publishJourneyVersion } from './journeys';
import { liveVersionsSending, pinVersionTemplates, templateForSend } from './pinnedTemplates';
import { currentTemplateRevision, getTemplateRevision, listTemplateRevisions } from './templateRevisions';
import { deleteTemplateUnlessUsed, insertTemplate, updateTemplate } from './templates';
import { openTestDatabase } from '../testing/testDatabase';

const freshDb = () => openTestDatabase(join(mkdtempSync(join(tmpdir(), 'lifecycle-db-')), 'lifecycle.db'));
const sends = (templateId: string) => ({ nodes: [{ id: 't', type: 'trigger', event: 'e' }, { id: 's', type: 'send_email', templateId }], edges: [] });

describe('template history', () => {
  it('stores every save as the next numbered revision, with who saved it', async () => {
    const db = freshDb();
    expect((await insertTemplate(db, 'tpl', { name: 'Hello', subject: 'One', html: '<p>1</p>' }, 'ada@example.com')).revision).toBe(1);
    expect((await updateTemplate(db, 'tpl', { name: 'Hello', subject: 'Two', html: '<p>2</p>', text: 'two' }, 'bob@example.com'))?.revision).toBe(2);
    expect(await updateTemplate(db, 'missing', { name: 'x', subject: 'x', html: '' })).toBeUndefined();
    expect((await listTemplateRevisions(db, 'tpl')).map(({ revision, subject, savedBy }) => ({ revision, subject, savedBy }))).toEqual([
      { revision: 2, subject: 'Two', savedBy: 'bob@example.com' },
      { revision: 1, subject: 'One', savedBy: 'ada@example.com' },
    ]);
    expect(await getTemplateRevision(db, 'tpl', 2)).toMatchObject({ html: '<p>2</p>', text: 'two' });
    expect(await currentTemplateRevision(db, 'tpl')).toBe(2);
    expect(await currentTemplateRevision(db, 'missing')).toBeUndefined();
  });
});

describe('templates pinned at publish', () => {
  it('sends the pinned revision after edits and after the template is deleted; an unpinned version sends the template as it is now', async () => {
    const db = freshDb();
    await insertTemplate(db, 'tpl', { name: 'Hello', subject: 'Published', html: '<p>p</p>' });
    await insertJourney(db, 'j', { name: 'Onboarding', draft: sends('tpl') });
    const pinned = await publishJourneyVersion(db, { id: 'v1', journeyId: 'j', graph: sends('tpl'), triggerEvent: 'e' });
    await pinVersionTemplates(db, pinned.id, ['tpl', 'tpl']);
    await updateTemplate(db, 'tpl', { name: 'Hello', subject: 'Edited', html: '<p>e</p>' });
    // Running the hook again keeps the first pin.
    await pinVersionTemplates(db, pinned.id, ['tpl']);

    expect(await templateForSend(db, 'v1', 'tpl')).toMatchObject({ subject: 'Published', revision: 1, pinned: true });
    expect(await templateForSend(db, 'v-before-pinning', 'tpl')).toMatchObject({ subject: 'Edited', revision: 2, pinned: false });
    expect(await templateForSend(db, undefined, 'tpl')).toMatchObject({ subject: 'Edited', pinned: false });
    expect(await liveVersionsSending(db, 'tpl')).toEqual([{ journeyId: 'j', journeyName: 'Onboarding', versionId: 'v1', version: 1, revision: 1 }]);

    // The guard refuses while the live version sends it; once nothing uses it, the history (and so the pin) remains.
    expect((await deleteTemplateUnlessUsed(db, 'tpl')).status).toBe('in_use');
    await db.prepare(`update journeys set live_version_id = null where id = 'j'`).run();
    expect((await deleteTemplateUnlessUsed(db, 'tpl')).status).toBe('deleted');
    expect(await templateForSend(db, 'v1', 'tpl')).toMatchObject({ subject: 'Published', pinned: true });
    expect(await templateForSend(db, 'v-before-pinning', 'tpl')).toBeUndefined();
  });
});
