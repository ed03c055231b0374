/** The health bands, best first, with the words and colours every health view uses. */
export const HEALTH_BANDS = ['healthy', 'at_risk', 'critical'] as const;
export type HealthBand = (typeof HEALTH_BANDS)[number];

export const BAND_LABELS: Record<HealthBand, string> = { healthy: 'Healthy', at_risk: 'At risk', critical: 'Critical' };
export const BAND_COLORS: Record<HealthBand, string> = { healthy: '#2e7d32', at_risk: '#ed8f03', critical: '#c62828' };

export function bandLabel(band: string): string {
  return (BAND_LABELS as Record<string, string>)[band] ?? band;
}
