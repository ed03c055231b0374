import { Liquid } from 'liquidjs';

/** What a template holds; `text` is optional (null: HTML only). */
export interface MessageTemplate {
  subject: string;
  html: string;
  text: string | null;
}

export type RenderResult =
  | { ok: true; subject: string; html: string; text: string | null }
  | { ok: false; error: string };

export type TemplateCheck = { ok: true } | { ok: false; field: 'subject' | 'html' | 'text'; message: string };

// Templates are written by marketers, not trusted code: cap parse size, render time and allocation so
// one bad loop cannot stall the worker, fail on unknown filters, and never reach prototype members.
const liquid = new Liquid({
  parseLimit: 1_000_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
  strictFilters: true,
  ownPropertyOnly: true,
});

const fields = ['subject', 'html', 'text'] as const;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Renders subject, HTML and text against `context`; a Liquid error or a hit limit comes back as a value. */
export async function renderMessage(template: MessageTemplate, context: Record<string, unknown>): Promise<RenderResult> {
  const rendered: Partial<Record<(typeof fields)[number], string>> = {};
  for (const field of fields) {
    const source = template[field];
    if (source === null) continue;
    try {
      rendered[field] = await liquid.parseAndRender(source, context);
    } catch (error) {
      return { ok: false, error: `${field}: ${describe(error)}` };
    }
  }
  return { ok: true, subject: (rendered.subject ?? '').trim(), html: rendered.html ?? '', text: rendered.text ?? null };
}

/** Parses each field without rendering, naming the first field that does not parse (for the template API). */
export function checkTemplate(template: MessageTemplate): TemplateCheck {
  for (const field of fields) {
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
