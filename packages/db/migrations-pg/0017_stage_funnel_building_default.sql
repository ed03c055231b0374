ALTER TABLE "stage_funnel_state" ALTER COLUMN "building" SET DEFAULT 0;
