import { z } from 'zod';
import { Instant, MaybeInstant, NextCursor } from './common';
import { ListedCustomer } from './customers';

/** A customer in the sorted list: with the name a person reads. */
export const SortedCustomer = ListedCustomer.extend({ name: z.string().nullable().describe('traits.name, else first and last name; null when none') });

/** A page of customers in the chosen order, and how many match. */
export const SortedCustomerPage = z.object({
  customers: z.array(SortedCustomer),
  nextCursor: NextCursor,
  total: z.object({
    count: z.number().int(),
    exact: z.boolean().describe('false: a filter matched more than `count` customers and counting stopped there (show "more than")'),
  }),
});
export type SortedCustomerPage = z.infer<typeof SortedCustomerPage>;

/** A journey as the list shows it (no draft): live version, archive time and its runs in progress and converted. */
export const JourneyOverviewRow = z.object({
  id: z.string(),
  name: z.string(),
  lifecycleStage: z.string().nullable(),
  status: z.enum(['draft', 'live', 'paused', 'archived']),
  archivedAt: MaybeInstant.describe('set while archived: no new entries, runs in flight carry on'),
  liveVersion: z.number().int().nullable(),
  updatedAt: Instant,
  inProgress: z.number().int().describe('runs running or waiting now'),
  converted: z.number().int().describe('runs that reached the goal'),
});

/** A page of the journeys list and how many journeys the search matches under each filter. */
export const JourneyOverview = z.object({
  journeys: z.array(JourneyOverviewRow),
  nextCursor: NextCursor,
  counts: z.object({ active: z.number().int(), draft: z.number().int(), live: z.number().int(), paused: z.number().int(), archived: z.number().int() }),
});
export type JourneyOverview = z.infer<typeof JourneyOverview>;
