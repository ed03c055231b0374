import { journeyVersionFigures, medianSecondsToConvert, type Db, type JourneyVersionFigures, type JourneysFilter } from '@lifecycle/db';
import { z } from 'zod';

export const JourneyFiguresRow = z.object({
  journeyId: z.string(),
  journeyName: z.string(),
  versionId: z.string().nullable().describe('null on the row that adds up every version of the journey'),
  version: z.number().int().nullable(),
  entered: z.number().int().describe('runs that entered in the range'),
  inProgress: z.number().int().describe('of those, still running or waiting'),
  completed: z.number().int().describe('ended at an exit (a run that converted later, within its window, is counted here too)'),
  endedOtherwise: z.number().int().describe('failed or cancelled'),
  converted: z.number().int().describe('reached the goal within the conversion window, during the run or after it ended'),
  conversionRate: z.number().nullable().describe('converted ÷ entered; null with no entries'),
  medianHoursToConvert: z.number().nullable().describe('median time from entry to the goal, in hours (exact: the middle conversion, or the mean of the two middle ones)'),
  revenue: z.number().describe("converted runs' customers' revenue from entry to the end of the conversion window, in the base currency"),
});
export type JourneyFiguresRow = z.infer<typeof JourneyFiguresRow>;

export const JourneysSummary = z.object({ rows: z.array(JourneyFiguresRow) }).describe('per journey (all versions), then per version');
export type JourneysSummary = z.infer<typeof JourneysSummary>;

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** A journey's median over all its versions (one more index walk), or the version's own when it has one version. */
async function medianOf(db: Db, filter: JourneysFilter, figures: JourneyVersionFigures[], versioned: boolean, converted: number): Promise<number | null> {
  const [first] = figures;
  if (!first) return null;
  if (versioned || figures.length === 1) return first.medianSeconds;
  return await medianSecondsToConvert(db, filter, { journeyId: first.journeyId }, converted);
}

async function rowOf(db: Db, filter: JourneysFilter, figures: JourneyVersionFigures[], versioned: boolean): Promise<JourneyFiguresRow> {
  const [first] = figures;
  if (!first) throw new Error('a journey row needs at least one version');
  const sum = (pick: (f: JourneyVersionFigures) => number) => figures.reduce((total, f) => total + pick(f), 0);
  const entered = sum((f) => f.entered);
  const converted = sum((f) => f.converted);
  const median = await medianOf(db, filter, figures, versioned, converted);
  return {
    journeyId: first.journeyId,
    journeyName: first.journeyName,
    versionId: versioned ? first.versionId : null,
    version: versioned ? first.version : null,
    entered,
    inProgress: sum((f) => f.inProgress),
    completed: sum((f) => f.completed),
    endedOtherwise: sum((f) => f.endedOtherwise),
    converted,
    conversionRate: entered === 0 ? null : round(converted / entered, 4),
    medianHoursToConvert: median === null ? null : round(median / 3600, 2),
    revenue: round(sum((f) => f.revenue), 2),
  };
}

/** Each journey's total row followed by its versions (newest first). */
export async function journeysSummary(db: Db, filter: JourneysFilter): Promise<JourneysSummary> {
  const byJourney = new Map<string, JourneyVersionFigures[]>();
  for (const figures of await journeyVersionFigures(db, filter)) byJourney.set(figures.journeyId, [...(byJourney.get(figures.journeyId) ?? []), figures]);
  const rows: JourneyFiguresRow[] = [];
  for (const versions of byJourney.values()) {
    rows.push(await rowOf(db, filter, versions, false));
    for (const version of versions) rows.push(await rowOf(db, filter, [version], true));
  }
  return { rows };
}
