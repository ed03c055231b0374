import { humanIssues, LifecycleConfig } from '@lifecycle/journey';
import { ApiError } from '../../api/client';

/** Problems of the stages form by field (`stages.1`, `rules.0.days`), in words for people. */
export type StageProblems = ReadonlyMap<string, string[]>;

type Draft = { stages: string[]; rules: unknown[] };

function add(map: Map<string, string[]>, field: string, message: string): void {
  map.set(field, [...(map.get(field) ?? []), message]);
}

/** Everything wrong with the form as it stands: the schema's findings, a stage listed twice, rules naming no stage. */
export function stageProblems(draft: Draft): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const parsed = LifecycleConfig.safeParse(draft);
  if (!parsed.success) for (const issue of humanIssues(parsed.error.issues, draft)) add(problems, issue.path.map(String).join('.'), issue.message);
  draft.stages.forEach((stage, index) => {
    if (stage !== '' && draft.stages.indexOf(stage) !== index) add(problems, `stages.${index}`, `Stage ${index + 1}: “${stage}” is already listed`);
  });
  const listed = new Set(draft.stages);
  draft.rules.forEach((rule, index) => {
    const { to, from } = rule as { to?: unknown; from?: unknown };
    if (typeof to === 'string' && to !== '' && !listed.has(to)) add(problems, `rules.${index}.to`, `Rule ${index + 1}: “${to}” is not one of the stages`);
    if (Array.isArray(from)) {
      for (const stage of from) if (typeof stage === 'string' && !listed.has(stage)) add(problems, `rules.${index}.from`, `Rule ${index + 1}: “${stage}” is not one of the stages`);
    }
  });
  return problems;
}

/** The fields an API refusal names (`rules[0].to` → `rules.0.to`), each with its message. */
export function apiStageProblems(error: unknown): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  if (!(error instanceof ApiError)) return problems;
  const issues = (error.body as { issues?: { path: string; message: string }[] } | null)?.issues ?? [];
  for (const issue of issues) add(problems, issue.path.replace(/\[(\d+)\]/g, '.$1'), issue.message);
  return problems;
}
