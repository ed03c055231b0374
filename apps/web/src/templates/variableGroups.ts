import type { CatalogueVariable } from '../api/templates';

/** A heading of the picker and its variables. */
export interface VariableGroup {
  key: string;
  title: string;
  variables: CatalogueVariable[];
  truncated: boolean;
}

// Headings in the order a template reads its data: who, why, what they got, then links.
const RANK: Record<CatalogueVariable['group'], number> = { customer: 0, trait: 0, event: 1, property: 2, offer: 3, link: 4 };

function titleOf(variable: CatalogueVariable): string {
  switch (variable.group) {
    case 'customer':
    case 'trait':
      return 'Customer';
    case 'event':
      return 'Event that started the run';
    case 'property':
      return `Properties of “${variable.eventName ?? ''}” events`;
    case 'offer':
      return 'Offers granted by the run';
    case 'link':
      return 'Links';
    default: {
      const never: never = variable.group;
      return never;
    }
  }
}

const matches = (variable: CatalogueVariable, words: string[]) => {
  const haystack = `${variable.label} ${variable.liquid} ${variable.eventName ?? ''} ${variable.description}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
};

/** The variables matching every word of `search`, grouped under headings in catalogue order, `limit` in all. */
export function variableGroups(variables: readonly CatalogueVariable[], search: string, limit: number): VariableGroup[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, VariableGroup & { rank: number }>();
  let left = limit;
  for (const variable of variables) {
    if (!matches(variable, words)) continue;
    const title = titleOf(variable);
    const group = groups.get(title) ?? { key: title, title, variables: [], truncated: false, rank: RANK[variable.group] };
    groups.set(title, group);
    if (left > 0) {
      group.variables.push(variable);
      left -= 1;
    } else group.truncated = true;
  }
  return [...groups.values()]
    .filter((group) => group.variables.length > 0 || group.truncated)
    .sort((a, b) => a.rank - b.rank)
    .map(({ rank: _rank, ...group }) => group);
}
