import { useState } from 'react';
import { createToken, deleteToken, useTokens } from '../api/admin';
import type { Role } from '../api/session';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { RoleSelect } from './RoleSelect';
import { SecretOnce } from './SecretOnce';
import { ActionMessage, useAdminAction } from './useAdminAction';

/** API tokens for automation: scoped by role, optional expiry, shown once, revocable. */
export function TokensTab() {
  const tokens = useTokens();
  const { run, message } = useAdminAction('tokens');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [expires, setExpires] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <ErrorBanner error={tokens.error} />
      <ActionMessage message={message} />
      <SecretOnce label="New API token" secret={secret} />
      <form className="form-card inline-form" aria-label="New API token" onSubmit={(event) => { event.preventDefault(); run(async () => { const made = await createToken({ name, role, ...(expires ? { expiresAt: new Date(expires).toISOString() } : {}) }); setSecret(made.token); setName(''); return `Token ${name} created.`; }); }}>
        <div className="field"><label htmlFor="token-name">Name</label><input id="token-name" required value={name} onChange={(event) => setName(event.target.value)} /></div>
        <RoleSelect id="token-role" label="Role" value={role} onChange={setRole} />
        <div className="field"><label htmlFor="token-expires">Expires (optional)</label><input id="token-expires" type="date" value={expires} onChange={(event) => setExpires(event.target.value)} /></div>
        <button type="submit" className="button button-primary">Create token</button>
      </form>
      {tokens.data?.length === 0 ? (
        <EmptyState title="No API tokens yet">An API token lets a script or CI job call the management API with the role you pick. Create one above; it is shown once.</EmptyState>
      ) : tokens.data && <table className="table">
        <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Expires</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {(tokens.data ?? []).map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td><td>{token.role}</td><td>{token.expiresAt ? formatTime(token.expiresAt) : 'never'}</td>
              <td><button type="button" className="button button-small button-danger" onClick={() => run(async () => { await deleteToken(token.id); return `Revoked ${token.name}.`; })}>Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table>}
    </>
  );
}
