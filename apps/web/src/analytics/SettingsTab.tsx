import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { AnalyticsSettings } from '@lifecycle/journey';
import { getJson, sendJson } from '../api/client';
import { useEventNames } from '../api/journeyEdits';
import { useLifecycleConfig } from '../api/lifecycle';
import { userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import type { AnalyticsParams } from './analyticsParams';
import { fieldErrorsOf, type FieldErrors } from './settings/fieldErrors';
import { settingsOf, type SettingsDraft } from './settings/settingsDraft';
import { SettingsForm } from './settings/SettingsForm';
import './settings/settings.css';

/** The Settings tab: what the analytics count. Admins edit; everyone else reads. */
export function SettingsTab({ params }: { params: AnalyticsParams }) {
  void params;
  const settings = useQuery({ queryKey: ['analytics-settings'], queryFn: () => getJson<AnalyticsSettings>('/api/analytics/settings') });
  const stages = useLifecycleConfig();
  const eventNames = useEventNames();
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  const queryClient = useQueryClient();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);

  if (settings.isPending || stages.isPending) return <Loading what="analytics settings" />;
  if (!settings.data) return <ErrorBanner error={settings.error} />;
  const loaded = settings.data;

  const save = (draft: SettingsDraft) => {
    setSaving(true);
    setSaved(false);
    sendJson<AnalyticsSettings>('PUT', '/api/analytics/settings', settingsOf(draft, loaded)).then(
      (next) => {
        setErrors({});
        setFailure(null);
        setSaved(true);
        setSaving(false);
        queryClient.setQueryData(['analytics-settings'], next);
        // Every figure reads the settings: show them recomputed.
        void queryClient.invalidateQueries({ queryKey: ['analytics'] });
      },
      (error: unknown) => {
        const byField = fieldErrorsOf(error);
        setErrors(byField ?? {});
        setFailure(byField ? null : error);
        setSaving(false);
      },
    );
  };

  return (
    <section aria-label="What the analytics count">
      <p className="hint">What every figure of the Analytics area counts. Changes apply to the figures at once; rollups already kept by event keep their history.</p>
      <ErrorBanner error={failure ?? stages.error} />
      {Object.keys(errors).length > 0 && (
        <div className="banner banner-error" role="alert">
          Not saved: see the fields marked below.
        </div>
      )}
      {saved && (
        <div className="banner banner-info" role="status">
          Settings saved.
        </div>
      )}
      <SettingsForm loaded={loaded} stages={stages.data?.stages ?? []} eventNames={eventNames.data ?? []} readOnly={!isAdmin} errors={errors} saving={saving} onSave={save} />
    </section>
  );
}
