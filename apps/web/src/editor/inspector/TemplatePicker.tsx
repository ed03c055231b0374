import { useSavedPreview, useTemplate } from '../../api/templates';
import { href } from '../../router/href';
import { EmailFrame } from '../../templates/EmailFrame';
import { DEVICES } from '../../templates/devices';
import { EnumField } from './EnumField';
import { useChoices } from './inspectorContext';

/** Choose a template; below it, its subject and a small rendered preview (sample traits, sandboxed) and a link to edit it. */
export function TemplatePicker({ id, label, value, onChange }: { id: string; label: string; value: unknown; onChange: (value: unknown) => void }) {
  const { templates } = useChoices();
  const chosen = typeof value === 'string' && value !== '' ? value : null;
  const template = useTemplate(chosen);
  const preview = useSavedPreview(template.data ?? null);
  const rendered = preview.data?.ok ? preview.data : null;
  return (
    <>
      <EnumField id={id} label={label} value={value} options={templates.map((t) => ({ value: t.id, label: t.name }))} onChange={onChange} optional />
      {template.data && (
        <section className="template-thumbnail" aria-label="Template preview">
          {rendered ? (
            <>
              <p className="template-thumbnail-subject" title="Subject, rendered with sample traits">{rendered.subject}</p>
              <EmailFrame html={rendered.html} width={DEVICES.desktop.width} height={340} title={`Preview of ${template.data.name}`} />
            </>
          ) : preview.data && !preview.data.ok ? (
            <p className="hint">This template does not render with sample data: {preview.data.error}</p>
          ) : preview.error ? (
            <p className="hint">No preview: {preview.error.message}</p>
          ) : (
            <p className="hint">Rendering…</p>
          )}
          <p className="hint template-pinning">Publishing pins the template as it is then: later edits reach this step when the journey is published again.</p>
          <a href={href.template(template.data.id)}>Edit “{template.data.name}” →</a>
        </section>
      )}
    </>
  );
}
