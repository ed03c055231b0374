import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { LifecycleConfig } from '@lifecycle/journey';
import { saveLifecycleConfig, useLifecycleConfig } from '../api/lifecycle';
import { userOf, useSession } from '../api/session';
import { ErrorBanner } from '../components/ErrorBanner';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import './segments.css';

function describeRule(rule: LifecycleConfig['rules'][number]): string {
  const from = rule.from ? ` (from ${rule.from.join(', ')})` : '';
  switch (rule.kind) {
    case 'event':
      return `${rule.first ? 'First' : 'Every'} \`${rule.event}\` → ${rule.to}${from}`;
    case 'identified':
      return `Identified with an email → ${rule.to}${from}`;
    case 'inactive':
      return `No activity for ${rule.days} days → ${rule.to}${from}`;
    default: {
      const unknownRule: never = rule;
      throw new Error(`unknown rule ${JSON.stringify(unknownRule)}`);
    }
  }
}

/** Settings → lifecycle stages: the ordered stages (one per line) and the rules as JSON, with a readable summary. */
export function StagesPage() {
  const config = useLifecycleConfig();
  const isAdmin = userOf(useSession().data)?.role === 'admin';
  const queryClient = useQueryClient();
  const [stages, setStages] = useState('');
  const [rules, setRules] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (!config.data) return;
    setStages(config.data.stages.join('\n'));
    setRules(JSON.stringify(config.data.rules, null, 2));
  }, [config.data]);
  if (config.isPending) return <Loading what="lifecycle stages" />;
  const save = () => {
    setSaved(null);
    let parsedRules: unknown;
    try {
      parsedRules = JSON.parse(rules);
    } catch {
      setError(new Error('The rules are not valid JSON.'));
      return;
    }
    const next = LifecycleConfig.safeParse({ stages: stages.split('\n').map((s) => s.trim()).filter(Boolean), rules: parsedRules });
    if (!next.success) {
      setError(new Error(next.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')));
      return;
    }
    saveLifecycleConfig(next.data).then(() => { setError(null); setSaved('Saved.'); void queryClient.invalidateQueries({ queryKey: ['lifecycle-stages'] }); }, setError);
  };
  return (
    <>
      <PageHeader title="Lifecycle stages">{isAdmin && <button type="button" className="button button-primary" onClick={save}>Save</button>}</PageHeader>
      <ErrorBanner error={error ?? config.error} />
      {saved && <div className="banner banner-info" role="status">{saved}</div>}
      <p className="muted">Every stage change is recorded with its cause and emits <code>stage_entered</code> (with <code>event.stage</code>), which can start a journey.</p>
      <div className="form-card stages-form"><div className="field"><label htmlFor="stages">Stages, in order (one per line)</label><textarea id="stages" rows={9} value={stages} readOnly={!isAdmin} onChange={(e) => setStages(e.target.value)} /></div></div>
      <h2>Rules</h2>
      <ul>{(config.data?.rules ?? []).map((rule, index) => <li key={index}>{describeRule(rule)}</li>)}</ul>
      <div className="form-card stages-form"><div className="field"><label htmlFor="stage-rules">Rules (JSON)</label><textarea id="stage-rules" rows={14} value={rules} readOnly={!isAdmin} onChange={(e) => setRules(e.target.value)} className="code-block" /></div></div>
    </>
  );
}
