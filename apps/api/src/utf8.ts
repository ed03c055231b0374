import { formatPath, type Issue } from './errors';

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Stands in for each invalid byte of a body: a lone surrogate, which decoding valid UTF-8 never yields, so the
 * field that held the bad bytes can be found and named after JSON parsing (a lenient decoder's U+FFFD could not
 * be told apart from a real one, and two different ids would become one).
 */
const INVALID_BYTE = '\uDFFF';

/** The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  if (lead < 0x80) return 1;
  const [length, low, high] =
    lead >= 0xc2 && lead <= 0xdf ? [2, 0x80, 0xbf]
    : lead === 0xe0 ? [3, 0xa0, 0xbf]
    : lead === 0xed ? [3, 0x80, 0x9f]
    : lead >= 0xe1 && lead <= 0xef ? [3, 0x80, 0xbf]
    : lead === 0xf0 ? [4, 0x90, 0xbf]
    : lead === 0xf4 ? [4, 0x80, 0x8f]
    : lead >= 0xf1 && lead <= 0xf3 ? [4, 0x80, 0xbf]
    : [0, 0, 0];
  if (length === 0 || i + length > bytes.length) return 0;
  const second = bytes[i + 1] as number;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k] as number;
    if (next < 0x80 || next > 0xbf) return 0;
  }
  return length;
}

/** Body bytes as text; each invalid byte becomes a lone surrogate that `illFormedFields` later names. */
export function decodeMarkingInvalid(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    let text = '';
    let start = 0;
    for (let i = 0; i < bytes.length; ) {
      const length = sequenceLength(bytes, i);
      if (length > 0) {
        i += length;
        continue;
      }
      text += strict.decode(bytes.subarray(start, i)) + INVALID_BYTE;
      start = ++i;
    }
    return text + strict.decode(bytes.subarray(start));
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Cheap pre-check over JSON text: a lone surrogate, raw or as a `\uD8xx` escape. */
const MAYBE_ILL_FORMED = /[\uD800-\uDFFF]|\\u[dD][89a-fA-F]/;

export const ILL_FORMED_MESSAGE = 'must be valid UTF-8 text (it holds an invalid byte sequence or a lone surrogate)';

/** Every string (or object key) in a parsed JSON value that is not well-formed Unicode, as an issue naming its field. */
export function illFormedFields(value: unknown, prefix: readonly PropertyKey[] = []): Issue[] {
  if (!MAYBE_ILL_FORMED.test(JSON.stringify(value) ?? '')) return [];
  const issues: Issue[] = [];
  const visit = (node: unknown, path: readonly PropertyKey[]): void => {
    if (typeof node === 'string') {
      if (LONE_SURROGATE.test(node)) issues.push({ path: formatPath(path) || 'body', message: ILL_FORMED_MESSAGE });
    } else if (Array.isArray(node)) node.forEach((item, index) => visit(item, [...path, index]));
    else if (typeof node === 'object' && node !== null) {
      for (const [key, item] of Object.entries(node)) {
        if (LONE_SURROGATE.test(key)) issues.push({ path: formatPath(path) || 'body', message: `a key ${ILL_FORMED_MESSAGE}` });
        else visit(item, [...path, key]);
      }
    }
  };
  visit(value, prefix);
  return issues;
}
