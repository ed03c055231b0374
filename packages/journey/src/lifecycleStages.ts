import { z } from 'zod';

export const StageName = z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and _ only');

/** A rule that moves customers to a stage. `from` limits it to customers in those stages (absent: any stage). */
export const StageRule = z.discriminatedUnion('kind', [
  /** The customer's first event of this name (or every one, with `first: false`). */
  z.object({ kind: z.literal('event'), event: z.string().min(1).max(200), first: z.boolean().default(true), to: StageName, from: z.array(StageName).optional() }),
  /** An identify that gives the customer an email. */
  z.object({ kind: z.literal('identified'), to: StageName, from: z.array(StageName).optional() }),
  /** No activity for `days` days (found by a periodic sweep). */
  z.object({ kind: z.literal('inactive'), days: z.number().positive().max(3650), to: StageName, from: z.array(StageName).optional() }),
]);
export type StageRule = z.infer<typeof StageRule>;

/** The business's ordered lifecycle stages and the rules that move customers between them. */
export const LifecycleConfig = z.object({
  stages: z.array(StageName).min(1).max(30),
  rules: z.array(StageRule).max(50),
});
export type LifecycleConfig = z.infer<typeof LifecycleConfig>;

/** The internal event a stage change emits; journeys trigger on it with `event.stage = <stage>`. */
export const STAGE_ENTERED = 'stage_entered';

/** The stages and rules a new workspace starts with. */
export const DEFAULT_LIFECYCLE: LifecycleConfig = {
  stages: ['awareness', 'acquisition', 'onboarding', 'engagement', 'retention', 'advocacy', 'at_risk', 'churned'],
  rules: [
    { kind: 'identified', to: 'acquisition', from: ['awareness'] },
    { kind: 'event', event: 'purchase', first: true, to: 'retention' },
    { kind: 'inactive', days: 30, to: 'at_risk', from: ['onboarding', 'engagement', 'retention', 'advocacy'] },
  ],
};

/** Problems with a config: rules that name stages it does not list. */
export function stageConfigProblems(config: LifecycleConfig): string[] {
  const known = new Set(config.stages);
  return config.rules.flatMap((rule, index) =>
    [rule.to, ...(rule.from ?? [])].filter((stage) => !known.has(stage)).map((stage) => `rules[${index}] names unknown stage \`${stage}\``),
  );
}
