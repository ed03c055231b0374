import { createLiquid } from './liquidEngine';

/** What a template holds; `text` is optional (null: the text part is generated from the HTML). */
export interface MessageTemplate {
  subject: string;
  html: string;
  text: string | null;
}

export const TEMPLATE_FIELDS = ['subject', 'html', 'text'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

/** Why a render failed: a Liquid error, too long (`template_timeout`) or too much memory (`template_memory`). */
export type RenderFailureReason = 'render_error' | 'template_timeout' | 'template_memory';

/** A failed render; `error` starts with the field (`html: …`) when the field is known. */
export type RenderFailure = { ok: false; reason: RenderFailureReason; field: TemplateField | null; error: string };

/** The fields as Liquid rendered them; `text` is null when the template has none. */
export type RenderedFields = { ok: true; subject: string; html: string; text: string | null };

export type TemplateCheck = { ok: true } | { ok: false; field: TemplateField; message: string };

const liquid = createLiquid();

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** liquidjs reports its limits as errors; a JS engine out of room throws a RangeError. */
export function failureReason(error: unknown): RenderFailureReason {
  const message = describe(error);
  if (/render limit exceeded/.test(message)) return 'template_timeout';
  if (/memory (alloc )?limit exceeded|Invalid (string|array) length/.test(message)) return 'template_memory';
  return 'render_error';
}

/**
 * Renders subject, HTML and text against `context` within `budgetMs` (all fields together); a Liquid error or a
 * hit limit comes back as a value. Runs on a render thread (see renderPool.ts), never on a process's main thread.
 */
export async function renderFields(template: MessageTemplate, context: Record<string, unknown>, budgetMs: number): Promise<RenderedFields | RenderFailure> {
  const deadline = performance.now() + budgetMs;
  const rendered: Partial<Record<TemplateField, string>> = {};
  for (const field of TEMPLATE_FIELDS) {
    const source = template[field];
    if (source === null) continue;
    try {
      const renderLimit = Math.max(1, deadline - performance.now());
      rendered[field] = await liquid.parseAndRender(source, context, { renderLimit });
    } catch (error) {
      return { ok: false, reason: failureReason(error), field, error: `${field}: ${describe(error)}` };
    }
  }
  return { ok: true, subject: (rendered.subject ?? '').trim(), html: rendered.html ?? '', text: rendered.text ?? null };
}

/**
 * Parses each field without rendering, naming the first field that does not parse (for saving and previewing).
 * Parsing is linear in the template's size (capped), so it runs where it is called.
 */
export function checkTemplate(template: MessageTemplate): TemplateCheck {
  for (const field of TEMPLATE_FIELDS) {
    const source = template[field];
    if (source === null) continue;
    try {
      liquid.parse(source);
    } catch (error) {
      return { ok: false, field, message: describe(error) };
    }
  }
  return { ok: true };
}
