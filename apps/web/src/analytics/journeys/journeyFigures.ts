import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client';

// The journeys figures as /api/analytics/journeys/* answers them (apps/api/src/analytics/journeys/*.ts).

export type JourneyFiguresRow = {
  journeyId: string;
  journeyName: string;
  versionId: string | null;
  version: number | null;
  entered: number;
  inProgress: number;
  completed: number;
  endedOtherwise: number;
  converted: number;
  conversionRate: number | null;
  medianHoursToConvert: number | null;
  revenue: number;
};

export type SendRates = {
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  uniqueOpens: number;
  uniqueClicks: number;
  unsubscribes: number;
  openRate: number | null;
  clickRate: number | null;
};

export type NodeOverlay = {
  journeyId: string;
  versionId: string;
  version: number;
  nodes: { nodeId: string; reached: number; passedOn: number; exits: { exit: string; visits: number; share: number | null }[] }[];
  sends: (SendRates & { nodeId: string; templateId: string })[];
};

export type TemplateFigures = SendRates & { templateId: string; templateName: string | null; journeys: number };

/** Per node figures of one version, refreshed while shown. */
export function useNodeOverlay(journeyId: string, versionId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['analytics', 'journey-nodes', journeyId, versionId],
    enabled,
    refetchInterval: 5_000,
    queryFn: () => getJson<NodeOverlay>(`/api/analytics/journeys/nodes?journey=${encodeURIComponent(journeyId)}&versionId=${encodeURIComponent(versionId)}`),
  });
}
