import { benchAnalytics } from './analytics';
import { benchBackends } from './backends';
import { benchDataAccess } from './dataAccess';
import { benchDispatch } from './dispatch';
import { benchEndToEnd } from './endToEnd';
import { benchIngest } from './ingest';
import { benchJourneyThroughput } from './journeyThroughput';
import { benchMemory } from './memory';
import { loadAverage } from './memoryProbe';

// Prints figures; not a test. `pnpm bench` runs all but analytics, the platform benches in their small versions
// (minutes in all on a fresh machine); `pnpm bench <name> [flags]` runs one at full size unless flags say otherwise:
// journeys, ingest, e2e (bench/endToEnd.ts), dispatch (bench/dispatch.ts), memory (bench/memory.ts), access
// (bench/dataAccess.ts: the data access on SQLite and Postgres). `pnpm bench
// analytics [--scale 0.1]` builds its 1M-customer data set first (minutes), so it runs only when named; so does
// `pnpm bench backends [--quick]` (bench/backends.ts: SQLite against Postgres, one and two APIs and workers), which
// starts three platforms and waits for Postgres to count its analytics: ~5 minutes even at --quick on 2 cores.
const only = process.argv[2];
const flags = process.argv.slice(3);
const all = !only;
const lines: string[] = [];
if (all || only === 'journeys') lines.push(...(await benchJourneyThroughput()));
if (all || only === 'ingest') lines.push(...(await benchIngest()));
if (all || only === 'e2e') lines.push(...(await benchEndToEnd(all ? ['--quick'] : flags)));
if (all || only === 'dispatch') lines.push(...(await benchDispatch(all ? ['--runs', '500', '--events', '1000', '--rounds', '1'] : flags)));
if (all || only === 'memory') lines.push(...(await benchMemory(all ? ['--runs', '500', '--events', '50000'] : flags)));
if (all || only === 'access') lines.push(...(await benchDataAccess(all ? ['--events', '10000'] : flags)));
if (only === 'analytics') lines.push(...(await benchAnalytics(flags)));
if (only === 'backends') lines.push(...(await benchBackends(flags)));
console.log(`\n${new Date().toISOString()} on ${(await import('node:os')).cpus().length} cores, load average ${loadAverage()}\n${lines.join('\n')}`);
process.exit(0);
