import { benchAnalytics } from './analytics';
import { benchIngest } from './ingest';
import { benchJourneyThroughput } from './journeyThroughput';

// Prints figures; not a test. `pnpm bench` runs all but analytics, `pnpm bench ingest` or `pnpm bench journeys` one;
// `pnpm bench analytics [--scale 0.1]` builds its 1M-customer data set first (minutes), so it runs only when named.
const only = process.argv[2];
const lines: string[] = [];
if (!only || only === 'journeys') lines.push(...(await benchJourneyThroughput()));
if (!only || only === 'ingest') lines.push(...(await benchIngest()));
if (only === 'analytics') lines.push(...(await benchAnalytics(process.argv.slice(3))));
console.log(`\n${new Date().toISOString()} on ${(await import('node:os')).cpus().length} cores\n${lines.join('\n')}`);
process.exit(0);
