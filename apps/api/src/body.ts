import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, invalidRequest } from './errors';
import { decodeMarkingInvalid, illFormedFields } from './utf8';

/** How deeply JSON may nest; deeper bodies are refused before they are parsed. */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in JSON text (strings skipped), without parsing it. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 92) i++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) deepest = Math.max(deepest, ++depth);
    else if (char === 125 || char === 93) depth--;
  }
  return deepest;
}

/**
 * Parses JSON text; 400 `too_deep` past MAX_JSON_DEPTH, 400 `invalid_json` when it is not JSON. No body at all reads as
 * `{}` (a POST that sends no fields); a body of only white space is no JSON and is refused like any other.
 */
export function parseJsonText(text: string): unknown {
  if (text === '') return {};
  if (jsonDepth(text) > MAX_JSON_DEPTH) throw new HttpError(400, 'too_deep', `JSON may nest at most ${MAX_JSON_DEPTH} levels deep`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${(error as Error).message}`);
  }
}

/** The request body as JSON (see parseJsonText); 400 naming each field that is not valid UTF-8. */
export async function readJson(c: Context): Promise<unknown> {
  const value = parseJsonText(decodeMarkingInvalid(new Uint8Array(await c.req.arrayBuffer())));
  const issues = illFormedFields(value);
  const first = issues[0];
  if (first) throw new HttpError(400, 'invalid_request', `${first.path}: ${first.message}`, { issues });
  return value;
}

/** A value parsed with a schema; 400 naming each bad field otherwise. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(parsed.error, [], value);
  return parsed.data;
}
