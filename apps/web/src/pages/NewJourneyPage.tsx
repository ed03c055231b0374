import { useState, type FormEvent } from 'react';
import { starters, type JourneyDraft } from '@lifecycle/journey';
import { createJourney } from '../api/journeyEdits';
import { PageHeader } from '../components/PageHeader';
import { useLifecycleConfig } from '../api/lifecycle';
import { href } from '../router/href';
import { navigate } from '../router/useRoute';

const blank = { id: 'blank', name: 'Blank journey', lifecycleStage: '', description: 'An empty canvas.', draft: (): JourneyDraft => ({ nodes: [], edges: [] }) };

/** Start a journey from a blank canvas or a starter; name it and tie it to a lifecycle stage. */
export function NewJourneyPage() {
  const [starterId, setStarterId] = useState('blank');
  const [name, setName] = useState('');
  const [stage, setStage] = useState('');
  // The stages this workspace configured (Stages page), not a fixed list.
  const stages = useLifecycleConfig().data?.stages ?? [];
  const [error, setError] = useState<string | null>(null);
  const options = [blank, ...starters];
  const chosen = options.find((option) => option.id === starterId) ?? blank;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const journey = await createJourney({ name: name.trim() || chosen.name, lifecycleStage: (stage || chosen.lifecycleStage) || null, draft: chosen.draft() });
      navigate(href.journey(journey.id));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <>
      <PageHeader title="New journey" back={{ href: href.journeys(), label: 'Journeys' }} />
      <form className="form-card" onSubmit={(event) => void submit(event)}>
        <fieldset className="starter-grid">
          <legend>Start from</legend>
          {options.map((option) => (
            <label key={option.id} className={`starter${option.id === starterId ? ' is-chosen' : ''}`}>
              <input type="radio" name="starter" value={option.id} checked={option.id === starterId} onChange={() => setStarterId(option.id)} />
              <span className="starter-name">{option.name}</span>
              <span className="hint">{option.description}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="new-journey-name">Name</label>
          <input id="new-journey-name" value={name} placeholder={chosen.name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-journey-stage">Lifecycle stage</label>
          <input id="new-journey-stage" list="new-journey-stages" value={stage} placeholder={chosen.lifecycleStage || (stages[0] ? `e.g. ${stages[0]}` : '')} onChange={(event) => setStage(event.target.value)} />
          <datalist id="new-journey-stages">
            {stages.map((option) => <option key={option} value={option} />)}
          </datalist>
        </div>
        {error && <div className="banner banner-error" role="alert">{error}</div>}
        <button type="submit" className="button button-primary">Create journey</button>
      </form>
    </>
  );
}
