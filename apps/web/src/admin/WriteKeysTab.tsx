import { useState } from 'react';
import { createWriteKey, deleteWriteKey, useWriteKeys } from '../api/admin';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { SecretOnce } from './SecretOnce';
import { ActionMessage, useAdminAction } from './useAdminAction';

/** Write keys for the event API (ingest only): create (shown once), revoke. */
export function WriteKeysTab() {
  const keys = useWriteKeys();
  const { run, message } = useAdminAction('write-keys');
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  // A revoked key stays in the API's list (with revokedAt) for the record; here only keys that still work are shown.
  const active = keys.data?.filter((key) => !key.revokedAt);
  return (
    <>
      <ErrorBanner error={keys.error} />
      <ActionMessage message={message} />
      <SecretOnce label="New write key" secret={secret} />
      <form className="form-card inline-form" aria-label="New write key" onSubmit={(event) => { event.preventDefault(); run(async () => { const made = await createWriteKey(name); setSecret(made.key); setName(''); return `Write key ${name} created.`; }); }}>
        <div className="field"><label htmlFor="write-key-name">Name</label><input id="write-key-name" required value={name} onChange={(event) => setName(event.target.value)} /></div>
        <button type="submit" className="button button-primary">Create write key</button>
      </form>
      {active?.length === 0 ? (
        <EmptyState title="No write keys yet">A write key lets a website or backend send identify and track events to /v1 (and nothing else). Create one above; it is shown once.</EmptyState>
      ) : active && <table className="table">
        <thead><tr><th scope="col">Name</th><th scope="col">Id</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {active.map((key) => (
            <tr key={key.id}>
              <td>{key.name}</td><td><code className="muted">{key.id}</code></td>
              <td><button type="button" className="button button-small button-danger" onClick={() => run(async () => { await deleteWriteKey(key.id); return `Revoked ${key.name}.`; })}>Revoke</button></td>
            </tr>
          ))}
        </tbody>
      </table>}
    </>
  );
}
