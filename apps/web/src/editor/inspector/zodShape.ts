import { JourneyNode, type NodeType } from '@lifecycle/journey';
import type { z } from 'zod';

/** The parts of a zod 4 schema's definition the form reads. */
export type SchemaDef = {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  entries?: Record<string, string>;
  values?: unknown[];
  valueType?: z.ZodType;
};

export const defOf = (schema: z.ZodType): SchemaDef => schema.def;

/** Strips optional/default/nullable wrappers; says whether the field may be left out. */
export function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  for (;;) {
    const def = defOf(inner);
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType) {
      optional ||= def.type !== 'nullable';
      inner = def.innerType;
    } else return { inner, optional };
  }
}

/** The strict schema of one node type, read from the JourneyNode union (so new fields show up in the form). */
export function nodeSchemaOf(type: NodeType): Record<string, z.ZodType> {
  for (const option of defOf(JourneyNode).options ?? []) {
    const shape = defOf(option).shape;
    const literal = shape?.type ? defOf(shape.type).values?.[0] : undefined;
    if (shape && literal === type) return shape;
  }
  return {};
}

/** The option of a discriminated union whose discriminator equals `value`. */
export function unionOption(schema: z.ZodType, value: unknown): { shape: Record<string, z.ZodType>; discriminator: string; values: string[] } | null {
  const def = defOf(schema);
  if (def.type !== 'union' || !def.discriminator || !def.options) return null;
  const key = def.discriminator;
  const values = def.options.map((option) => String(defOf(defOf(option).shape?.[key] ?? option).values?.[0]));
  const index = Math.max(0, values.indexOf(String(value)));
  const chosen = def.options[index];
  return chosen ? { shape: defOf(chosen).shape ?? {}, discriminator: key, values } : null;
}

/** A starting value for a field of this schema (used when adding list items or switching a union's kind). */
export function defaultFor(schema: z.ZodType): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'default':
      return def.defaultValue;
    case 'optional':
      return undefined;
    case 'string':
      return '';
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'enum':
      return Object.values(def.entries ?? {})[0];
    case 'literal':
      return def.values?.[0];
    case 'array':
      return [];
    case 'record':
      return {};
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape ?? {}).flatMap(([key, field]) => {
          const value = defaultFor(field);
          return value === undefined ? [] : [[key, value]];
        }),
      );
    case 'union':
      return def.options?.[0] ? defaultFor(def.options[0]) : null;
    default:
      return undefined;
  }
}
