import type { NodeOf } from '@lifecycle/journey';
import { teamNotes } from '../actionProxies';
import { recordEntry } from '../progress';
import type { RunState } from '../runState';
import { actionContext } from './actionContext';
import type { StepResult } from './stepResult';

/** Emails the team about the customer; a missing address is recorded as a failed step and the run goes on. */
export async function notifyTeamStep(node: NodeOf<'notify_team'>, state: RunState): Promise<StepResult> {
  await recordEntry(state, node);
  const result = await teamNotes.notifyTeam({ ...actionContext(node, state), node });
  switch (result.status) {
    case 'sent': {
      const chat = result.chat === 'posted' ? '; posted to chat' : result.chat === 'failed' ? `; chat post failed: ${result.chatError ?? ''}` : '';
      return { exit: 'next', outcome: `told ${result.to}: “${result.subject}”${chat}`, detail: { ...result } };
    }
    case 'skipped':
      return {
        exit: 'next',
        outcome: result.reason === 'no_address' ? `not sent: the customer has no address in \`${result.trait ?? ''}\`` : 'not sent: customer not found',
        detail: { ...result },
        failed: true,
      };
    case 'failed':
      return { exit: 'next', outcome: `not sent: ${result.reason}`, detail: { ...result }, failed: true };
    default: {
      const unknownResult: never = result;
      throw new Error(`unknown result ${JSON.stringify(unknownResult)}`);
    }
  }
}
