import { useTemplate } from '../../api/templates';
import { href } from '../../router/href';
import { EnumField } from './EnumField';
import { useChoices } from './inspectorContext';

/** Choose a template; its subject and body are previewed below (raw Liquid — the template page renders it). */
export function TemplatePicker({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { templates } = useChoices();
  const chosen = typeof value === 'string' && value !== '' ? value : null;
  const template = useTemplate(chosen);
  return (
    <>
      <EnumField id={id} label={label} value={value} options={templates.map((t) => ({ value: t.id, label: t.name }))} onChange={onChange} optional />
      {template.data && (
        <div className="template-preview" aria-label="Template preview">
          <div className="template-preview-subject">{template.data.subject}</div>
          <iframe title={`Preview of ${template.data.name}`} sandbox="" srcDoc={template.data.html} />
          <a href={href.template(template.data.id)}>Edit and preview with a customer →</a>
        </div>
      )}
    </>
  );
}
