import { useState } from 'react';
import type { AnalyticsSettings } from '@lifecycle/journey';
import { ChipsInput } from './ChipsInput';
import { Field } from './Field';
import type { FieldErrors } from './fieldErrors';
import { RatesTable } from './RatesTable';
import { draftOf, type SettingsDraft } from './settingsDraft';
import { StageChecks } from './StageChecks';

type Props = { loaded: AnalyticsSettings; stages: string[]; eventNames: string[]; readOnly: boolean; errors: FieldErrors; saving: boolean; onSave: (draft: SettingsDraft) => void };

/** The analytics settings as a form: what counts as active, as a customer, as churned, as revenue, and the experiment rules. */
export function SettingsForm({ loaded, stages, eventNames, readOnly, errors, saving, onSave }: Props) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftOf(loaded));
  const set = <K extends keyof SettingsDraft>(key: K) => (value: SettingsDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const text = (key: 'churnInactivityDays' | 'currencyProperty' | 'baseCurrency' | 'marginPercent' | 'channelTrait' | 'controlPercent' | 'experimentMinEntries') => ({
    id: `analytics-${key}`,
    value: draft[key],
    readOnly,
    'aria-invalid': errors[fieldKey[key]] ? true : undefined,
    onChange: (e: { target: { value: string } }) => set(key)(e.target.value),
  });
  return (
    <form
      className="form-card analytics-settings"
      aria-label="Analytics settings"
      // The API is the one validator: its issues are shown next to each field (the browser's own bubbles would hide them).
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!readOnly) onSave(draft);
      }}
    >
      {readOnly && <p className="hint" role="note">Read only: an admin changes what the analytics count.</p>}
      <fieldset>
        <legend>Customers and activity</legend>
        <Field id="analytics-activityEvents" label="Activity events" help="Events that make a customer active in a period (retention, growth lens). None chosen: any event counts." errors={errors.activityEvents}>
          <ChipsInput id="analytics-activityEvents" values={draft.activityEvents} suggestions={eventNames} readOnly={readOnly} onChange={set('activityEvents')} placeholder="event name" />
        </Field>
        <Field id="analytics-customerStages" label="Customer stages" help="Members of these stages count as customers (CRR's S, E and N)." errors={errors.customerStages}>
          <StageChecks name="Customer stages" stages={stages} chosen={draft.customerStages} readOnly={readOnly} onChange={set('customerStages')} />
        </Field>
        <Field id="analytics-churnStages" label="Churn stages" help="Moving into one of these stages is a churn." errors={errors.churnStages}>
          <StageChecks name="Churn stages" stages={stages} chosen={draft.churnStages} readOnly={readOnly} onChange={set('churnStages')} />
        </Field>
        <Field id="analytics-churnInactivityDays" label="Churned after days without activity" help="Blank: only the churn stages count." errors={errors.churnInactivityDays}>
          <input type="number" min={1} step={1} {...text('churnInactivityDays')} />
        </Field>
        <Field id="analytics-channelTrait" label="Channel trait" help="The trait (or UTM source) naming a customer's acquisition channel; the first value seen is kept." errors={errors.channelTrait}>
          <input {...text('channelTrait')} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Revenue</legend>
        <Field id="analytics-revenueEvents" label="Revenue events" help="Track events that carry revenue." errors={errors['revenue.events']}>
          <ChipsInput id="analytics-revenueEvents" values={draft.revenueEvents} suggestions={eventNames} readOnly={readOnly} onChange={set('revenueEvents')} placeholder="event name" />
        </Field>
        <Field id="analytics-revenueProperties" label="Amount properties" help="Read in order; the first that holds a number is the amount." errors={errors['revenue.properties']}>
          <ChipsInput id="analytics-revenueProperties" values={draft.revenueProperties} suggestions={['revenue', 'total', 'value', 'price', 'amount']} readOnly={readOnly} onChange={set('revenueProperties')} placeholder="property" />
        </Field>
        <Field id="analytics-currencyProperty" label="Currency property" help="The property naming the amount's currency; absent on an event: the base currency." errors={errors['revenue.currencyProperty']}>
          <input {...text('currencyProperty')} />
        </Field>
        <Field id="analytics-baseCurrency" label="Base currency" help="Three-letter ISO 4217 code such as USD." errors={errors['revenue.baseCurrency']}>
          <input maxLength={3} size={5} {...text('baseCurrency')} />
        </Field>
        <Field id="analytics-rates" label="Currency rates" help="Amounts in a currency not listed are not counted, and are reported apart." errors={errors['revenue.rates']}>
          <RatesTable rows={draft.rates} baseCurrency={draft.baseCurrency} readOnly={readOnly} onChange={set('rates')} />
        </Field>
        <Field id="analytics-marginPercent" label="Margin (%)" help="Share of revenue kept: predicted CLV = ARPU per month × margin ÷ monthly churn." errors={errors.margin}>
          <input type="number" min={0} max={100} step="any" {...text('marginPercent')} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>Experiments</legend>
        <Field id="analytics-controlPercent" label="Global control group (%)" help="Share of customers (0–50 %) who never receive lifecycle messages, to measure the whole program's lift." errors={errors.globalControlShare}>
          <input type="number" min={0} max={50} step="any" {...text('controlPercent')} />
        </Field>
        <Field id="analytics-experimentMinEntries" label="Minimum entries per arm" help="A winner is named only when significant and every arm has at least this many entries." errors={errors.experimentMinEntries}>
          <input type="number" min={1} step={1} {...text('experimentMinEntries')} />
        </Field>
      </fieldset>
      {!readOnly && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save settings'}
        </button>
      )}
    </form>
  );
}

/** Which API field each text input's errors come from. */
const fieldKey = {
  churnInactivityDays: 'churnInactivityDays',
  currencyProperty: 'revenue.currencyProperty',
  baseCurrency: 'revenue.baseCurrency',
  marginPercent: 'margin',
  channelTrait: 'channelTrait',
  controlPercent: 'globalControlShare',
  experimentMinEntries: 'experimentMinEntries',
} as const satisfies Record<string, string>;
