import type { JourneyDraft, JourneyEdge } from './schema';

/** Ids of the templates and offer the welcome journey points at. */
export type WelcomeJourneyIds = { welcomeTemplateId: string; codeTemplateId: string; reminderTemplateId: string; offerId: string };

function edge(source: string, sourceExit: string, target: string): JourneyEdge {
  return { id: `${source}-${sourceExit}`, source, sourceExit, target };
}

/**
 * The reference journey: welcome email, wait 2 days, then wait up to 3 days for the welcome email
 * to be opened; openers get an offer and its code, the rest a reminder.
 */
export function welcomeJourney(ids: WelcomeJourneyIds): JourneyDraft {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', label: 'Signed up', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'send_welcome', type: 'send_email', label: 'Welcome email', templateId: ids.welcomeTemplateId },
      { id: 'wait_2d', type: 'wait', label: 'Wait 2 days', duration: { amount: 2, unit: 'days' } },
      {
        id: 'wait_open',
        type: 'wait_for_event',
        label: 'Opened the welcome email?',
        awaited: { kind: 'email_opened', sendNodeId: 'send_welcome' },
        timeout: { amount: 3, unit: 'days' },
      },
      { id: 'grant_offer', type: 'offer', label: 'Grant offer', offerId: ids.offerId },
      { id: 'send_code', type: 'send_email', label: 'Send the code', templateId: ids.codeTemplateId },
      { id: 'exit_converted', type: 'exit', label: 'Converted' },
      { id: 'send_reminder', type: 'send_email', label: 'Reminder', templateId: ids.reminderTemplateId },
      { id: 'exit_reminded', type: 'exit', label: 'Reminded' },
    ],
    edges: [
      edge('trigger', 'next', 'send_welcome'),
      edge('send_welcome', 'next', 'wait_2d'),
      edge('wait_2d', 'next', 'wait_open'),
      edge('wait_open', 'matched', 'grant_offer'),
      edge('grant_offer', 'next', 'send_code'),
      edge('send_code', 'next', 'exit_converted'),
      edge('wait_open', 'timed_out', 'send_reminder'),
      edge('send_reminder', 'next', 'exit_reminded'),
    ],
  };
}
