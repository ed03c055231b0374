import { benchIngest } from './ingest';
import { benchJourneyThroughput } from './journeyThroughput';

// Prints figures; not a test. `pnpm bench` runs all, `pnpm bench ingest` or `pnpm bench journeys` one.
const only = process.argv[2];
const lines: string[] = [];
if (!only || only === 'journeys') lines.push(...(await benchJourneyThroughput()));
if (!only || only === 'ingest') lines.push(...(await benchIngest()));
console.log(`\n${new Date().toISOString()} on ${(await import('node:os')).cpus().length} cores\n${lines.join('\n')}`);
process.exit(0);
