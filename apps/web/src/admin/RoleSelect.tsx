import type { Role } from '../api/session';

export const roles: Role[] = ['admin', 'marketer', 'viewer'];

/** A labelled role select. */
export function RoleSelect({ id, label, value, onChange }: { id: string; label: string; value: Role; onChange: (role: Role) => void }) {
  return (
    <span className="field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as Role)}>
        {roles.map((role) => <option key={role} value={role}>{role}</option>)}
      </select>
    </span>
  );
}
