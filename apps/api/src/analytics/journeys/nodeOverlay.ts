import { journeyNodeFigures, journeySendFigures, versionOfJourney, type Db, type SendFigures } from '@lifecycle/db';
import { z } from 'zod';
import { HttpError } from '../../errors';

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

export const SendRates = z.object({
  sent: z.number().int().describe('handed to the mail server: delivered + failed + uncertain'),
  delivered: z.number().int().describe('accepted by the mail server'),
  failed: z.number().int(),
  skipped: z.number().int().describe('not sent: unsubscribed or suppressed customers'),
  uniqueOpens: z.number().int(),
  uniqueClicks: z.number().int(),
  unsubscribes: z.number().int().describe("customers who used this email's unsubscribe link"),
  openRate: z.number().nullable().describe('unique opens ÷ delivered'),
  clickRate: z.number().nullable().describe('unique clicks ÷ delivered'),
});
export type SendRates = z.infer<typeof SendRates>;

/** Counters as the API shows them, with the open and click rates over delivered. */
export function sendRates(figures: SendFigures): SendRates {
  return {
    sent: figures.sent, delivered: figures.delivered, failed: figures.failed, skipped: figures.skipped,
    uniqueOpens: figures.opened, uniqueClicks: figures.clicked, unsubscribes: figures.unsubscribed,
    openRate: rate(figures.opened, figures.delivered), clickRate: rate(figures.clicked, figures.delivered),
  };
}

export const NodeOverlay = z.object({
  journeyId: z.string(),
  versionId: z.string(),
  version: z.number().int(),
  nodes: z.array(
    z.object({
      nodeId: z.string(),
      reached: z.number().int().describe('visits that reached the node (a run looping back counts again)'),
      passedOn: z.number().int().describe('visits that left by an exit'),
      exits: z.array(z.object({ exit: z.string(), visits: z.number().int(), share: z.number().nullable().describe('visits by this exit ÷ passed on') })),
    }),
  ),
  sends: z.array(SendRates.extend({ nodeId: z.string(), templateId: z.string() })),
}).describe('per node of one journey version, since it was published');
export type NodeOverlay = z.infer<typeof NodeOverlay>;

/** The canvas overlay of a version (by id or number; the latest when neither is given); 404 for an unknown journey or version. */
export async function nodeOverlay(db: Db, journeyId: string, pick: { versionId?: string; version?: number }): Promise<NodeOverlay> {
  const found = await versionOfJourney(db, journeyId, pick);
  if (!found) throw new HttpError(404, 'not_found', `journey ${journeyId} has no such published version`);
  const nodes = (await journeyNodeFigures(db, found.versionId)).map((node) => {
    const passedOn = Object.values(node.exits).reduce((total, visits) => total + visits, 0);
    const exits = Object.entries(node.exits).map(([exit, visits]) => ({ exit, visits, share: rate(visits, passedOn) }));
    return { nodeId: node.nodeId, reached: node.reached, passedOn, exits };
  });
  const sends = (await journeySendFigures(db, found.versionId)).map((send) => ({ nodeId: send.nodeId, templateId: send.templateId, ...sendRates(send) }));
  return { journeyId, versionId: found.versionId, version: found.version, nodes, sends };
}
