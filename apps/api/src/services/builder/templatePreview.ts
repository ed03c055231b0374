import type { Db } from '@lifecycle/db';
import { renderMessage, type RenderResult } from '@lifecycle/messaging';
import { z } from 'zod';
import { PreviewTarget, previewContext } from './previewContext';

/** POST /api/templates/preview: the template as being edited (unsaved), and whom to render it for. */
export const PreviewInput = z.intersection(
  z.object({
    template: z.object({ subject: z.string().max(998), html: z.string().max(512 * 1024), text: z.string().max(512 * 1024).nullish() }),
  }),
  PreviewTarget,
);
export type PreviewInput = z.infer<typeof PreviewInput>;

/** Renders with the same sandboxed Liquid the worker uses; a Liquid error or an unknown customer comes back as `{ ok: false }`. */
export async function previewTemplate(db: Db, input: PreviewInput): Promise<RenderResult> {
  const context = previewContext(db, input);
  if (!context) return { ok: false, error: `no customer with id ${'customerId' in input ? input.customerId : ''}` };
  return renderMessage({ subject: input.template.subject, html: input.template.html, text: input.template.text ?? null }, context);
}
