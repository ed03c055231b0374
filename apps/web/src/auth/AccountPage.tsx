import { useState, type FormEvent } from 'react';
import { useSessionActions, type SessionUser } from '../api/session';
import { PageHeader } from '../components/PageHeader';

/** Who you are, and a password change. */
export function AccountPage({ user }: { user: SessionUser }) {
  const { changePassword } = useSessionActions();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    changePassword(current, next).then(
      () => {
        setCurrent('');
        setNext('');
        setMessage({ ok: true, text: 'Password changed.' });
      },
      (error: unknown) => setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) }),
    );
  };
  return (
    <>
      <PageHeader title="Account" />
      <p>Signed in as <strong>{user.email}</strong> ({user.role}).</p>
      <form className="form-card narrow-form" onSubmit={submit} aria-label="Change password">
        <h2>Change password</h2>
        <div className="field"><label htmlFor="current-password">Current password</label><input id="current-password" type="password" autoComplete="current-password" required value={current} onChange={(event) => setCurrent(event.target.value)} /></div>
        <div className="field"><label htmlFor="new-password">New password</label><input id="new-password" type="password" autoComplete="new-password" required minLength={10} value={next} onChange={(event) => setNext(event.target.value)} /></div>
        {message && <div className={`banner ${message.ok ? 'banner-ok' : 'banner-error'}`} role={message.ok ? 'status' : 'alert'}>{message.text}</div>}
        <button type="submit" className="button button-primary">Change password</button>
      </form>
    </>
  );
}
