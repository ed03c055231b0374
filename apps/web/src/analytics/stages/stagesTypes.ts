// The answers of /api/analytics/stages/* (their zod schemas are in apps/api/src/analytics/stages/stagesAnswers.ts).

export type CurrentStages = { total: number; stages: { stage: string; customers: number; share: number }[] };

export type StagesOverTime = { interval: 'day' | 'week' | 'month'; stages: string[]; periods: { period: string; counts: Record<string, number> }[] };

export type FunnelStep = {
  stage: string;
  customers: number;
  rateFromPrevious: number | null;
  rateFromStart: number | null;
  medianMsFromPrevious: number | null;
  previousCustomers: number;
  previousRateFromPrevious: number | null;
  drop: number | null;
};

export type StageFunnel = {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  steps: FunnelStep[];
  weakestStep: { from: string; to: string; rate: number; previousRate: number; drop: number } | null;
};

export type StageTransition = { from: string | null; to: string; kind: 'first' | 'forward' | 'back' | 'churn' | 'other'; moves: number; shareOfFrom: number };

export type Durations = { count: number; medianMs: number | null; p90Ms: number | null };

export type TimeInStage = { asOf: string; stages: { stage: string; finished: Durations; current: Durations }[] };

export const STAGES_API = '/api/analytics/stages';
