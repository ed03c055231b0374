import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYTICS_SETTINGS, type AnalyticsSettings } from './analyticsSettings';
import { revenueAmount } from './analyticsRevenue';

const settings: AnalyticsSettings = { ...DEFAULT_ANALYTICS_SETTINGS, revenue: { ...DEFAULT_ANALYTICS_SETTINGS.revenue, rates: { EUR: 1.1 } } };
const track = (name: string, properties: Record<string, unknown>) => ({ type: 'track', name, properties });

describe('revenueAmount', () => {
  it('reads revenue, else total, from the configured events only', () => {
    expect(revenueAmount(settings, track('purchase', { revenue: 20, total: 99 }))).toEqual({ kind: 'base', amount: 20, currency: 'USD' });
    expect(revenueAmount(settings, track('Order Completed', { total: '12.5' }))).toEqual({ kind: 'base', amount: 12.5, currency: 'USD' });
    expect(revenueAmount(settings, track('page_view', { revenue: 20 }))).toBeNull();
    expect(revenueAmount(settings, track('purchase', { revenue: 'lots' }))).toBeNull();
    expect(revenueAmount(settings, { type: 'identify', name: null, properties: { revenue: 5 } })).toBeNull();
  });

  it('converts a currency with a rate and keeps one without apart', () => {
    expect(revenueAmount(settings, track('purchase', { revenue: 10, currency: 'eur' }))).toEqual({ kind: 'base', amount: 11, currency: 'EUR' });
    expect(revenueAmount(settings, track('purchase', { revenue: 10, currency: 'GBP' }))).toEqual({ kind: 'unconverted', amount: 10, currency: 'GBP' });
  });
});
