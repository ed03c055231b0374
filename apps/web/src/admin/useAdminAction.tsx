import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';

/** Runs an admin change, refreshes the list it touched, and keeps the message (or error) to show. */
export function useAdminAction(queryKey: string) {
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (action: () => Promise<string>) => {
    setMessage(null);
    action().then(
      (text) => {
        setMessage({ ok: true, text });
        void queryClient.invalidateQueries({ queryKey: [queryKey] });
      },
      (error: unknown) => setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) }),
    );
  };
  return { run, message };
}

/** The message of the last admin action. */
export function ActionMessage({ message }: { message: { ok: boolean; text: string } | null }) {
  if (!message) return null;
  return <div className={`banner ${message.ok ? 'banner-ok' : 'banner-error'}`} role={message.ok ? 'status' : 'alert'}>{message.text}</div>;
}
