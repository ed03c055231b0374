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
            <a href={href.template(null)}>Write one</a>: a subject, HTML and text, with Liquid.
          </EmptyState>
        )
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Subject</th>
              <th scope="col">Updated</th>
              {!readOnly && <th scope="col">Actions</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((template) => (
              <tr key={template.id}>
                <td>
                  <a href={href.template(template.id)}>{template.name}</a>
                </td>
                <td>
                  <code className="muted">{template.id}</code>
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
    </>
  );
}
