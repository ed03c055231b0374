import { useState } from 'react';
import { changeUser, createUser, deleteUser, useUsers } from '../api/admin';
import type { Role } from '../api/session';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorBanner } from '../components/ErrorBanner';
import { RoleSelect } from './RoleSelect';
import { ActionMessage, useAdminAction } from './useAdminAction';

/** Users: add with a role, change role, disable, delete. */
export function UsersTab() {
  const users = useUsers();
  const { run, message } = useAdminAction('users');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('marketer');
  const [deleting, setDeleting] = useState<{ id: string; email: string } | null>(null);
  return (
    <>
      <ErrorBanner error={users.error} />
      <ActionMessage message={message} />
      <form className="form-card inline-form" aria-label="Add user" onSubmit={(event) => { event.preventDefault(); run(async () => { await createUser({ email, password, role }); setEmail(''); setPassword(''); return `Added ${email}.`; }); }}>
        <div className="field"><label htmlFor="user-email">Email</label><input id="user-email" type="email" required value={email} onChange={(event) => setEmail(event.target.value)} /></div>
        <div className="field"><label htmlFor="user-password">Password</label><input id="user-password" type="password" autoComplete="new-password" required minLength={10} value={password} onChange={(event) => setPassword(event.target.value)} /></div>
        <RoleSelect id="user-role" label="Role" value={role} onChange={setRole} />
        <button type="submit" className="button button-primary">Add user</button>
      </form>
      <table className="table">
        <thead><tr><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Actions</th></tr></thead>
        <tbody>
          {(users.data ?? []).map((user) => (
            <tr key={user.id}>
              <td>{user.email}</td>
              <td><RoleSelect id={`role-${user.id}`} label={`Role of ${user.email}`} value={user.role} onChange={(next) => run(async () => { await changeUser(user.id, { role: next }); return `${user.email} is now ${next}.`; })} /></td>
              <td>{user.disabled ? 'disabled' : 'active'}</td>
              <td>
                <button type="button" className="button button-small" onClick={() => run(async () => { await changeUser(user.id, { disabled: !user.disabled }); return `${user.email} ${user.disabled ? 'enabled' : 'disabled'}.`; })}>{user.disabled ? 'Enable' : 'Disable'}</button>{' '}
                <button type="button" className="button button-small button-danger" aria-label={`Delete ${user.email}`} onClick={() => setDeleting({ id: user.id, email: user.email })}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && (
        <ConfirmDialog
          title={`Delete user ${deleting.email}?`}
          confirmLabel="Yes, delete"
          cancelLabel="Keep them"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const user = deleting;
            setDeleting(null);
            run(async () => { await deleteUser(user.id); return `Deleted ${user.email}.`; });
          }}
        >
          They can no longer sign in and their sessions end. What they did stays in the audit log. To keep the account for later, disable it instead.
        </ConfirmDialog>
      )}
    </>
  );
}
