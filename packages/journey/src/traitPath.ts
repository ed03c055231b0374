import { z } from 'zod';

/** What a valid trait path looks like, said in every error a bad one gets. */
export const TRAIT_PATH_RULE = 'a trait path is one or more keys of letters, digits, _ or - joined by dots (e.g. plan or address.city), at most 200 characters';

/**
 * A trait path a person types (`plan`, `address.city`): the one schema for every place such a path
 * reaches a JSON path in SQL (customer search, segment rules), so none of them can be handed path syntax.
 */
export const TraitPath = z
  .string()
  .min(1, TRAIT_PATH_RULE)
  .max(200, TRAIT_PATH_RULE)
  .regex(/^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*$/, TRAIT_PATH_RULE);
export type TraitPath = z.infer<typeof TraitPath>;
