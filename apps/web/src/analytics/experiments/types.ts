/** GET /api/analytics/experiments/arms: one arm of a split, judged against the baseline (the control, else the first arm). */
export type ArmResult = {
  armId: string;
  label: string | null;
  control: boolean;
  baseline: boolean;
  entered: number;
  converted: number;
  rate: number | null;
  difference: number | null;
  differenceLow: number | null;
  differenceHigh: number | null;
  relativeLift: number | null;
  pValue: number | null;
  significant: boolean;
};

export type SplitResult = {
  journeyId: string;
  journeyName: string;
  versionId: string;
  nodeId: string;
  label: string | null;
  autoPromote: boolean;
  promotedArm: string | null;
  minEntries: number;
  arms: ArmResult[];
  winner: string | null;
  verdict: string;
};

export type Promotion = { journeyId: string; nodeId: string; fromVersionId: string; versionId: string; armId: string; pValue: number; note: string; promotedAt: string };

export type ArmsAnswer = { test: string; splits: SplitResult[]; promotions: Promotion[] };

export type Comparison = { difference: number; low: number; high: number; z: number; pValue: number };

/** GET /api/analytics/experiments/global-control. */
export type GlobalControlAnswer = {
  configuredShare: number;
  assigned: number;
  inControl: number;
  actualShare: number | null;
  shareCheckPValue: number | null;
  minCustomers: number;
  enoughData: boolean;
  note: string;
  groups: { group: 'control' | 'treatment'; customers: number; converted: number; conversionRate: number | null; revenue: number; revenuePerCustomer: number | null }[];
  conversion: Comparison | null;
  revenuePerCustomer: Comparison | null;
};

/** GET /api/analytics/experiments/membership/:customerId. */
export type GlobalControlMembership = { customerId: string; assigned: boolean; inControl: boolean; share: number | null; assignedAt: string | null; heldOut: boolean };
