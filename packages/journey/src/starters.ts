import type { DraftNode, JourneyDraft, JourneyEdge } from './schema';

/** A journey a marketer can start from; templates and offers are left for them to pick. */
export type Starter = { id: string; name: string; lifecycleStage: string; description: string; draft: () => JourneyDraft };

const edge = (source: string, sourceExit: string, target: string): JourneyEdge => ({ id: `${source}-${sourceExit}`, source, sourceExit, target });

function column(nodes: DraftNode[]): DraftNode[] {
  return nodes.map((node, index) => ({ ...node, position: node.position ?? { x: 0, y: index * 150 } }));
}

/** Welcome email, two days, a tips email, three days, a nudge to those who did not come back. */
function welcomeSeries(): JourneyDraft {
  return {
    nodes: column([
      { id: 'trigger', type: 'trigger', label: 'Signed up', event: 'signed_up', reentry: { policy: 'once' } },
      { id: 'send_welcome', type: 'send_email', label: 'Welcome email' },
      { id: 'wait_2d', type: 'wait', label: 'Wait 2 days', duration: { amount: 2, unit: 'days' } },
      { id: 'send_tips', type: 'send_email', label: 'Getting-started tips' },
      { id: 'wait_active', type: 'wait_for_event', label: 'Came back?', awaited: { kind: 'event', event: 'session_started' }, timeout: { amount: 3, unit: 'days' } },
      { id: 'exit_active', type: 'exit', label: 'Active', position: { x: -160, y: 750 } },
      { id: 'send_nudge', type: 'send_email', label: 'We miss you', position: { x: 160, y: 750 } },
      { id: 'exit_nudged', type: 'exit', label: 'Nudged', position: { x: 160, y: 900 } },
    ]),
    edges: [
      edge('trigger', 'next', 'send_welcome'),
      edge('send_welcome', 'next', 'wait_2d'),
      edge('wait_2d', 'next', 'send_tips'),
      edge('send_tips', 'next', 'wait_active'),
      edge('wait_active', 'matched', 'exit_active'),
      edge('wait_active', 'timed_out', 'send_nudge'),
      edge('send_nudge', 'next', 'exit_nudged'),
    ],
  };
}

/** Trial started: value email, wait for an upgrade up to 10 days; those who didn't get an offer. */
function trialConversion(): JourneyDraft {
  return {
    nodes: column([
      { id: 'trigger', type: 'trigger', label: 'Trial started', event: 'trial_started', reentry: { policy: 'once' } },
      { id: 'send_value', type: 'send_email', label: 'What you can do' },
      { id: 'wait_upgrade', type: 'wait_for_event', label: 'Upgraded?', awaited: { kind: 'event', event: 'subscription_started' }, timeout: { amount: 10, unit: 'days' } },
      { id: 'exit_converted', type: 'exit', label: 'Converted', position: { x: -160, y: 450 } },
      { id: 'grant_offer', type: 'offer', label: 'Trial discount', position: { x: 160, y: 450 } },
      { id: 'send_offer', type: 'send_email', label: 'Your discount code', position: { x: 160, y: 600 } },
      { id: 'exit_offered', type: 'exit', label: 'Offered', position: { x: 160, y: 750 } },
    ]),
    edges: [
      edge('trigger', 'next', 'send_value'),
      edge('send_value', 'next', 'wait_upgrade'),
      edge('wait_upgrade', 'matched', 'exit_converted'),
      edge('wait_upgrade', 'timed_out', 'grant_offer'),
      edge('grant_offer', 'next', 'send_offer'),
      edge('send_offer', 'next', 'exit_offered'),
    ],
  };
}

/** Inactive customers: a win-back email with an offer to paying ones, a plain reminder to the rest. */
function winBack(): JourneyDraft {
  const paying = { match: 'all' as const, conditions: [{ source: 'trait' as const, path: 'plan', op: 'neq' as const, value: 'free' }] };
  return {
    nodes: column([
      { id: 'trigger', type: 'trigger', label: 'Became inactive', event: 'became_inactive', reentry: { policy: 'cooldown', cooldown: { amount: 30, unit: 'days' } } },
      { id: 'split_plan', type: 'condition_split', label: 'Paying customer?', branches: [{ id: 'paying', label: 'Paying', condition: paying }] },
      { id: 'grant_offer', type: 'offer', label: 'Come-back offer', position: { x: -160, y: 300 } },
      { id: 'send_offer', type: 'send_email', label: 'Come back (with code)', position: { x: -160, y: 450 } },
      { id: 'send_reminder', type: 'send_email', label: 'Come back', position: { x: 160, y: 300 } },
      { id: 'update_stage', type: 'update_customer', label: 'Mark at risk', lifecycleStage: 'at_risk', position: { x: 0, y: 600 } },
      { id: 'exit', type: 'exit', label: 'Done', position: { x: 0, y: 750 } },
    ]),
    edges: [
      edge('trigger', 'next', 'split_plan'),
      edge('split_plan', 'paying', 'grant_offer'),
      edge('grant_offer', 'next', 'send_offer'),
      edge('split_plan', 'else', 'send_reminder'),
      edge('send_offer', 'next', 'update_stage'),
      edge('send_reminder', 'next', 'update_stage'),
      edge('update_stage', 'next', 'exit'),
    ],
  };
}

/** After an order: wait, ask for a review; those who reviewed are asked to refer a friend. */
function postPurchase(): JourneyDraft {
  return {
    nodes: column([
      { id: 'trigger', type: 'trigger', label: 'Order completed', event: 'order_completed', reentry: { policy: 'always' } },
      { id: 'wait_delivery', type: 'wait', label: 'Wait 5 days', duration: { amount: 5, unit: 'days' } },
      { id: 'send_review', type: 'send_email', label: 'How was it? Review ask' },
      { id: 'wait_review', type: 'wait_for_event', label: 'Reviewed?', awaited: { kind: 'event', event: 'review_submitted' }, timeout: { amount: 7, unit: 'days' } },
      { id: 'send_referral', type: 'send_email', label: 'Refer a friend', position: { x: -160, y: 600 } },
      { id: 'exit_referred', type: 'exit', label: 'Asked to refer', position: { x: -160, y: 750 } },
      { id: 'exit_quiet', type: 'exit', label: 'No review', position: { x: 160, y: 600 } },
    ]),
    edges: [
      edge('trigger', 'next', 'wait_delivery'),
      edge('wait_delivery', 'next', 'send_review'),
      edge('send_review', 'next', 'wait_review'),
      edge('wait_review', 'matched', 'send_referral'),
      edge('send_referral', 'next', 'exit_referred'),
      edge('wait_review', 'timed_out', 'exit_quiet'),
    ],
  };
}

/** The starters the "new journey" page offers, besides a blank canvas. */
export const starters: Starter[] = [
  { id: 'welcome', name: 'Welcome series', lifecycleStage: 'onboarding', description: 'Welcome, tips, and a nudge for those who don’t come back.', draft: welcomeSeries },
  { id: 'trial', name: 'Trial conversion', lifecycleStage: 'trial', description: 'Show the value; offer a discount to trials that don’t upgrade.', draft: trialConversion },
  { id: 'win_back', name: 'Win back inactive customers', lifecycleStage: 'inactive', description: 'An offer for paying customers, a reminder for the rest.', draft: winBack },
  { id: 'post_purchase', name: 'Post-purchase review + referral', lifecycleStage: 'customer', description: 'Ask for a review, then for a referral.', draft: postPurchase },
];
