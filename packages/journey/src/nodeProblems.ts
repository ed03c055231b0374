import type { z } from 'zod';
import type { Problem } from './problems';
import { JourneyNode, type DraftNode, type NodeType } from './schema';

/** What to tell a marketer when a node's main setting is missing. */
const missingSettingMessages: Partial<Record<`${NodeType}.${string}`, string>> = {
  'trigger.event': 'Choose the event that starts this journey',
  'send_email.templateId': 'Choose an email template to send',
  'wait.duration': 'Set how long to wait',
  'wait_for_event.awaited': 'Choose what to wait for: an event, or the open or click of an earlier email',
  'wait_for_event.timeout': 'Set a timeout: how long to wait before taking the timed-out exit',
  'wait_for_event.awaited.countFrom.window': 'Set the look-back window: how long before this step an event still counts',
  'condition_split.branches': 'Add at least one branch',
  'random_split.arms': 'Add at least two arms',
  'offer.offerId': 'Choose an offer to grant',
};

/** Parses a draft node strictly; each zod issue becomes an `invalid_node` problem on that node. */
export function nodeProblems(node: DraftNode): { parsed: JourneyNode | null; problems: Problem[] } {
  const result = JourneyNode.safeParse(node);
  if (result.success) return { parsed: result.data, problems: [] };
  const problems = flattenIssues(result.error.issues, []).map((issue) => toProblem(node, issue));
  return { parsed: null, problems: dedupe(problems) };
}

type FlatIssue = { path: PropertyKey[]; code: string; message: string };

/** A union issue ("no option matched") is replaced by the issues of its closest option. */
function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): FlatIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = issue.errors.reduce((best, option) => (option.length < best.length ? option : best));
      return flattenIssues(closest, path);
    }
    return [{ path, code: issue.code, message: issue.message }];
  });
}

function toProblem(node: DraftNode, issue: FlatIssue): Problem {
  const field = issue.path.map(String).join('.');
  const missing = issue.code !== 'custom' && field !== '' && valueAt(node, issue.path) === undefined;
  const friendly = missing ? missingSettingMessages[`${node.type}.${field}`] : undefined;
  const message = friendly ?? (missing ? `${field}: required` : field === '' ? issue.message : `${field}: ${issue.message}`);
  return { nodeId: node.id, field: field === '' ? null : field, code: 'invalid_node', message };
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.field}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
