import { currentStayDays, currentStays, endedStayBuckets, finishedStays, stageChangesRecorded, type Db, type StageFilter } from '@lifecycle/db';
import { currentFromDays, finishedFromBuckets } from './stayQuantiles';
import { durationsByStage, summarize, type DurationSummary } from './timeInStage';

/**
 * Up to this many recorded stage changes, time in stage reads every stay and its quantiles are exact; beyond, it reads
 * the stay histograms (a few thousand rows whatever the size): finished stays to 5% (duration buckets), current ones to
 * the day they began.
 */
export const EXACT_STAYS_LIMIT = 20_000;

type Summaries = { finished: Map<string, DurationSummary>; current: Map<string, DurationSummary> };

export async function staySummaries(db: Db, filter: StageFilter, range: { from: string; to: string }, asOf: string, exactLimit = EXACT_STAYS_LIMIT): Promise<Summaries> {
  if ((await stageChangesRecorded(db)) > exactLimit) {
    return { finished: finishedFromBuckets(await endedStayBuckets(db, filter, range)), current: currentFromDays(await currentStayDays(db, filter, asOf), asOf) };
  }
  const finished = durationsByStage((await finishedStays(db, filter, range)).map((stay) => ({ stage: stay.stage, start: stay.at, end: stay.leftAt })));
  const current = durationsByStage((await currentStays(db, filter, asOf)).map((stay) => ({ stage: stay.stage, start: stay.at, end: asOf })));
  const summarized = (byStage: Map<string, number[]>) => new Map([...byStage].map(([stage, durations]) => [stage, summarize(durations)]));
  return { finished: summarized(finished), current: summarized(current) };
}
