import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** A customer as the API returns it. */
export interface Customer {
  id: string;
  email: string | null;
  traits: Record<string, unknown>;
  lifecycleStage: string | null;
  subscription: 'subscribed' | 'unsubscribed';
  suppressed: boolean;
  createdAt: string;
  updatedAt: string;
  /** In the list: the health score and band (null until scored). */
  health?: { score: number; band: string } | null;
  /** Revenue to date in the base currency (the customers list only). */
  clv?: number;
  /** traits.name, else first and last name (the customers list only). */
  name?: string | null;
}

/** The orders of the customers list: natural by id, name or email; first seen; CLV (highest first). */
export type CustomerSort = '' | 'id' | 'name' | 'email' | 'created' | 'clv';

/** GET /api/customers filters (all optional) and the keyset cursor. */
export interface CustomerFilters {
  q: string;
  stage: string;
  segmentId: string;
  trait: string;
  cursor: string;
  /** A health band, or '' for any. */
  health: string;
  /** '' for the default order (by id, natural: cust-2 before cust-10). */
  sort: CustomerSort;
  /** '' (ascending) or `desc`. */
  dir: '' | 'desc';
}

/** GET /api/customers: a page, the next page's cursor and how many match (`exact: false`: "more than"). */
export interface CustomerListPage {
  customers: Customer[];
  nextCursor: string | null;
  total: { count: number; exact: boolean };
}

/** One event of a customer, as the profile and the events pages list it. */
export interface CustomerEvent { id: string; type: string; name: string | null; properties: Record<string, unknown>; traits: Record<string, unknown> | null; timestamp: string }

/** GET /api/customers/:id/events: a page, newest first, and the cursor of the next older one. */
export interface CustomerEventsPage { customerId: string; events: CustomerEvent[]; nextCursor: string | null }

/** GET /api/customers/:id. Asked by a former id, `customer.id` is the customer it became and `requestedId` the id asked for. */
export interface CustomerProfile {
  customer: Customer;
  requestedId: string;
  aliases: string[];
  stageHistory: { id: number; fromStage: string | null; toStage: string; cause: string; at: string }[];
  segments: { segmentId: string; name: string; enteredAt: string }[];
  events: CustomerEvent[];
  eventsNextCursor: string | null;
  messages: { id: string; subject: string | null; to: string | null; status: string; sentAt: string | null; openedAt: string | null; clickedAt: string | null; createdAt: string; journeyId: string | null }[];
  offers: { offerId: string; name: string; code: string; grantedAt: string | null; expiresAt: string | null }[];
  runs: { workflowId: string; journeyId: string; journeyName: string | null; status: string; failedSteps?: number; currentNodeId: string | null; waitingUntil: string | null; startedAt: string; endedAt: string | null }[];
}

export function useCustomers(filters: CustomerFilters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
  return useQuery({
    queryKey: ['customers', filters],
    queryFn: () => getJson<CustomerListPage>(`/api/customers?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerProfile(id: string) {
  return useQuery({ queryKey: ['customer', id], queryFn: () => getJson<CustomerProfile>(`/api/customers/${encodeURIComponent(id)}`) });
}

/** How many events each "Load older events" adds. */
const EVENTS_PAGE = 100;

/**
 * The customer's events page by page, newest first; `fetchNextPage` appends the next older page. The
 * profile's newest events are the first page, so they show at once with the rest of the profile.
 */
export function useCustomerEvents(id: string, firstPage: CustomerEventsPage) {
  return useInfiniteQuery({
    queryKey: ['customer', id, 'events'],
    initialPageParam: null as string | null,
    initialData: { pages: [firstPage], pageParams: [null] },
    getNextPageParam: (page: CustomerEventsPage) => page.nextCursor,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: String(EVENTS_PAGE) });
      if (pageParam) query.set('cursor', pageParam);
      return getJson<CustomerEventsPage>(`/api/customers/${encodeURIComponent(id)}/events?${query.toString()}`);
    },
  });
}

export function deleteCustomer(id: string) {
  return sendJson<{ deleted: true; cancelledRuns: number }>('DELETE', `/api/customers/${encodeURIComponent(id)}`);
}

export function setSuppressed(id: string, suppressed: boolean) {
  return sendJson<Customer>('POST', `/api/customers/${encodeURIComponent(id)}/suppress`, { suppressed });
}
