import { EmailFrame } from '../../templates/EmailFrame';
import type { SimulatedEmail } from './simulationApi';
import { afterEntry } from './virtualTime';

/** Every email the run would have sent, rendered as a real send renders it, in a sandboxed frame. Nothing was sent. */
export function SimulatedEmails({ emails, startedAt, names }: { emails: SimulatedEmail[]; startedAt: string | null; names: Map<string, string> }) {
  if (emails.length === 0) return <p className="hint">No email would be sent.</p>;
  return (
    <ul className="sim-emails" aria-label="Rendered emails">
      {emails.map((email) => (
        <li key={`${email.nodeId}-${email.at}`} className="sim-email">
          <p className="sim-email-head">
            <strong>{email.subject}</strong>
            <span className="hint">
              {names.get(email.nodeId) ?? email.nodeId} · {afterEntry(startedAt, email.at)} · to {email.to || '(no address)'}
            </span>
          </p>
          <EmailFrame html={email.html} width={600} height={280} title={`Rendered email: ${email.subject}`} />
          <details>
            <summary>Text part</summary>
            <pre className="sim-text" tabIndex={0}>{email.text}</pre>
          </details>
        </li>
      ))}
    </ul>
  );
}
