import type { JourneyDraft, JourneyEdge } from '@lifecycle/journey';

function edge(source: string, sourceExit: string, target: string): JourneyEdge {
  return { id: `${source}-${sourceExit}`, source, sourceExit, target };
}

/** The templates the trial journey sends. */
export const TRIAL_TEMPLATES = {
  welcome: { name: 'Trial welcome', subject: 'Welcome, {{ customer.first_name | default: "friend" }}', html: '<h1>Hello {{ customer.first_name }}</h1><p>Your {{ customer.plan }} trial has begun.</p>', text: null },
  thanks: { name: 'Trial thanks', subject: 'Thanks for buying, {{ customer.first_name }}', html: '<p>You are now on {{ customer.plan }}.</p>', text: null },
} as const;

/**
 * A trial journey that uses every kind of branch the simulator must get right: a condition split on a trait, the
 * open of the run's own email, a named event counted from the step, a trait update read by a later email, and waits
 * of hours (`hours`: the length of each wait-for-event window; tests shorten real runs with the time scale).
 */
export function trialJourney(templateIds: { welcome: string; thanks: string }, options: { waitDays?: number } = {}): JourneyDraft {
  return {
    nodes: [
      { id: 'trigger', type: 'trigger', label: 'Trial started', event: 'trial_started', reentry: { policy: 'always' } },
      {
        id: 'is_pro',
        type: 'condition_split',
        label: 'Pro plan?',
        branches: [{ id: 'pro', label: 'Pro', condition: { match: 'all', conditions: [{ source: 'trait', path: 'plan', op: 'eq', value: 'pro' }] } }],
      },
      { id: 'send_welcome', type: 'send_email', label: 'Welcome email', templateId: templateIds.welcome },
      ...(options.waitDays ? [{ id: 'wait_long', type: 'wait' as const, label: 'Long wait', duration: { amount: options.waitDays, unit: 'days' as const } }] : []),
      { id: 'wait_open', type: 'wait_for_event', label: 'Opened the welcome?', awaited: { kind: 'email_opened', sendNodeId: 'send_welcome' }, timeout: { amount: 10, unit: 'hours' } },
      { id: 'wait_buy', type: 'wait_for_event', label: 'Purchased?', awaited: { kind: 'event', event: 'purchased' }, timeout: { amount: 10, unit: 'hours' } },
      { id: 'upgrade', type: 'update_customer', label: 'Mark as buyer', traits: { plan: 'buyer' } },
      { id: 'send_thanks', type: 'send_email', label: 'Thanks email', templateId: templateIds.thanks },
      { id: 'exit_bought', type: 'exit', label: 'Bought' },
      { id: 'exit_no_open', type: 'exit', label: 'Never opened' },
      { id: 'exit_no_buy', type: 'exit', label: 'Did not buy' },
      { id: 'exit_not_pro', type: 'exit', label: 'Not pro' },
    ],
    edges: [
      edge('trigger', 'next', 'is_pro'),
      edge('is_pro', 'pro', 'send_welcome'),
      edge('is_pro', 'else', 'exit_not_pro'),
      ...(options.waitDays ? [edge('send_welcome', 'next', 'wait_long'), edge('wait_long', 'next', 'wait_open')] : [edge('send_welcome', 'next', 'wait_open')]),
      edge('wait_open', 'matched', 'wait_buy'),
      edge('wait_open', 'timed_out', 'exit_no_open'),
      edge('wait_buy', 'matched', 'upgrade'),
      edge('wait_buy', 'timed_out', 'exit_no_buy'),
      edge('upgrade', 'next', 'send_thanks'),
      edge('send_thanks', 'next', 'exit_bought'),
    ],
  };
}

/** The script of a pro customer who opens the welcome after an hour and buys after two. */
export const BUYER_SCRIPT = [
  { at: { amount: 1, unit: 'hours' }, opens: 'send_welcome' },
  { at: { amount: 2, unit: 'hours' }, event: 'purchased', properties: { revenue: 40 } },
] as const;
