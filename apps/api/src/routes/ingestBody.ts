import { gunzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { parseJsonText } from '../body';
import { HttpError } from '../errors';
import { decodeMarkingInvalid } from '../utf8';

/** What the transport may carry before anything is decompressed (the real limits apply after). */
export const INGEST_TRANSPORT_BYTES = 4 * 1024 * 1024;

function tooLarge(limitBytes: number): HttpError {
  return new HttpError(400, 'payload_too_large', `the request body must be at most ${limitBytes / 1024} KB (after decompression)`);
}

/** The body's bytes with Content-Encoding undone (gzip or none); 400 beyond `limitBytes` once decompressed. */
export function decodedBody(bytes: Buffer, encoding: string | undefined, limitBytes: number): Buffer {
  const coding = (encoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') {
    if (bytes.length > limitBytes) throw tooLarge(limitBytes);
    return bytes;
  }
  if (coding !== 'gzip' && coding !== 'x-gzip') throw new HttpError(400, 'unsupported_encoding', `Content-Encoding \`${coding}\` is not supported; send gzip or nothing`);
  try {
    // Decompression stops one byte past the limit, so a small bomb cannot fill memory.
    const out = gunzipSync(bytes, { maxOutputLength: limitBytes + 1 });
    if (out.length > limitBytes) throw tooLarge(limitBytes);
    return out;
  } catch (error) {
    if (error instanceof HttpError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(limitBytes);
    throw new HttpError(400, 'invalid_gzip', `the body is not valid gzip: ${(error as Error).message}`);
  }
}

/**
 * The ingest request body as JSON: decompressed, size-checked, depth-checked, parsed. Invalid UTF-8 is kept
 * visible (not rewritten to U+FFFD) so checkMessage refuses the message that holds it and names the field.
 */
export async function readIngestJson(c: Context, limitBytes: number): Promise<unknown> {
  const bytes = Buffer.from(await c.req.arrayBuffer());
  return parseJsonText(decodeMarkingInvalid(decodedBody(bytes, c.req.header('content-encoding'), limitBytes)));
}
