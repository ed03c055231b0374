import { useMemo, useRef } from 'react';
import { nodeProblems, referenceProblems, type DraftNode, type Problem } from '@lifecycle/journey';
import { useChoices } from './inspectorContext';

/**
 * The selected step's problems that belong to a field, checked at once on every change (so a fixed field clears
 * while typing), and the step's other problems for the list on top. Missing templates and offers are placed beside
 * their picker only when the journey's own check (`problems`) reports them, so a list still loading is not a problem.
 */
export function useStepFieldProblems(node: DraftNode, problems: readonly string[]): { byField: Map<string, string[]>; others: string[] } {
  const { templates, offers, sendNodes } = useChoices();
  // Messages once shown beside a field stay out of the list on top: the journey's check runs a frame later (deferred)
  // and would otherwise show a just-fixed field's message there for that frame.
  const placedBefore = useRef(new Set<string>());
  return useMemo(() => {
    const known = { templateIds: new Set(templates.map((t) => t.id)), offerIds: new Set(offers.map((o) => o.id)) };
    const steps: DraftNode[] = [node, ...sendNodes.filter((send) => send.id !== node.id).map((send) => ({ id: send.id, type: 'send_email' as const }))];
    const reported = new Set(problems);
    const fieldProblems: Problem[] = [...nodeProblems(node).problems, ...referenceProblems(steps, known).filter((problem) => problem.nodeId === node.id && reported.has(problem.message))];
    const byField = new Map<string, string[]>();
    for (const problem of fieldProblems) {
      if (problem.field === null) continue;
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
      placedBefore.current.add(problem.message);
    }
    return { byField, others: problems.filter((message) => !placedBefore.current.has(message)) };
  }, [node, problems, templates, offers, sendNodes]);
}
