import { useOutbox } from '../api/outbox';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { MessageView } from './MessageView';

/** The mail the local catcher received, newest first, refreshed every 2 s. */
export function OutboxPage({ messageId }: { messageId: string | null }) {
  const outbox = useOutbox();
  const messages = outbox.data ?? [];
  const selected = messages.find((message) => message.id === messageId) ?? messages[0];
  return (
    <>
      <PageHeader title="Outbox">
        <span className="hint">Mail caught by the local SMTP catcher · refreshes every 2 s</span>
      </PageHeader>
      <ErrorBanner error={outbox.error} />
      {outbox.isPending ? (
        <Loading what="the outbox" />
      ) : messages.length === 0 ? (
        !outbox.error && (
          <EmptyState title="No mail yet">
            Emails that journeys send appear here. Publish a journey with a send-email step and track its trigger event with POST /v1/track.
          </EmptyState>
        )
      ) : (
        <div className="outbox">
          <ul className="message-list" aria-label="Messages">
            {messages.map((message) => (
              <li key={message.id}>
                <a href={href.outbox(message.id)} aria-current={message.id === selected?.id ? 'true' : undefined}>
                  <span className="message-subject">{message.subject || '(no subject)'}</span>
                  <span className="message-meta">
                    {message.to} · {formatTime(message.date)}
                  </span>
                </a>
              </li>
            ))}
          </ul>
          {selected && <MessageView message={selected} />}
        </div>
      )}
    </>
  );
}
