import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { saveTemplate, sendTestEmail, useTemplate, type TemplateFields } from '../api/templates';
import { canEdit, userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';
import { PreviewTargetFields, targetOf } from './PreviewTarget';
import { TemplatePreview } from './TemplatePreview';
import { TemplateVariablesHelp } from './TemplateVariablesHelp';
import { usePreview } from './usePreview';

const empty: TemplateFields = { name: '', subject: '', html: '<p>Hi {{ customer.first_name | default: "there" }},</p>', text: '' };

/** Edit a template's subject, HTML and text (Liquid), preview it for a customer or sample traits, send a test. */
export function TemplateEditorPage({ templateId }: { templateId: string | null }) {
  const readOnly = !canEdit(userOf(useSession().data));
  const loaded = useTemplate(templateId);
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<TemplateFields>(empty);
  const [customerId, setCustomerId] = useState('');
  const [traits, setTraits] = useState('{ "first_name": "Ada", "plan": "pro" }');
  const [testTo, setTestTo] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (loaded.data) setFields({ name: loaded.data.name, subject: loaded.data.subject, html: loaded.data.html, text: loaded.data.text ?? '' });
  }, [loaded.data]);
  const template = { subject: fields.subject, html: fields.html, text: fields.text || null };
  const target = targetOf(customerId, traits);
  const preview = usePreview(template, target);
  const set = (key: keyof TemplateFields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });
  const run = (action: () => Promise<string>) => () => {
    setMessage(null);
    action().then((text) => setMessage({ kind: 'ok', text }), (error: unknown) => setMessage({ kind: 'error', text: error instanceof Error ? error.message : String(error) }));
  };
  const save = run(async () => {
    const saved = await saveTemplate(templateId, { ...fields, text: fields.text || null });
    await queryClient.invalidateQueries({ queryKey: ['templates'] });
    if (templateId === null) navigate(href.template(saved.id));
    return 'Template saved.';
  });
  const sendTest = run(async () => {
    if (!templateId || !target) throw new Error('Save the template and choose a valid preview target first');
    const sent = await sendTestEmail(templateId, testTo, target);
    return `Test email “${sent.subject}” sent to ${sent.to}; it shows in the Outbox.`;
  });
  return (
    <>
      <PageHeader title={templateId === null ? 'New template' : fields.name || 'Template'} back={{ href: href.templates(), label: 'Templates' }}>
        {!readOnly && <button type="button" className="button button-primary" onClick={save}>Save</button>}
      </PageHeader>
      <ErrorBanner error={loaded.error} />
      {message && <div className={`banner ${message.kind === 'ok' ? 'banner-ok' : 'banner-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</div>}
      <div className="template-editor">
        <form className="form-card" onSubmit={(event) => { event.preventDefault(); save(); }}>
          <div className="field"><label htmlFor="template-name">Name</label><input id="template-name" value={fields.name} readOnly={readOnly} onChange={set('name')} /></div>
          <div className="field"><label htmlFor="template-subject">Subject</label><input id="template-subject" value={fields.subject} readOnly={readOnly} onChange={set('subject')} /></div>
          <div className="field"><label htmlFor="template-html">HTML (Liquid)</label><textarea id="template-html" rows={14} className="code-input" value={fields.html} readOnly={readOnly} onChange={set('html')} /></div>
          <div className="field"><label htmlFor="template-text">Text (Liquid, optional: made from the HTML when empty)</label><textarea id="template-text" rows={6} className="code-input" value={fields.text ?? ''} readOnly={readOnly} onChange={set('text')} /></div>
          <TemplateVariablesHelp />
        </form>
        <div className="form-card">
          <h2 style={{ marginTop: 0 }}>Preview</h2>
          <PreviewTargetFields customerId={customerId} traits={traits} onCustomerId={setCustomerId} onTraits={setTraits} />
          {target === null && <p className="hint">The sample traits are not valid JSON.</p>}
          <TemplatePreview state={preview} raw={template} />
          {!readOnly && templateId !== null && (
            <div className="send-test">
              <label htmlFor="test-to">Send a test to</label>
              <input id="test-to" type="email" value={testTo} placeholder="you@example.com" onChange={(event) => setTestTo(event.target.value)} />
              <button type="button" className="button" disabled={!testTo} onClick={sendTest}>Send test</button>
            </div>
          )}
        </div>
      </div>
    </>
  );
}
