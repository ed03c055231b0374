import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, invalidRequest } from './errors';

/** The request body as JSON; 400 `invalid_json` when it is not. An empty body reads as `{}`. */
export async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The request body parsed with a schema; 400 naming each bad field otherwise. */
export async function parseBody<T extends z.ZodType>(c: Context, schema: T): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await readJson(c));
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}

/** Query parameters parsed with a schema; 400 naming each bad parameter otherwise. */
export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalidRequest(parsed.error);
  return parsed.data;
}
