import { useState } from 'react';
import { allowHost, deleteSecret, putSecret, removeAllowedHost, useAllowedHosts, useSecrets } from '../api/outbound';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { ActionMessage, useAdminAction } from './useAdminAction';

/**
 * What webhook steps may use: secrets named in their headers and signatures (values write-only: set or replace,
 * never shown), and private hosts an admin allows although outbound calls refuse non-public addresses.
 */
export function OutboundTab() {
  const secrets = useSecrets();
  const hosts = useAllowedHosts();
  const { run, message } = useAdminAction('outbound');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [host, setHost] = useState('');
  return (
    <>
      <ErrorBanner error={secrets.error ?? hosts.error} />
      <ActionMessage message={message} />
      <h2>Secrets</h2>
      <p className="muted">A webhook step names a secret in a header (<code>secret:NAME</code> or <code>{'{{ secrets.NAME }}'}</code>) or signs its body with one. Values are stored encrypted and never shown again.</p>
      <form className="form-card inline-form" aria-label="Set a secret" onSubmit={(event) => { event.preventDefault(); run(async () => { await putSecret(name, value); setName(''); setValue(''); return `Secret ${name} saved.`; }); }}>
        <div className="field"><label htmlFor="secret-name">Secret name</label><input id="secret-name" required pattern="[A-Za-z][A-Za-z0-9_]*" title="letters, digits and _, starting with a letter" value={name} onChange={(event) => setName(event.target.value)} /></div>
        <div className="field"><label htmlFor="secret-value">Value</label><input id="secret-value" type="password" autoComplete="off" required value={value} onChange={(event) => setValue(event.target.value)} /></div>
        <button type="submit" className="button button-primary">Save secret</button>
      </form>
      {secrets.data?.length === 0 ? (
        <EmptyState title="No secrets yet">Add the API keys and signing keys your webhooks need; journeys name them, never hold them.</EmptyState>
      ) : secrets.data && <table className="table" aria-label="Secrets">
        <thead><tr><th scope="col">Name</th><th scope="col">Changed</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {secrets.data.map((secret) => (
            <tr key={secret.name}>
              <td><code>{secret.name}</code></td><td className="muted">{secret.updatedAt} by {secret.updatedBy}</td>
              <td><button type="button" className="button button-small button-danger" onClick={() => run(async () => { await deleteSecret(secret.name); return `Deleted ${secret.name}.`; })}>Delete {secret.name}</button></td>
            </tr>
          ))}
        </tbody>
      </table>}
      <h2>Private hosts webhooks may call</h2>
      <p className="muted">Webhooks refuse loopback, private and link-local addresses. Allow a host here only when it is yours (an internal service).</p>
      <form className="form-card inline-form" aria-label="Allow a host" onSubmit={(event) => { event.preventDefault(); run(async () => { const allowed = await allowHost(host); setHost(''); return `Webhooks may call ${allowed.host}.`; }); }}>
        <div className="field"><label htmlFor="allowed-host">Host</label><input id="allowed-host" required placeholder="hooks.internal" value={host} onChange={(event) => setHost(event.target.value)} /></div>
        <button type="submit" className="button">Allow host</button>
      </form>
      {hosts.data?.length === 0 ? (
        <EmptyState title="No private hosts allowed">Webhooks call public addresses only. Allow a host above when a webhook must reach one of your internal services.</EmptyState>
      ) : hosts.data && <table className="table" aria-label="Allowed hosts">
        <thead><tr><th scope="col">Host</th><th scope="col">Allowed</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {hosts.data.map((row) => (
            <tr key={row.host}>
              <td><code>{row.host}</code></td><td className="muted">{row.addedAt} by {row.addedBy}</td>
              <td><button type="button" className="button button-small button-danger" onClick={() => run(async () => { await removeAllowedHost(row.host); return `${row.host} is no longer allowed.`; })}>Remove {row.host}</button></td>
            </tr>
          ))}
        </tbody>
      </table>}
    </>
  );
}
