import { useState } from 'react';
import type { Topic } from '../api/topics';

/** One topic in the list: its name (renamed in place), its default, and archive / restore. */
export function TopicRow({ topic, readOnly, onSave }: { topic: Topic; readOnly: boolean; onSave: (change: Partial<Pick<Topic, 'name' | 'defaultSubscribed' | 'archived'>>) => void }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  return (
    <tr>
      <td>
        {renaming === null ? (
          <>
            {topic.name}
            {topic.description && <div className="muted">{topic.description}</div>}
          </>
        ) : (
          <form onSubmit={(event) => { event.preventDefault(); onSave({ name: renaming }); setRenaming(null); }}>
            <input aria-label={`New name for ${topic.name}`} value={renaming} maxLength={100} onChange={(event) => setRenaming(event.target.value)} />
            <button type="submit" className="button">Save name</button>
          </form>
        )}
      </td>
      <td>{topic.defaultSubscribed ? 'opt-out (subscribed unless they leave)' : 'opt-in'}</td>
      <td>{topic.archived ? 'archived' : 'active'}</td>
      {!readOnly && (
        <td className="row-actions">
          {renaming === null && <button type="button" className="button" onClick={() => setRenaming(topic.name)}>Rename {topic.name}</button>}
          <button type="button" className="button" onClick={() => onSave({ archived: !topic.archived })}>{topic.archived ? 'Restore' : 'Archive'} {topic.name}</button>
        </td>
      )}
    </tr>
  );
}
