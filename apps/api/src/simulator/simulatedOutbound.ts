import { z } from 'zod';

/** What the script says a webhook step's receiver answers (absent: 200 and an empty JSON object). */
export const SimulatedWebhookAnswer = z.strictObject({
  exit: z.enum(['succeeded', 'failed']).describe('the exit the step takes'),
  status: z.number().int().min(100).max(599).optional().describe('the HTTP status the receiver answers'),
  body: z.record(z.string().max(200), z.unknown()).optional().describe('the JSON it answers with (traits are saved from it on success)'),
});
export type SimulatedWebhookAnswer = z.infer<typeof SimulatedWebhookAnswer>;

export const WebhookAnswers = z
  .record(z.string().min(1).max(64), SimulatedWebhookAnswer)
  .refine((answers) => Object.keys(answers).length <= 50, 'at most 50 webhook answers')
  .describe('per webhook step id: what its receiver answers in the simulation');

/** A call the run would have made (nothing leaves the simulation): a webhook request, a team email or a chat post. */
export const SimulatedCall = z.object({
  nodeId: z.string(),
  kind: z.enum(['webhook', 'team_email', 'team_chat']),
  method: z.string().nullable(),
  /** The URL, or the team address. */
  target: z.string(),
  /** Headers as they would be sent, secret values shown as `«secret NAME»`. */
  headers: z.record(z.string(), z.string()),
  body: z.string().nullable(),
  subject: z.string().nullable(),
});
export type SimulatedCall = z.infer<typeof SimulatedCall>;

/** The simulation's outbound side: the script's answers, and the calls it recorded instead of making. */
export class SimulatedOutbound {
  answers: Record<string, SimulatedWebhookAnswer> = {};
  readonly calls: SimulatedCall[] = [];
}
