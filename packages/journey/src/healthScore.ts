import { z } from 'zod';
import { TraitPath } from './traitPath';

const EventName = z.string().max(200).trim().min(1);
const Days = z.number().int().min(1).max(3650);
const Weight = z.number().positive().max(1000);
const Label = z.string().max(100).trim().optional();

/** The three bands a score falls in, best first. */
export const HealthBand = z.enum(['healthy', 'at_risk', 'critical']);
export type HealthBand = z.infer<typeof HealthBand>;

/**
 * One weighted rule of the health score. Each earns between 0 and its weight:
 * `activity` weight × min(events in the last `days`, `target`) ÷ `target` (no `events`: any track, page or screen);
 * `event` the full weight when the customer did (or, with `expect: did_not`, did not) do `event` in the last `days`;
 * `nps` weight × latest NPS answer ÷ 10 (no answer: 0); `email` the full weight when they opened (or clicked)
 * any email in the last `days`; `trait` the full weight when the trait equals one of `values` (`exists`: has any value).
 */
export const HealthRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activity'), label: Label, weight: Weight, events: z.array(EventName).max(20).default([]), days: Days, target: z.number().int().min(1).max(10_000) }),
  z.object({ kind: z.literal('event'), label: Label, weight: Weight, event: EventName, days: Days, expect: z.enum(['did', 'did_not']).default('did') }),
  z.object({ kind: z.literal('nps'), label: Label, weight: Weight }),
  z.object({ kind: z.literal('email'), label: Label, weight: Weight, days: Days, engagement: z.enum(['opened', 'clicked']).default('opened') }),
  z.object({ kind: z.literal('trait'), label: Label, weight: Weight, trait: TraitPath, operator: z.enum(['in', 'exists']).default('in'), values: z.array(z.string().max(200)).max(50).default([]) }),
]);
export type HealthRule = z.infer<typeof HealthRule>;

/** How an admin defines the health score: weighted rules and the band thresholds (score ≥ healthyFrom: healthy, ≥ atRiskFrom: at risk). */
export const HealthSettings = z
  .object({
    rules: z.array(HealthRule).max(20).default([]),
    bands: z
      .object({ healthyFrom: z.number().int().min(1).max(100).default(70), atRiskFrom: z.number().int().min(0).max(99).default(40) })
      .prefault({})
      .refine((bands) => bands.atRiskFrom < bands.healthyFrom, { message: 'must be above atRiskFrom', path: ['healthyFrom'] }),
  })
  .superRefine((settings, ctx) => {
    settings.rules.forEach((rule, index) => {
      if (rule.kind === 'trait' && rule.operator === 'in' && rule.values.length === 0) ctx.addIssue({ code: 'custom', path: ['rules', index, 'values'], message: 'name at least one value' });
    });
  });
export type HealthSettings = z.infer<typeof HealthSettings>;

export const DEFAULT_HEALTH_SETTINGS: HealthSettings = HealthSettings.parse({});

/** What the database saw for one rule (same order as the rules). */
export type HealthObservation =
  | { kind: 'activity'; count: number }
  | { kind: 'event'; happened: boolean }
  | { kind: 'nps'; score: number | null }
  | { kind: 'email'; engaged: boolean }
  | { kind: 'trait'; value: unknown };

/** One rule's part of a score: the "why this score" line. */
export const HealthRuleResult = z.object({ label: z.string(), kind: z.enum(['activity', 'event', 'nps', 'email', 'trait']), weight: z.number(), points: z.number(), seen: z.string() });
export type HealthRuleResult = z.infer<typeof HealthRuleResult>;

export type HealthScore = { score: number; band: HealthBand; rules: HealthRuleResult[] };

/** The band a score falls in. */
export function healthBandOf(score: number, bands: HealthSettings['bands']): HealthBand {
  if (score >= bands.healthyFrom) return 'healthy';
  return score >= bands.atRiskFrom ? 'at_risk' : 'critical';
}

/** Score = round(100 × Σ points ÷ Σ weights); undefined when no rule is defined. */
export function scoreHealth(settings: HealthSettings, observed: readonly HealthObservation[]): HealthScore | undefined {
  if (settings.rules.length === 0) return undefined;
  const rules = settings.rules.map((rule, index) => ruleResult(rule, observed[index]));
  const weights = rules.reduce((sum, rule) => sum + rule.weight, 0);
  const points = rules.reduce((sum, rule) => sum + rule.points, 0);
  const score = Math.round((100 * points) / weights);
  return { score, band: healthBandOf(score, settings.bands), rules };
}

function ruleResult(rule: HealthRule, seen: HealthObservation | undefined): HealthRuleResult {
  if (seen?.kind !== rule.kind) throw new Error(`health rule ${rule.kind} observed as ${seen?.kind ?? 'nothing'}`);
  const part = (share: number, text: string): HealthRuleResult => ({ label: rule.label || describeHealthRule(rule), kind: rule.kind, weight: rule.weight, points: round2(rule.weight * share), seen: text });
  switch (rule.kind) {
    case 'activity': {
      const count = (seen as { count: number }).count;
      return part(Math.min(count, rule.target) / rule.target, `${count} in ${rule.days} days`);
    }
    case 'event': {
      const happened = (seen as { happened: boolean }).happened;
      return part(happened === (rule.expect === 'did') ? 1 : 0, happened ? 'did' : 'did not');
    }
    case 'nps': {
      const score = (seen as { score: number | null }).score;
      return part(score === null ? 0 : score / 10, score === null ? 'no answer' : `latest answer ${score}`);
    }
    case 'email': {
      const engaged = (seen as { engaged: boolean }).engaged;
      return part(engaged ? 1 : 0, engaged ? rule.engagement : `not ${rule.engagement}`);
    }
    case 'trait': {
      const value = (seen as { value: unknown }).value;
      const present = value !== null && value !== undefined;
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      const matches = rule.operator === 'exists' ? present : present && rule.values.includes(text);
      return part(matches ? 1 : 0, present ? `${rule.trait} = ${text}` : `no ${rule.trait}`);
    }
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown health rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** A rule in words (its label when it has none). */
export function describeHealthRule(rule: HealthRule): string {
  switch (rule.kind) {
    case 'activity':
      return `${rule.target}+ ${rule.events.length > 0 ? rule.events.join('/') : 'events'} in ${rule.days} days`;
    case 'event':
      return `${rule.expect === 'did' ? 'Did' : 'Did not do'} ${rule.event} in ${rule.days} days`;
    case 'nps':
      return 'Latest NPS answer';
    case 'email':
      return `${rule.engagement === 'opened' ? 'Opened' : 'Clicked'} an email in ${rule.days} days`;
    case 'trait':
      return rule.operator === 'exists' ? `Has ${rule.trait}` : `${rule.trait} is ${rule.values.join(' or ')}`;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown health rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
