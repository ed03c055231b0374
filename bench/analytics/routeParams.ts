import type { Route } from '../../apps/api/src/routes/route';
import type { BuiltData } from './build';

/** Values for path and query parameters the figures may name, from the data the bench built. */
function known(data: BuiltData): Record<string, string> {
  const journey = data.journeys[0]!;
  return {
    journeyId: journey.id,
    journey: journey.id,
    id: journey.id,
    versionId: journey.versionId,
    version: journey.versionId,
    templateId: 'tpl_bench_1',
    template: 'tpl_bench_1',
    nodeId: 'split',
    node: 'split',
    customerId: 'c0000001',
    segmentId: data.segmentId,
    event: 'purchase',
    cohortEvent: 'purchase',
    survey: 'nps-quarterly',
    kind: 'nps',
    stage: 'retention',
    channel: data.channel,
  };
}

/** What the bench reads of a zod schema (duck-typed: the bench has no zod of its own). */
type Param = { safeParse: (value: unknown) => { success: boolean }; options?: readonly unknown[] };

/** A required query parameter nobody listed: the first option of an enum, else a number or a journey id, whichever parses. */
function guess(name: string, schema: Param, data: BuiltData): string {
  const value = known(data)[name];
  if (value !== undefined) return value;
  if (schema.options?.length) return String(schema.options[0]);
  return schema.safeParse('1').success ? '1' : data.journeys[0]!.id;
}

/** The URL to time for a GET route: path parameters filled, the whole built period as the range, required query parameters filled. */
export function urlFor(route: Route, data: BuiltData, days: number, extra: Record<string, string> = {}): string {
  const values = known(data);
  const path = route.path.replace(/:([A-Za-z]+)(\{[^}]*\})?/g, (_, name: string) => encodeURIComponent(values[name] ?? data.journeys[0]!.id));
  const today = new Date();
  const from = new Date(today.getTime() - days * 86_400_000);
  const query: Record<string, string> = { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10), interval: 'week', ...extra };
  const shape = ((route.query as { shape?: Record<string, Param> } | undefined)?.shape ?? {});
  for (const [name, schema] of Object.entries(shape)) {
    if (!(name in query) && !schema.safeParse(undefined).success) query[name] = guess(name, schema, data);
  }
  const allowed = Object.fromEntries(Object.entries(query).filter(([name]) => name in shape));
  return `${path}?${new URLSearchParams(allowed).toString()}`;
}
