import type { AnalyticsSettings } from '@lifecycle/journey';

/** One row of the currency rate table as typed (strings until saved, so a half-typed number is not lost). */
export type RateRow = { currency: string; rate: string };

/**
 * The Settings form's state: numbers kept as typed text, shares shown as percentages. The API validates on save
 * and its issues are shown next to the field, so the form does not duplicate the rules.
 */
export type SettingsDraft = {
  activityEvents: string[];
  customerStages: string[];
  churnStages: string[];
  churnInactivityDays: string;
  revenueEvents: string[];
  revenueProperties: string[];
  currencyProperty: string;
  baseCurrency: string;
  rates: RateRow[];
  marginPercent: string;
  channelTrait: string;
  controlPercent: string;
  experimentMinEntries: string;
};

/** 0.4 → "40" (rounded so 0.07 does not show as 7.000000000000001). */
function percentOf(share: number): string {
  return String(Math.round(share * 100 * 1000) / 1000);
}

export function draftOf(settings: AnalyticsSettings): SettingsDraft {
  return {
    activityEvents: settings.activityEvents,
    customerStages: settings.customerStages,
    churnStages: settings.churnStages,
    churnInactivityDays: settings.churnInactivityDays === null ? '' : String(settings.churnInactivityDays),
    revenueEvents: settings.revenue.events,
    revenueProperties: settings.revenue.properties,
    currencyProperty: settings.revenue.currencyProperty,
    baseCurrency: settings.revenue.baseCurrency,
    rates: Object.entries(settings.revenue.rates).map(([currency, rate]) => ({ currency, rate: String(rate) })),
    marginPercent: percentOf(settings.margin),
    channelTrait: settings.channelTrait,
    controlPercent: percentOf(settings.globalControlShare),
    experimentMinEntries: String(settings.experimentMinEntries),
  };
}

/** Typed text → number; blank or not a number stays as text so the API names the field instead of saving a 0. */
function numberOf(text: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  return trimmed === '' || Number.isNaN(value) ? trimmed : value;
}

function shareOf(percent: string): number | string {
  const value = numberOf(percent);
  return typeof value === 'number' ? value / 100 : value;
}

/** The body of PUT /api/analytics/settings; fields this form does not know (added later) are kept as loaded. */
export function settingsOf(draft: SettingsDraft, loaded: AnalyticsSettings): unknown {
  return {
    ...loaded,
    activityEvents: draft.activityEvents,
    customerStages: draft.customerStages,
    churnStages: draft.churnStages,
    churnInactivityDays: draft.churnInactivityDays.trim() === '' ? null : numberOf(draft.churnInactivityDays),
    revenue: {
      ...loaded.revenue,
      events: draft.revenueEvents,
      properties: draft.revenueProperties,
      currencyProperty: draft.currencyProperty.trim(),
      baseCurrency: draft.baseCurrency.trim(),
      rates: Object.fromEntries(draft.rates.filter((row) => row.currency.trim() !== '' || row.rate.trim() !== '').map((row) => [row.currency.trim(), numberOf(row.rate)])),
    },
    margin: shareOf(draft.marginPercent),
    channelTrait: draft.channelTrait.trim(),
    globalControlShare: shareOf(draft.controlPercent),
    experimentMinEntries: numberOf(draft.experimentMinEntries),
  };
}
