import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
}

/** GET /api/customers filters (all optional) and the keyset cursor. */
export interface CustomerFilters {
  q: string;
  stage: string;
  segmentId: string;
  trait: string;
  cursor: string;
}

/** GET /api/customers/:id. */
export interface CustomerProfile {
  customer: Customer;
  stageHistory: { id: number; fromStage: string | null; toStage: string; cause: string; at: string }[];
  segments: { segmentId: string; name: string; enteredAt: string }[];
  events: { id: string; type: string; name: string | null; properties: Record<string, unknown>; traits: Record<string, unknown> | null; timestamp: string }[];
  messages: { id: string; subject: string | null; to: string | null; status: string; sentAt: string | null; openedAt: string | null; clickedAt: string | null; createdAt: string; journeyId: string | null }[];
  offers: { offerId: string; name: string; code: string; grantedAt: string | null; expiresAt: string | null }[];
  runs: { workflowId: string; journeyId: string; journeyName: string | null; status: string; failedSteps?: number; currentNodeId: string | null; waitingUntil: string | null; startedAt: string; endedAt: string | null }[];
}

export function useCustomers(filters: CustomerFilters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, value]) => value !== ''));
  return useQuery({
    queryKey: ['customers', filters],
    queryFn: () => getJson<{ customers: Customer[]; nextCursor: string | null }>(`/api/customers?${query.toString()}`),
    placeholderData: keepPreviousData,
  });
}

export function useCustomerProfile(id: string) {
  return useQuery({ queryKey: ['customer', id], queryFn: () => getJson<CustomerProfile>(`/api/customers/${encodeURIComponent(id)}`) });
}

export function deleteCustomer(id: string) {
  return sendJson<{ deleted: true; cancelledRuns: number }>('DELETE', `/api/customers/${encodeURIComponent(id)}`);
}

export function setSuppressed(id: string, suppressed: boolean) {
  return sendJson<Customer>('POST', `/api/customers/${encodeURIComponent(id)}/suppress`, { suppressed });
}
