import { describe, expect, it } from 'vitest';
import { HealthSettings, scoreHealth } from './healthScore';

const settings = HealthSettings.parse({
  rules: [
    { kind: 'activity', weight: 40, days: 14, target: 4 },
    { kind: 'event', weight: 10, event: 'support_ticket', days: 30, expect: 'did_not' },
    { kind: 'nps', weight: 20 },
    { kind: 'email', weight: 10, days: 30 },
    { kind: 'trait', weight: 20, trait: 'plan', values: ['pro', 'team'] },
  ],
  bands: { healthyFrom: 70, atRiskFrom: 40 },
});

describe('scoreHealth', () => {
  it('adds each rule share of its weight and bands the total', () => {
    const result = scoreHealth(settings, [
      { kind: 'activity', count: 3 },
      { kind: 'event', happened: false },
      { kind: 'nps', score: 7 },
      { kind: 'email', engaged: false },
      { kind: 'trait', value: 'pro' },
    ]);
    // 40×3/4 = 30, +10 (no ticket), +20×7/10 = 14, +0, +20 → 74 of 100
    expect(result).toMatchObject({ score: 74, band: 'healthy' });
    expect(result?.rules.map((rule) => rule.points)).toEqual([30, 10, 14, 0, 20]);
  });

  it('caps activity at the target and reads no answer as 0', () => {
    const result = scoreHealth(settings, [
      { kind: 'activity', count: 9 },
      { kind: 'event', happened: true },
      { kind: 'nps', score: null },
      { kind: 'email', engaged: true },
      { kind: 'trait', value: 'free' },
    ]);
    // 40 + 0 + 0 + 10 + 0 = 50 → at risk
    expect(result).toMatchObject({ score: 50, band: 'at_risk' });
  });

  it('has no score without rules and refuses bands out of order, naming the field', () => {
    expect(scoreHealth(HealthSettings.parse({}), [])).toBeUndefined();
    const refused = HealthSettings.safeParse({ bands: { healthyFrom: 30, atRiskFrom: 40 }, rules: [{ kind: 'trait', weight: 1, trait: 'plan' }] });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(expect.arrayContaining(['bands.healthyFrom', 'rules.0.values']));
  });
});
