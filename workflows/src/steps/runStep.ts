import type { JourneyNode } from '@lifecycle/journey';
import type { RunState } from '../runState';
import { conditionSplitStep } from './conditionSplit';
import { exitStep } from './exit';
import { notifyTeamStep } from './notifyTeam';
import { offerStep } from './offer';
import { randomSplitStep } from './randomSplit';
import { sendEmailStep } from './sendEmail';
import type { StepResult } from './stepResult';
import { triggerStep } from './trigger';
import { updateCustomerStep } from './updateCustomer';
import { waitStep } from './wait';
import { waitForEventStep } from './waitForEvent';
import { webhookStep } from './webhook';

/**
 * Runs one node. Nodes that take time record their entry themselves; the caller records every exit. An instant node
 * (trigger, split, exit) answers its result as is, not as a promise: see `writeProgress`.
 */
export function runStep(node: JourneyNode, state: RunState): StepResult | Promise<StepResult> {
  switch (node.type) {
    case 'trigger':
      return triggerStep(node, state);
    case 'send_email':
      return sendEmailStep(node, state);
    case 'wait':
      return waitStep(node, state);
    case 'wait_for_event':
      return waitForEventStep(node, state);
    case 'condition_split':
      return conditionSplitStep(node, state);
    case 'random_split':
      return randomSplitStep(node, state);
    case 'offer':
      return offerStep(node, state);
    case 'update_customer':
      return updateCustomerStep(node, state);
    case 'webhook':
      return webhookStep(node, state);
    case 'notify_team':
      return notifyTeamStep(node, state);
    case 'exit':
      return exitStep(node);
    default: {
      const unknownNode: never = node;
      throw new Error(`unknown node ${JSON.stringify(unknownNode)}`);
    }
  }
}
