import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** A subscription topic (GET /api/topics). */
export interface Topic {
  id: string;
  name: string;
  description: string | null;
  /** true: an opt-out topic (everyone gets it until they opt out); false: opt-in. */
  defaultSubscribed: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
}

/** GET /api/customers/:id/subscriptions. */
export interface CustomerSubscriptions {
  customerId: string;
  all: 'subscribed' | 'unsubscribed';
  topics: { id: string; name: string; description: string | null; archived: boolean; subscribed: boolean; explicit: boolean }[];
}

export const topicsKey = ['topics'] as const;

export function useTopics() {
  return useQuery({ queryKey: topicsKey, queryFn: async () => (await getJson<{ topics: Topic[] }>('/api/topics')).topics });
}

export function createTopic(topic: { name: string; description?: string | null; defaultSubscribed: boolean }): Promise<Topic> {
  return sendJson<Topic>('POST', '/api/topics', topic);
}

export function editTopic(id: string, change: Partial<Pick<Topic, 'name' | 'description' | 'defaultSubscribed' | 'archived'>>): Promise<Topic> {
  return sendJson<Topic>('PATCH', `/api/topics/${encodeURIComponent(id)}`, change);
}

export function useTemplateTopic(templateId: string) {
  return useQuery({ queryKey: ['templates', templateId, 'topic'], queryFn: () => getJson<{ topicId: string | null }>(`/api/templates/${encodeURIComponent(templateId)}/topic`) });
}

export function setTemplateTopic(templateId: string, topicId: string | null): Promise<{ topicId: string | null }> {
  return sendJson('PUT', `/api/templates/${encodeURIComponent(templateId)}/topic`, { topicId });
}

export function customerSubscriptionsKey(customerId: string) {
  return ['customers', customerId, 'subscriptions'] as const;
}

export function useCustomerSubscriptions(customerId: string) {
  return useQuery({ queryKey: customerSubscriptionsKey(customerId), queryFn: () => getJson<CustomerSubscriptions>(`/api/customers/${encodeURIComponent(customerId)}/subscriptions`) });
}

export function changeSubscriptions(customerId: string, change: { all?: 'subscribed' | 'unsubscribed'; topics?: Record<string, boolean> }): Promise<CustomerSubscriptions> {
  return sendJson('PUT', `/api/customers/${encodeURIComponent(customerId)}/subscriptions`, change);
}
