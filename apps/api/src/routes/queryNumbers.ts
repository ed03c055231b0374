import type { z } from 'zod';

/** The field's schema under its `.default()`, `.optional()` and `.nullable()` wrappers. */
function base(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'default' || def.type === 'optional' || def.type === 'nullable' || def.type === 'prefault') && def.innerType)
      current = def.innerType;
    else return current;
  }
}

/**
 * The query string as the route's schema should see it: an empty value of a number field (`?offset=`) becomes `NaN`,
 * which the schema rejects with a 400 naming the field. `z.coerce.number()` alone reads '' as 0 and answers as if a
 * number had been sent — a request the OpenAPI document calls invalid (its `integer`).
 */
export function emptyNumbersRejected(schema: z.ZodType, query: Record<string, string>): Record<string, string> {
  const shape = (schema._zod.def as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) return query;
  const seen = { ...query };
  for (const [key, value] of Object.entries(query)) {
    // Own fields only: `?__proto__=` would otherwise find Object.prototype as a field's schema.
    const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
    if (value.trim() === '' && field && base(field)._zod.def.type === 'number') seen[key] = 'NaN';
  }
  return seen;
}
