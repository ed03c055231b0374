import type { z } from 'zod';
import { SchemaField } from './SchemaField';

const hidden = new Set(['type', 'position']);

/** One field per key of an object schema, in schema order. */
export function ObjectFields({ shape, value, path, onChange, skip = [] }: { shape: Record<string, z.ZodType>; value: Record<string, unknown>; path: string; onChange: (value: Record<string, unknown>) => void; skip?: string[] }) {
  return (
    <>
      {Object.entries(shape)
        .filter(([key]) => !hidden.has(key) && !skip.includes(key))
        .map(([key, schema]) => (
          <SchemaField
            key={key}
            name={key}
            schema={schema}
            value={value[key]}
            path={`${path}-${key}`}
            onChange={(next) => {
              const { [key]: _old, ...rest } = value;
              onChange(next === undefined ? rest : { ...rest, [key]: next });
            }}
          />
        ))}
    </>
  );
}
