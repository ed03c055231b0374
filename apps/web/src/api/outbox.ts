import { useQuery } from '@tanstack/react-query';
import { getJson, listFrom } from './client';

/** A message the local mail catcher received. */
export interface OutboxMessage {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: string;
  html: string | null;
  text: string | null;
}

export function useOutbox() {
  return useQuery({
    queryKey: ['outbox'],
    refetchInterval: 2_000,
    queryFn: async () => {
      const messages = listFrom<OutboxMessage>(await getJson('/api/outbox'), 'messages');
      return [...messages].sort((a, b) => Date.parse(b.date) - Date.parse(a.date));
    },
  });
}
