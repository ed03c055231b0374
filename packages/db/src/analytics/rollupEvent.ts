/** A stored event as the analytics rollups see it (ingested, or observed by the API: opens, clicks, survey answers). */
export type AnalyticsEvent = {
  id: string;
  type: 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias' | 'internal';
  name: string | null;
  customerId: string;
  properties: Record<string, unknown>;
  traits: Record<string, unknown> | null;
  /** Segment's context (campaign, page, device), when the message carried one. */
  context?: Record<string, unknown> | null;
  /** The event's own time (ISO-8601 UTC): every figure counts by it, so backfilled history lands in its period. */
  timestamp: string;
};
