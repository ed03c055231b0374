/** What the preference page shows: the topics a customer may choose, their standing, and the global switch. */
export interface PreferencePageModel {
  action: string;
  topics: { id: string; name: string; description: string | null; subscribed: boolean }[];
  unsubscribedFromAll: boolean;
  saved: boolean;
}

const style = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
fieldset{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:0 0 1rem}label{display:flex;gap:.6rem;align-items:flex-start;margin:.5rem 0}
.hint{display:block;color:#6b7280;font-size:.9rem}.saved{background:#ecfdf5;border:1px solid #10b981;border-radius:8px;padding:.6rem 1rem}
button{font:inherit;padding:.5rem 1.2rem;border-radius:6px;border:1px solid #1f2937;background:#1f2937;color:#fff;cursor:pointer}`;

/** Every name and description is someone's input: escaped for text and attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function topicRow(topic: PreferencePageModel['topics'][number]): string {
  const id = escapeHtml(topic.id);
  const hint = topic.description ? `<span class="hint">${escapeHtml(topic.description)}</span>` : '';
  return `<input type="hidden" name="shown" value="${id}"><label><input type="checkbox" name="topic" value="${id}"${topic.subscribed ? ' checked' : ''}><span>${escapeHtml(topic.name)}${hint}</span></label>`;
}

/**
 * The hosted preference page. The form posts back to the signed URL it was reached by: the token in the path is the
 * only credential, so another site cannot forge the post (it cannot know the token), and nothing changes on a GET
 * (link scanners open every URL).
 */
export function preferencePage(model: PreferencePageModel): string {
  const topics = model.topics.length > 0 ? `<fieldset><legend>Emails you receive</legend>${model.topics.map(topicRow).join('')}</fieldset>` : '';
  const saved = model.saved ? '<p class="saved" role="status">Your preferences are saved.</p>' : '';
  const everything = model.unsubscribedFromAll ? '<p>You are unsubscribed from all emails. Untick the box below and save to receive the emails you choose again.</p>' : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>Email preferences</title><style>${style}</style></head><body><main><h1>Email preferences</h1>${saved}${everything}<form method="post" action="${escapeHtml(model.action)}">${topics}<fieldset><label><input type="checkbox" name="all" value="unsubscribed"${model.unsubscribedFromAll ? ' checked' : ''}><span>Unsubscribe from everything<span class="hint">No marketing email at all, whatever is ticked above.</span></span></label></fieldset><button type="submit">Save preferences</button></form></main></body></html>`;
}
