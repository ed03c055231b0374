import { addTracking, type TrackingOptions } from './links';
import { plainTextOf } from './plainText';
import { preferencesUrl, withPreferenceFooter, withPreferenceFooterText } from './preferenceLinks';
import { renderFields, type MessageTemplate, type RenderFailure } from './render';
import { previewSurveyLinks, signSurveyLinks, surveyBlocksAsText } from './surveyLinks';

/** What to render: a template, the variables it sees, and (for a real send) the delivery's tracking. */
export interface RenderRequest {
  template: MessageTemplate;
  context: Record<string, unknown>;
  /** Null for previews and test sends: no tracked copy is made. */
  tracking: TrackingOptions | null;
}

/**
 * A rendered email. `html` and `text` are as the template made them, without tracking (what the run page and the
 * editor show); `text` is the template's own text, or else generated from the HTML. `tracked` is what is sent:
 * links through the click endpoint, the open pixel, and a text part generated from that HTML so its links are
 * tracked too.
 */
export type RenderedEmail = { ok: true; subject: string; html: string; text: string; tracked: { html: string; text: string } | null };

export type RenderResult = RenderedEmail | RenderFailure;

/** Renders the template and derives the text part and the tracked copy; runs on a render thread. */
export async function renderEmail(request: RenderRequest, budgetMs: number): Promise<RenderResult> {
  // A real send's templates see its signed preference link; previews and test sends have none.
  const preferences = request.tracking ? preferencesUrl(request.tracking) : null;
  const context = preferences ? { preferences_url: preferences, ...request.context } : request.context;
  const fields = await renderFields(request.template, context, budgetMs);
  if (!fields.ok) return fields;
  // Survey blocks ({% survey %}) are signed in the sent copy only; everywhere else their links are previews.
  const ownText = fields.text === null ? null : surveyBlocksAsText(fields.text);
  const html = previewSurveyLinks(fields.html);
  const text = ownText === null ? plainTextOf(html) : previewSurveyLinks(ownText);
  if (!request.tracking) return { ok: true, subject: fields.subject, html, text, tracked: null };
  const trackedHtml = withPreferenceFooter(signSurveyLinks(addTracking(fields.html, request.tracking), request.tracking), preferences ?? '');
  const trackedText = ownText === null ? plainTextOf(trackedHtml) : withPreferenceFooterText(signSurveyLinks(ownText, request.tracking), preferences ?? '');
  return { ok: true, subject: fields.subject, html, text, tracked: { html: trackedHtml, text: trackedText } };
}
