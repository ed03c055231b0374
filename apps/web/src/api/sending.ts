import type { SendPolicy } from '@lifecycle/journey';
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './client';

/** The workspace's frequency cap and quiet hours for marketing email. */
export const useSendPolicy = () => useQuery({ queryKey: ['send-policy'], queryFn: () => getJson<SendPolicy>('/api/workspace/sending') });
export const saveSendPolicy = (policy: SendPolicy) => sendJson<SendPolicy>('PUT', '/api/workspace/sending', policy);
