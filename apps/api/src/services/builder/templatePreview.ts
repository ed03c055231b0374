import type { Db } from '@lifecycle/db';
import { z } from 'zod';
import { assertTemplateParses, renderOffThread } from '../templateRender';
import { PreviewTarget, previewContext } from './previewContext';

/** POST /api/templates/preview: the template as being edited (unsaved), and whom to render it for. */
export const PreviewInput = z.intersection(
  z.object({
    template: z.object({ subject: z.string().max(998), html: z.string().max(512 * 1024), text: z.string().max(512 * 1024).nullish() }),
  }),
  PreviewTarget,
);
export type PreviewInput = z.infer<typeof PreviewInput>;

/** The rendered email; `text` is the template's own text part or the one generated from its HTML. */
export type PreviewResult = { ok: true; subject: string; html: string; text: string } | { ok: false; error: string };

/**
 * Renders with the same sandboxed Liquid the worker uses, on the render pool. A template that does not parse (or uses
 * a file tag) is a 400 naming the field, as saving it would be; a render that fails for this customer (an error on
 * their data, too slow) or an unknown customer comes back as `{ ok: false }`.
 */
export async function previewTemplate(db: Db, input: PreviewInput): Promise<PreviewResult> {
  const template = { subject: input.template.subject, html: input.template.html, text: input.template.text ?? null };
  assertTemplateParses(template);
  const context = await previewContext(db, input);
  if (!context) return { ok: false, error: `no customer with id ${'customerId' in input ? input.customerId : ''}` };
  const result = await renderOffThread({ template, context, tracking: null });
  return result.ok ? { ok: true, subject: result.subject, html: result.html, text: result.text } : { ok: false, error: result.error };
}
