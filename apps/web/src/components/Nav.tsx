import type { SessionUser } from '../api/session';
import { UserMenu } from '../auth/UserMenu';
import type { Section } from '../router/route';
import { href } from '../router/href';

const sections: { id: Section; label: string; to: string; adminOnly?: boolean }[] = [
  { id: 'journeys', label: 'Journeys', to: href.journeys() },
  { id: 'dashboard', label: 'Dashboard', to: href.dashboard() },
  { id: 'analytics', label: 'Analytics', to: href.analytics() },
  { id: 'customers', label: 'Customers', to: href.customers() },
  { id: 'segments', label: 'Segments', to: href.segments() },
  { id: 'stages', label: 'Stages', to: href.stages() },
  { id: 'runs', label: 'Runs', to: href.runs() },
  { id: 'outbox', label: 'Outbox', to: href.outbox() },
  { id: 'templates', label: 'Templates', to: href.templates() },
  { id: 'offers', label: 'Offers', to: href.offers() },
  { id: 'admin', label: 'Admin', to: href.admin(), adminOnly: true },
];

/** The left navigation; the current section is marked for screen readers too; the user and sign-out at the bottom. */
export function Nav({ current, user, open }: { current: Section; user: SessionUser; open: boolean }) {
  return (
    <nav className="nav" aria-label="Main">
      <a className="nav-brand" href={href.journeys()}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <circle cx="6" cy="6" r="3" fill="currentColor" />
          <circle cx="18" cy="12" r="3" fill="currentColor" opacity="0.7" />
          <circle cx="6" cy="18" r="3" fill="currentColor" opacity="0.45" />
          <path d="M8.5 7.5 15.5 11M15.5 13 8.5 16.5" stroke="currentColor" strokeWidth="1.6" fill="none" />
        </svg>
        Lifecycle
      </a>
      <ul>
        {sections
          .filter((section) => !section.adminOnly || user.role === 'admin')
          .map((section) => (
            <li key={section.id}>
              <a href={section.to} className="nav-link" aria-current={section.id === current ? 'page' : undefined}>
                {section.label}
              </a>
            </li>
          ))}
      </ul>
      <UserMenu user={user} open={open} />
    </nav>
  );
}
