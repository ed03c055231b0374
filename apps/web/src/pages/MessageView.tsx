import type { OutboxMessage } from '../api/outbox';
import { formatTime } from '../components/formatTime';
import { previewHtml } from './previewHtml';

/** One caught email: its headers, its HTML in a sandbox with no permissions (no scripts, no forms), its text version. */
export function MessageView({ message }: { message: OutboxMessage }) {
  return (
    <article className="message" aria-labelledby="message-subject">
      <h2 id="message-subject">{message.subject || '(no subject)'}</h2>
      <dl className="headers">
        <dt>From</dt>
        <dd>{message.from}</dd>
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Date</dt>
        <dd>{formatTime(message.date, true)}</dd>
      </dl>
      {message.html ? (
        <iframe className="message-html" title={`HTML of “${message.subject}”`} sandbox="" srcDoc={previewHtml(message.html)} />
      ) : (
        <p className="hint">This message has no HTML part.</p>
      )}
      <h3>Text version</h3>
      {message.text ? <pre className="message-text">{message.text}</pre> : <p className="hint">This message has no text part.</p>}
    </article>
  );
}
