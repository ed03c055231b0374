import { useEffect, useState } from 'react';
import { saveWorkspaceSettings, useWorkspaceSettings } from '../api/entries';
import { ErrorBanner } from '../components/ErrorBanner';
import { ActionMessage, useAdminAction } from './useAdminAction';

/** Every IANA zone this browser knows, offered as suggestions (the API checks the name). */
const zones: string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/** The workspace's time zone: customers without a valid `timezone` trait have their scheduled entries and waits read in it. */
export function WorkspaceTab() {
  const settings = useWorkspaceSettings();
  const { run, message } = useAdminAction('workspace-settings');
  const [timeZone, setTimeZone] = useState('');
  useEffect(() => {
    if (settings.data) setTimeZone(settings.data.timeZone);
  }, [settings.data]);
  return (
    <>
      <ErrorBanner error={settings.error} />
      <ActionMessage message={message} />
      <form
        className="form-card"
        aria-label="Workspace time zone"
        onSubmit={(event) => {
          event.preventDefault();
          run(async () => `Workspace time zone set to ${(await saveWorkspaceSettings({ timeZone: timeZone.trim() })).timeZone}.`);
        }}
      >
        <div className="field">
          <label htmlFor="workspace-time-zone">Workspace time zone</label>
          <input id="workspace-time-zone" list="workspace-time-zones" required value={timeZone} aria-describedby="workspace-time-zone-hint" onChange={(event) => setTimeZone(event.target.value)} />
          <datalist id="workspace-time-zones">
            {zones.map((zone) => <option key={zone} value={zone} />)}
          </datalist>
          <p className="hint" id="workspace-time-zone-hint">
            An IANA name such as Europe/Paris or America/New_York. Scheduled entries, date-trait entries and waits until a time of day read the
            customer's <code>timezone</code> trait; customers without a valid one use this zone.
          </p>
        </div>
        <button type="submit" className="button button-primary" disabled={!settings.data}>Save time zone</button>
      </form>
    </>
  );
}
