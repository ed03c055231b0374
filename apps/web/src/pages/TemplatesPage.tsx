import { useQueryClient } from '@tanstack/react-query';
import { canEdit, userOf, useSession } from '../api/session';
import { deleteTemplate, useTemplates } from '../api/templates';
import { EmptyState } from '../components/EmptyState';
import { ErrorBanner } from '../components/ErrorBanner';
import { formatTime } from '../components/formatTime';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { DeleteButton } from './DeleteButton';
import { TopicsSection } from '../templates/TopicsSection';

/** Email templates; each opens in the editor. */
export function TemplatesPage() {
  const templates = useTemplates();
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const rows = [...(templates.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader title="Templates">
        <a className="button button-primary" href={href.template(null)}>
          New template
        </a>
      </PageHeader>
      <ErrorBanner error={templates.error} />
      {templates.isPending ? (
        <Loading what="templates" />
      ) : rows.length === 0 ? (
        !templates.error && (
          <EmptyState title="No templates yet">
            A template is the email a journey's “Send email” step sends: a subject, HTML and an optional text part, with
            variables from your customers' traits and events. <a href={href.template(null)}>Write the first one</a>.
          </EmptyState>
        )
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Subject</th>
              <th scope="col">Updated</th>
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((template) => (
              <tr key={template.id}>
                <td>
                  <a href={href.template(template.id)} title={`id ${template.id}`}>{template.name}</a>
                </td>
                <td>{template.subject}</td>
                <td>{formatTime(template.updatedAt)}</td>
                {!readOnly && (
                  <td>
                    <DeleteButton what={`template "${template.name}"`} remove={() => deleteTemplate(template.id)} onDeleted={() => void queryClient.invalidateQueries({ queryKey: ['templates'] })} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TopicsSection />
    </>
  );
}
