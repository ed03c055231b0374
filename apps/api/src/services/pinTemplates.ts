import { pinVersionTemplates, type Db } from '@lifecycle/db';
import type { PublishedVersion } from './publishHooks';

/**
 * Publish hook: the version sends each of its templates as it is now, whatever edits come later (a run never changes
 * what it sends under its feet); publishing again picks up the edits.
 */
export async function pinTemplates(db: Db, { versionId, graph }: PublishedVersion): Promise<void> {
  const templateIds = graph.nodes.flatMap((node) => (node.type === 'send_email' ? [node.templateId] : []));
  await pinVersionTemplates(db, versionId, templateIds);
}
