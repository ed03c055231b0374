import { useSessionActions, type SessionUser } from '../api/session';
import { href } from '../router/href';

/** The signed-in user and role, a link to the account page, and sign-out. */
export function UserMenu({ user, open }: { user: SessionUser; open: boolean }) {
  const { signOut } = useSessionActions();
  return (
    <div className="user-menu" aria-label="Signed-in user">
      <a href={href.account()} className="user-email">{user.email}</a>
      <span className={`badge badge-role-${user.role}`}>{user.role}</span>
      {!open && (
        <button type="button" className="button button-small" onClick={() => void signOut()}>
          Sign out
        </button>
      )}
    </div>
  );
}
