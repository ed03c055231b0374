import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Figure } from '../Figure';
import { saveHealthSettings, useHealthSettings, type HealthSettings } from './healthApi';
import { HealthRuleFields, newHealthRule } from './HealthRuleFields';

/** The health score's definition as a form: weighted rules and band thresholds (admins save; everyone reads). */
export function HealthSettingsForm() {
  const settings = useHealthSettings();
  // Kept here: saving refetches the settings, which remounts the editor below with the saved copy.
  const [status, setStatus] = useState('');
  return (
    <Figure title="Health score definition" loading={settings.isPending} error={settings.error}>
      {settings.data && <SettingsEditor key={JSON.stringify(settings.data)} saved={settings.data} status={status} setStatus={setStatus} />}
    </Figure>
  );
}

function SettingsEditor({ saved, status, setStatus }: { saved: HealthSettings; status: string; setStatus: (status: string) => void }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<unknown>(null);
  const setRule = (index: number, rule: HealthSettings['rules'][number] | null) =>
    setDraft({ ...draft, rules: rule === null ? draft.rules.filter((_, i) => i !== index) : draft.rules.map((old, i) => (i === index ? rule : old)) });
  const save = () => {
    setError(null);
    setStatus('');
    saveHealthSettings(draft).then(() => {
      setStatus('Saved: every customer is being rescored.');
      return queryClient.invalidateQueries({ queryKey: ['health-settings'] });
    }, setError);
  };
  return (
    <form aria-label="Health score definition" onSubmit={(event) => { event.preventDefault(); save(); }}>
      <p className="hint">Score = 100 × the points earned ÷ the sum of the weights, rounded. Each rule earns up to its weight.</p>
      {draft.rules.map((rule, index) => (
        <HealthRuleFields key={index} rule={rule} index={index} onChange={(next) => setRule(index, next)} onRemove={() => setRule(index, null)} />
      ))}
      <div className="inline-form">
        <button type="button" className="button" onClick={() => setDraft({ ...draft, rules: [...draft.rules, newHealthRule('activity')] })}>Add rule</button>
        <div className="field">
          <label htmlFor="health-healthy-from">Healthy from</label>
          <input id="health-healthy-from" type="number" min={1} max={100} value={draft.bands.healthyFrom} onChange={(e) => setDraft({ ...draft, bands: { ...draft.bands, healthyFrom: Number(e.target.value) } })} />
        </div>
        <div className="field">
          <label htmlFor="health-at-risk-from">At risk from</label>
          <input id="health-at-risk-from" type="number" min={0} max={99} value={draft.bands.atRiskFrom} onChange={(e) => setDraft({ ...draft, bands: { ...draft.bands, atRiskFrom: Number(e.target.value) } })} />
        </div>
        <button type="submit" className="button button-primary">Save health score</button>
      </div>
      {status && <div className="banner banner-info" role="status">{status}</div>}
      <ErrorBanner error={error} />
    </form>
  );
}
