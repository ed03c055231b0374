import { SURVEY_SCALES, type SurveyKind } from './surveyToken';

/** The question each kind asks unless the template gives its own. */
export const DEFAULT_QUESTIONS: Record<SurveyKind, string> = {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  csat: 'How satisfied are you with your experience?',
};

const SCALE_ENDS: Record<SurveyKind, [string, string]> = { nps: ['Not at all likely', 'Extremely likely'], csat: ['Very unsatisfied', 'Very satisfied'] };

// The block's score links point at a marker until the email is finished (surveyLinks.ts): the render thread holds
// no secret in the template's reach, and the same render makes both the signed copy that is sent and the copy
// that previews, test sends and the run page show, whose links record nothing.
export const SURVEY_MARKER_SCHEME = 'lifecycle-survey';
/** Wraps the block, so a template's own text part can turn it into plain text. */
export const BLOCK_START = '<!--lifecycle-survey-->';
export const BLOCK_END = '<!--/lifecycle-survey-->';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const font = 'font-family:Arial,Helvetica,sans-serif';
const link = `display:inline-block;min-width:28px;margin:2px;padding:6px 0;text-align:center;border:1px solid #cbd5e1;border-radius:4px;color:#1e3a8a;text-decoration:none;${font}`;
const caption = `margin:4px 0 0;font-size:12px;color:#64748b;${font}`;

/**
 * The email HTML of a survey: the question, one link per score, what the ends of the scale mean. Inline links
 * separated by spaces (not table cells), so the generated text part reads "0 (url) 1 (url) …".
 */
export function surveyBlockHtml(kind: SurveyKind, survey: string, question: string): string {
  const { min, max } = SURVEY_SCALES[kind];
  const scores = Array.from({ length: max - min + 1 }, (_, index) => min + index);
  const links = scores.map((score) => `<a href="${SURVEY_MARKER_SCHEME}:${kind}:${survey}:${score}" title="Score ${score}" style="${link}">${score}</a>`).join(' ');
  const [low, high] = SCALE_ENDS[kind];
  return (
    `${BLOCK_START}<div class="lifecycle-survey" style="margin:16px 0">` +
    `<p style="margin:0 0 8px;${font}">${escapeHtml(question)}</p>` +
    `<p style="margin:0">${links}</p>` +
    `<p style="${caption}">${min} = ${low}, ${max} = ${high}</p>` +
    `</div>${BLOCK_END}`
  );
}
