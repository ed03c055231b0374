import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { saveTemplate, sendTestEmail, useTemplate, type TemplateFields } from '../api/templates';
import { canEdit, userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { PageHeader } from '../components/PageHeader';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';
import { DeviceSwitch } from '../templates/DeviceSwitch';
import { HistoryPanel } from '../templates/HistoryPanel';
import { historyKey, restoreRevision, useTemplateHistory } from '../templates/historyApi';
import { LiveUses } from '../templates/LiveUses';
import type { Device } from '../templates/devices';
import { fieldErrorOf, messageOf, type FieldError } from '../templates/templateError';
import { TemplateFieldsForm } from '../templates/TemplateFieldsForm';
import { PreviewTargetFields, targetOf, type PreviewSource } from './PreviewTarget';
import { TemplatePreview } from './TemplatePreview';
import { usePreview } from './usePreview';
import '../templates/templates.css';
import { TemplateTopicField } from '../templates/TemplateTopicField';

const empty: TemplateFields = { name: '', subject: '', html: '<p>Hi {{ customer.first_name | default: "there" }},</p>', text: '' };

/** Edit a template's subject, HTML and text (Liquid) with a variable picker; preview it at desktop or mobile width for sample data or a customer; send a test. */
export function TemplateEditorPage({ templateId }: { templateId: string | null }) {
  const readOnly = !canEdit(userOf(useSession().data));
  const loaded = useTemplate(templateId);
  const history = useTemplateHistory(templateId);
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<TemplateFields>(empty);
  const [source, setSource] = useState<PreviewSource>('sample');
  const [customerId, setCustomerId] = useState('');
  const [traits, setTraits] = useState('{ "first_name": "Ada", "plan": "pro" }');
  const [device, setDevice] = useState<Device>('desktop');
  const [testTo, setTestTo] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [saveError, setSaveError] = useState<FieldError | null>(null);
  useEffect(() => {
    if (loaded.data) setFields({ name: loaded.data.name, subject: loaded.data.subject, html: loaded.data.html, text: loaded.data.text ?? '' });
  }, [loaded.data]);
  const template = { subject: fields.subject, html: fields.html, text: fields.text || null };
  const target = targetOf(source, customerId, traits);
  const preview = usePreview(template, target, readOnly ? templateId : null);
  // One error per field: the live preview's parse error, else the one the last save was refused for.
  const previewError = preview.kind === 'invalid' ? preview.error : null;
  const errorOf = (field: FieldError['field']) => (previewError?.field === field ? previewError : saveError?.field === field ? saveError : null);
  const onFields = (next: TemplateFields) => {
    if (saveError && next[saveError.field] !== fields[saveError.field]) setSaveError(null);
    setFields(next);
  };
  const run = (action: () => Promise<string>) => () => {
    setMessage(null);
    action().then(
      (text) => setMessage({ kind: 'ok', text }),
      (error: unknown) => {
        const fieldError = fieldErrorOf(error);
        if (fieldError) setSaveError(fieldError);
        else setMessage({ kind: 'error', text: messageOf(error) });
      },
    );
  };
  const send = run(async () => {
    const saved = await saveTemplate(templateId, { ...fields, text: fields.text || null });
    setSaveError(null);
    await queryClient.invalidateQueries({ queryKey: ['templates'] });
    await queryClient.invalidateQueries({ queryKey: historyKey(saved.id) });
    if (templateId === null) navigate(href.template(saved.id));
    return history.data?.liveUses.length ? 'Template saved. Live journeys keep sending the revision they were published with until each is published again.' : 'Template saved.';
  });
  // A restore is a save of an old revision: the editor reloads with it, and it becomes the newest revision.
  const restore = (revision: number) =>
    run(async () => {
      if (!templateId) throw new Error('Save the template first');
      await restoreRevision(templateId, revision);
      setSaveError(null);
      await Promise.all([['template', templateId], ['templates'], historyKey(templateId)].map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      return `Revision ${revision} restored as the newest revision.`;
    })();
  // A field the preview already found broken is not sent: its error is beside it, and the save would be refused.
  const save = () => {
    if (!previewError) return send();
    setSaveError(previewError);
    document.getElementById(`template-${previewError.field}`)?.focus();
  };
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
      {history.data && <LiveUses history={history.data} />}
      {templateId !== null && <TemplateTopicField templateId={templateId} readOnly={readOnly} />}
      {message && <div className={`banner ${message.kind === 'ok' ? 'banner-ok' : 'banner-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'}>{message.text}</div>}
      {saveError && <p className="visually-hidden" role="status">Not saved: the {saveError.field} field has an error.</p>}
      <div className="template-workspace">
        <TemplateFieldsForm fields={fields} readOnly={readOnly} errorOf={errorOf} onChange={onFields} onSubmit={save} />
        <div className="form-card template-preview-card">
          <div className="preview-header">
            <h2>Preview</h2>
            <DeviceSwitch device={device} onChange={setDevice} />
          </div>
          <PreviewTargetFields source={source} customerId={customerId} traits={traits} sampleEditable={!readOnly} onSource={setSource} onCustomerId={setCustomerId} onTraits={setTraits} />
          {target === null && <p className="hint">{source === 'customer' ? 'Choose a customer to preview with.' : 'The sample traits are not valid JSON.'}</p>}
          <TemplatePreview state={preview} raw={template} device={device} ownText={Boolean(fields.text)} />
          {!readOnly && templateId !== null && (
            <div className="send-test">
              <label htmlFor="test-to">Send a test to</label>
              <input id="test-to" type="email" value={testTo} placeholder="you@example.com" onChange={(event) => setTestTo(event.target.value)} />
              <button type="button" className="button" disabled={!testTo} onClick={sendTest}>Send test</button>
            </div>
          )}
        </div>
      </div>
      {templateId !== null && history.data && <HistoryPanel templateId={templateId} history={history.data} readOnly={readOnly} onRestore={restore} />}
      <ErrorBanner error={history.error} />
    </>
  );
}
