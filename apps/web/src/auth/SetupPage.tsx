import { useState, type FormEvent } from 'react';
import { useSessionActions } from '../api/session';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';

/** First start: the one-time setup link creates the first admin. */
export function SetupPage({ token }: { token: string }) {
  const { setup } = useSessionActions();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup(token, email, password).then(
      () => navigate(href.journeys()),
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );
  };
  return (
    <main className="auth-page" id="main">
      <form className="form-card auth-card" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">Create the first admin</h1>
        <div className="field"><label htmlFor="setup-email">Email</label><input id="setup-email" type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} /></div>
        <div className="field"><label htmlFor="setup-password">Password (10 characters or more)</label><input id="setup-password" type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(event) => setPassword(event.target.value)} /></div>
        {error && <div className="banner banner-error" role="alert">{error}</div>}
        <button type="submit" className="button button-primary">Create admin</button>
      </form>
    </main>
  );
}
