import { escapeHtml } from './teamNoteHtml';

/** What a team note says about the customer. */
export interface TeamNoteFacts {
  customer: { id: string; email: string | null; name: string | null; lifecycleStage: string | null };
  health: { score: number; band: string } | null;
  event: { name: string; timestamp: string; properties: Record<string, unknown> };
  traits: { name: string; value: unknown }[];
  /** The note the journey author wrote, already rendered. */
  message: string | null;
  profileUrl: string;
  journeyStep: string;
}

export interface TeamNote {
  subject: string;
  text: string;
  html: string;
  /** The short form a chat incoming webhook gets (Slack, Teams, Mattermost and Google Chat all read `text`). */
  chatText: string;
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * The internal email (and chat line) a notify-the-team step sends: who the customer is, where they stand, what
 * happened, and a link to their profile. Plain facts, no tracking, no unsubscribe: it is not a marketing message.
 */
export function composeTeamNote(facts: TeamNoteFacts, subject: string | null): TeamNote {
  const who = facts.customer.name ?? facts.customer.email ?? facts.customer.id;
  const rows: [string, string][] = [
    ['Name', shown(facts.customer.name)],
    ['Email', shown(facts.customer.email)],
    ['Stage', shown(facts.customer.lifecycleStage)],
    ['Health', facts.health ? `${facts.health.band} (${facts.health.score})` : 'not scored yet'],
    ['Event', `${facts.event.name} at ${facts.event.timestamp}`],
    ...facts.traits.map(({ name, value }): [string, string] => [name, shown(value)]),
  ];
  const title = subject ?? `${facts.journeyStep}: ${who}`;
  const text = [facts.message ?? '', ...rows.map(([label, value]) => `${label}: ${value}`), '', `Profile: ${facts.profileUrl}`].filter((line, index) => index > 0 || line !== '').join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    facts.message ? `<p>${escapeHtml(facts.message)}</p>` : '',
    '<table cellpadding="4">',
    ...rows.map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(facts.profileUrl)}">Open ${escapeHtml(who)}'s profile</a></p>`,
    '</body></html>',
  ].join('');
  const chatText = `${title}\n${facts.message ? `${facts.message}\n` : ''}${rows.slice(0, 5).map(([label, value]) => `${label}: ${value}`).join(' · ')}\n${facts.profileUrl}`;
  return { subject: title.replace(/[\r\n]+/g, ' ').slice(0, 200), text, html, chatText };
}
