import type { AnalyticsSettings } from './analyticsSettings';

/** What a revenue event is worth: in the base currency, or counted apart when its currency has no rate. */
export type RevenueAmount =
  | { kind: 'base'; amount: number; currency: string }
  | { kind: 'unconverted'; amount: number; currency: string };

/**
 * The revenue an event carries under the settings: only track events named in `revenue.events`; the first property
 * of `revenue.properties` that holds a finite number (a numeric string counts); its currency converted to the base
 * currency by the admin's rate table. An amount in a currency without a rate is returned as `unconverted`, so the
 * figures can report it apart instead of adding unlike money.
 */
export function revenueAmount(settings: AnalyticsSettings, event: { type: string; name: string | null; properties: Record<string, unknown> }): RevenueAmount | null {
  if (event.type !== 'track' || event.name === null || !settings.revenue.events.includes(event.name)) return null;
  const amount = settings.revenue.properties.map((key) => numberOf(event.properties[key])).find((value) => value !== null);
  if (amount === undefined || amount === null) return null;
  const raw = event.properties[settings.revenue.currencyProperty];
  const currency = typeof raw === 'string' && /^[A-Za-z]{3}$/.test(raw) ? raw.toUpperCase() : settings.revenue.baseCurrency;
  if (currency === settings.revenue.baseCurrency) return { kind: 'base', amount, currency };
  const rate = settings.revenue.rates[currency];
  return rate === undefined ? { kind: 'unconverted', amount, currency } : { kind: 'base', amount: amount * rate, currency };
}

function numberOf(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : null;
}
