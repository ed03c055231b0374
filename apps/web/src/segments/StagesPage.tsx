import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { LifecycleConfig, StageRule } from '@lifecycle/journey';
import { saveLifecycleConfig, useLifecycleConfig } from '../api/lifecycle';
import { userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StageList } from './stages/StageList';
import { apiStageProblems, stageProblems } from './stages/stageProblems';
import { StageRuleList } from './stages/StageRuleList';
import { useStageCounts } from './stages/useStageCounts';
import './segments.css';
import './stages/stages.css';

/** A rule follows a stage that is renamed. */
function renameIn(rule: StageRule, from: string, to: string): StageRule {
  const renamed = { ...rule, to: rule.to === from ? to : rule.to };
  return rule.from ? { ...renamed, from: rule.from.map((stage) => (stage === from ? to : stage)) } : renamed;
}

/** Settings → lifecycle stages: the ordered stages with how many customers each holds, and the rules as a form. */
export function StagesPage() {
  const config = useLifecycleConfig();
  const counts = useStageCounts();
  const readOnly = userOf(useSession().data)?.role !== 'admin';
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<LifecycleConfig | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (config.data) setDraft(config.data);
  }, [config.data]);
  const problems = useMemo(() => {
    const found = draft ? stageProblems(draft) : new Map<string, string[]>();
    for (const [field, messages] of apiStageProblems(saveError)) if (!found.has(field)) found.set(field, messages);
    return found;
  }, [draft, saveError]);
  if (config.isPending) return <Loading what="lifecycle stages" />;
  if (!draft) return <ErrorBanner error={config.error} />;
  const edit = (next: LifecycleConfig) => {
    setDraft(next);
    setSaved(false);
    setSaveError(null);
  };
  const problemCount = [...problems.values()].reduce((sum, messages) => sum + messages.length, 0);
  const save = () => {
    if (problemCount > 0) return;
    saveLifecycleConfig(draft).then(
      () => {
        setSaved(true);
        void queryClient.invalidateQueries({ queryKey: ['lifecycle-stages'] });
      },
      setSaveError,
    );
  };
  return (
    <>
      <PageHeader title="Lifecycle stages">
        {!readOnly && (
          <button type="button" className="button button-primary" aria-disabled={problemCount > 0} onClick={save}>
            Save
          </button>
        )}
      </PageHeader>
      {problemCount > 0 && !readOnly && (
        <div className="banner banner-error" role="status">
          Fix {problemCount === 1 ? 'the problem' : `the ${problemCount} problems`} marked below to save.
        </div>
      )}
      {saveError !== null && apiStageProblems(saveError).size === 0 && <ErrorBanner error={saveError} />}
      {saved && <div className="banner banner-info" role="status">Saved.</div>}
      <ErrorBanner error={counts.error} />
      <p className="muted">
        Every stage change is recorded with its cause and emits <code>stage_entered</code> (with <code>event.stage</code>), which can start a journey.
      </p>
      <section className="form-card stages-form" aria-labelledby="stages-heading">
        <h2 id="stages-heading">Stages, in order</h2>
        <p className="stages-summary">{counts.data ? `${counts.data.total.toLocaleString('en-US')} customers in all; customers with no stage yet count in the first stage.` : 'Counting customers…'}</p>
        <StageList
          stages={draft.stages}
          counts={counts.data}
          problems={problems}
          readOnly={readOnly}
          onChange={(stages, renamed) => edit({ stages, rules: renamed && renamed.from !== '' ? draft.rules.map((rule) => renameIn(rule, renamed.from, renamed.to)) : draft.rules })}
        />
      </section>
      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules</h2>
        <p className="muted">Checked in order as events arrive; inactivity is checked by a periodic sweep.</p>
        <StageRuleList rules={draft.rules} stages={draft.stages} problems={problems} readOnly={readOnly} onChange={(rules) => edit({ ...draft, rules })} />
      </section>
    </>
  );
}
