import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import type { AdminTab } from '../router/route';
import { AuditTab } from './AuditTab';
import { OutboundTab } from './OutboundTab';
import { SuppressionsTab } from './SuppressionsTab';
import { TokensTab } from './TokensTab';
import { UsersTab } from './UsersTab';
import { WriteKeysTab } from './WriteKeysTab';
import { WorkspaceTab } from './WorkspaceTab';
import { SendingSection } from './SendingSection';

const tabs: { id: AdminTab; label: string }[] = [
  { id: 'users', label: 'Users' },
  { id: 'tokens', label: 'API tokens' },
  { id: 'write-keys', label: 'Write keys' },
  { id: 'audit', label: 'Audit log' },
  { id: 'workspace', label: 'Workspace' },
  { id: 'outbound', label: 'Webhooks & secrets' },
  { id: 'suppressions', label: 'Suppressions' },
];

function Tab({ tab }: { tab: AdminTab }) {
  switch (tab) {
    case 'users':
      return <UsersTab />;
    case 'tokens':
      return <TokensTab />;
    case 'write-keys':
      return <WriteKeysTab />;
    case 'audit':
      return <AuditTab />;
    case 'workspace':
      return <WorkspaceTab />;
    case 'outbound':
      return <OutboundTab />;
    case 'suppressions':
      return <SuppressionsTab />;
    default: {
      const unknownTab: never = tab;
      throw new Error(`unknown tab ${String(unknownTab)}`);
    }
  }
}

/** Admin: users, API tokens, write keys, audit log. */
export function AdminPage({ tab }: { tab: AdminTab }) {
  return (
    <>
      <PageHeader title="Admin" />
      <nav className="tabs" aria-label="Admin sections">
        {tabs.map((item) => (
          <a key={item.id} href={href.admin(item.id)} className="tab" aria-current={item.id === tab ? 'page' : undefined}>{item.label}</a>
        ))}
      </nav>
      <Tab tab={tab} />
      {tab === 'workspace' && <SendingSection />}
    </>
  );
}
