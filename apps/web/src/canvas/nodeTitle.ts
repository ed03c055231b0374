import type { NodeType } from '@lifecycle/journey';

/** The name of each node type as a marketer reads it. */
export const nodeTitle: Record<NodeType, string> = {
  trigger: 'Trigger',
  send_email: 'Send email',
  wait: 'Wait',
  wait_for_event: 'Wait for event',
  condition_split: 'Condition split',
  random_split: 'Random split',
  offer: 'Offer',
  update_customer: 'Update customer',
  webhook: 'Webhook',
  notify_team: 'Notify the team',
  exit: 'Exit',
};
