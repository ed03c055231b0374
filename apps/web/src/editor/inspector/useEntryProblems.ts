import { useMemo } from 'react';
import { referenceProblems, type DraftNode } from '@lifecycle/journey';
import { useLifecycleConfig } from '../../api/lifecycle';
import { useSegments } from '../../api/segments';

/**
 * A trigger's missing segment or unconfigured stage, by field (`entry.segmentId`, `entry.stage`), placed beside its
 * picker only when the journey's own check (`problems`) reports it: a list still loading is not a problem.
 */
export function useEntryProblems(node: DraftNode, problems: readonly string[]): Map<string, string[]> {
  const segments = useSegments().data;
  const stages = useLifecycleConfig().data?.stages;
  return useMemo(() => {
    const byField = new Map<string, string[]>();
    if (node.type !== 'trigger' || !segments || !stages) return byField;
    const known = { templateIds: new Set<string>(), offerIds: new Set<string>(), segmentIds: new Set(segments.map((segment) => segment.id)), stages: new Set(stages) };
    const reported = new Set(problems);
    for (const problem of referenceProblems([node], known)) {
      if (problem.field === null || !reported.has(problem.message)) continue;
      byField.set(problem.field, [...(byField.get(problem.field) ?? []), problem.message]);
    }
    return byField;
  }, [node, problems, segments, stages]);
}
