import type { z } from 'zod';

/** Every field widget gets the schema it edits, the value (maybe missing) and a way to change it. */
export interface FieldProps {
  name: string;
  schema: z.ZodType;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Unique id prefix for labels (`node.field.sub`). */
  path: string;
}
