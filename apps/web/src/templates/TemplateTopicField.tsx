import './topics.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { setTemplateTopic, useTemplateTopic, useTopics } from '../api/topics';
import { ErrorBanner } from '../components/ErrorBanner';

/** The template's subscription topic, saved as soon as it is chosen (a send step's own topic wins over it). */
export function TemplateTopicField({ templateId, readOnly }: { templateId: string; readOnly: boolean }) {
  const topics = useTopics();
  const current = useTemplateTopic(templateId);
  const queryClient = useQueryClient();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const chosen = current.data?.topicId ?? '';
  // Archived topics cannot be chosen, but one already assigned is still shown as it is.
  const options = (topics.data ?? []).filter((topic) => !topic.archived || topic.id === chosen);
  const choose = (topicId: string | null) => {
    setError(null);
    setSaved(false);
    setTemplateTopic(templateId, topicId).then((answer) => {
      queryClient.setQueryData(['templates', templateId, 'topic'], answer);
      setSaved(true);
    }, setError);
  };
  return (
    <div className="field template-topic">
      <label htmlFor="template-topic">Subscription topic</label>
      <select id="template-topic" value={chosen} disabled={readOnly || !current.data} onChange={(event) => choose(event.target.value || null)}>
        <option value="">No topic (only “unsubscribe from everything” applies)</option>
        {options.map((topic) => <option key={topic.id} value={topic.id}>{topic.name}{topic.archived ? ' (archived)' : ''}</option>)}
      </select>
      {saved && <span className="hint" role="status">Topic saved.</span>}
      <ErrorBanner error={topics.error ?? current.error ?? error} />
    </div>
  );
}
