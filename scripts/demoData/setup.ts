import { expectStatus, type DemoApi } from './api';

type Rule = { kind: string; event?: string; to: string; first?: boolean; from?: string[] };

/** Rules the demo's events move customers by, added when the install has no rule for that event yet. */
const DEMO_RULES: Rule[] = [
  { kind: 'event', event: 'signed_up', first: true, to: 'onboarding', from: ['awareness', 'acquisition'] },
  { kind: 'event', event: 'feature_used', first: true, to: 'engagement', from: ['acquisition', 'onboarding'] },
  { kind: 'event', event: 'referral_sent', first: true, to: 'advocacy', from: ['retention', 'engagement'] },
  { kind: 'event', event: 'subscription_cancelled', first: true, to: 'churned' },
];

/** Adds the demo's stage rules (only for events no rule names yet, and only to stages configured). */
export async function ensureStageRules(api: DemoApi): Promise<string[]> {
  const config = expectStatus(await api.call<{ stages: string[]; rules: Rule[] }>('GET', '/api/lifecycle/stages'), 'reading the lifecycle stages');
  const missing = DEMO_RULES.filter((rule) => !config.rules.some((other) => other.kind === 'event' && other.event === rule.event) && config.stages.includes(rule.to)).map((rule) => ({ ...rule, ...(rule.from ? { from: rule.from.filter((stage) => config.stages.includes(stage)) } : {}) }));
  if (missing.length === 0) return [];
  const saved = await api.call('PUT', '/api/lifecycle/stages', { stages: config.stages, rules: [...config.rules, ...missing] });
  if (saved.status !== 200) {
    console.log(`  (could not add stage rules: HTTP ${saved.status}; stages move by the rules already configured)`);
    return [];
  }
  return missing.map((rule) => `${rule.event} → ${rule.to}`);
}

/** Gives the analytics settings rates for the demo's EUR and GBP purchases when none are set. */
export async function ensureCurrencyRates(api: DemoApi): Promise<string> {
  const settings = expectStatus(await api.call<{ revenue: { baseCurrency: string; rates: Record<string, number> } }>('GET', '/api/analytics/settings'), 'reading the analytics settings');
  if (Object.keys(settings.revenue.rates).length > 0 || settings.revenue.baseCurrency !== 'USD') return 'kept the configured currency rates';
  const saved = await api.call('PUT', '/api/analytics/settings', { ...settings, revenue: { ...settings.revenue, rates: { EUR: 1.08, GBP: 1.27 } } });
  return saved.status === 200 ? 'set currency rates EUR 1.08, GBP 1.27 (USD base)' : `could not set currency rates (HTTP ${saved.status}): EUR and GBP purchases are reported apart`;
}
