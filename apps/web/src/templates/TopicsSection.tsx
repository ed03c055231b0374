import './topics.css';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { canEdit, userOf, useSession } from '../api/session';
import { createTopic, editTopic, topicsKey, useTopics, type Topic } from '../api/topics';
import { ErrorBanner } from '../components/ErrorBanner';
import { TopicRow } from './TopicRow';

/**
 * Subscription topics, beside the templates they are assigned to: customers opt in and out of each on their
 * preference page. Marketers create, rename, archive and restore them and choose whether a topic is opt-out
 * (everyone gets it until they opt out) or opt-in.
 */
export function TopicsSection() {
  const topics = useTopics();
  const readOnly = !canEdit(userOf(useSession().data));
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [optIn, setOptIn] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: topicsKey });
  const run = (work: Promise<unknown>, after?: () => void) => {
    setError(null);
    work.then(() => {
      after?.();
      refresh();
    }, setError);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(createTopic({ name, description: description.trim() || null, defaultSubscribed: !optIn }), () => {
      setName('');
      setDescription('');
      setOptIn(false);
    });
  };
  const save = (topic: Topic, change: Parameters<typeof editTopic>[1]) => run(editTopic(topic.id, change));
  return (
    <section aria-label="Subscription topics" className="topics-section">
      <h2>Subscription topics</h2>
      <p className="muted">
        Each email belongs to at most one topic (the send step's, else its template's). Customers choose their topics on the preference page every email links to; a
        send to a topic they left is skipped and the run says why.
      </p>
      <ErrorBanner error={topics.error ?? error} />
      {topics.data && topics.data.length > 0 && (
        <table className="table">
          <thead><tr><th scope="col">Topic</th><th scope="col">Default</th><th scope="col">Status</th>{!readOnly && <th scope="col">Actions</th>}</tr></thead>
          <tbody>{topics.data.map((topic) => <TopicRow key={topic.id} topic={topic} readOnly={readOnly} onSave={(change) => save(topic, change)} />)}</tbody>
        </table>
      )}
      {topics.data?.length === 0 && <p className="muted">No topics yet: every email is governed by the customer's global subscription only.</p>}
      {!readOnly && (
        <form className="form-card topic-form" aria-label="New topic" onSubmit={submit}>
          <div className="field">
            <label htmlFor="topic-name">Topic name</label>
            <input id="topic-name" value={name} maxLength={100} onChange={(event) => setName(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="topic-description">Description (shown to customers)</label>
            <input id="topic-description" value={description} maxLength={500} onChange={(event) => setDescription(event.target.value)} />
          </div>
          <label className="topic-choice">
            <input type="checkbox" checked={optIn} onChange={(event) => setOptIn(event.target.checked)} />
            Opt-in only (customers get it only after ticking it)
          </label>
          <button type="submit" className="button button-primary" disabled={name.trim() === ''}>Add topic</button>
        </form>
      )}
    </section>
  );
}
