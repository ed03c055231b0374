import type { Delivery } from '../api/runs';
import { previewHtml } from './previewHtml';

/** The message a delivery rendered: its HTML in a sandbox with no permissions (no scripts, no forms), then its text version. */
export function DeliveryMessage({ delivery }: { delivery: Delivery }) {
  const subject = delivery.subject ?? delivery.templateId;
  return (
    <div className="message" aria-label={`Message “${subject}”`}>
      {delivery.html ? (
        <iframe className="message-html" title={`HTML of “${subject}”`} sandbox="" srcDoc={previewHtml(delivery.html)} />
      ) : (
        <p className="hint">No rendered HTML was stored for this delivery.</p>
      )}
      <h3>Text version</h3>
      {delivery.text ? <pre className="message-text">{delivery.text}</pre> : <p className="hint">This message has no text part.</p>}
    </div>
  );
}
