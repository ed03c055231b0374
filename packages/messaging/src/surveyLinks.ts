import { plainTextOf } from './plainText';
import { BLOCK_END, BLOCK_START, SURVEY_MARKER_SCHEME } from './surveyBlock';
import { signSurveyToken, SurveyKind, type SurveyClaim } from './surveyToken';

/** Where survey links point and what signs them (the same as the delivery's tracking). */
export interface SurveyLinkOptions {
  publicUrl: string;
  secret: string;
  deliveryId: string;
}

const markerPattern = new RegExp(`${SURVEY_MARKER_SCHEME}:(nps|csat):([A-Za-z0-9][A-Za-z0-9_.-]{0,63}):(\\d{1,2})`, 'g');

/** The answer URL of one score (`/s/<token>`): opening it records the score for the delivery's customer. */
export function surveyAnswerUrl({ publicUrl, secret, deliveryId }: SurveyLinkOptions, answer: Omit<SurveyClaim, 'deliveryId'>): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${signSurveyToken(secret, { ...answer, deliveryId })}`;
}

function replaceMarkers(content: string, url: (answer: Omit<SurveyClaim, 'deliveryId'>) => string): string {
  return content.replace(markerPattern, (_whole, kind: string, survey: string, score: string) => url({ kind: SurveyKind.parse(kind), survey, score: Number(score) }));
}

/** The sent copy: every score link signed for this delivery. */
export function signSurveyLinks(content: string, options: SurveyLinkOptions): string {
  return replaceMarkers(content, (answer) => surveyAnswerUrl(options, answer));
}

/** Previews, test sends and the stored copy: links that say they are a preview and record nothing. */
export function previewSurveyLinks(content: string): string {
  return replaceMarkers(content, ({ kind, survey, score }) => `#survey-preview-${kind}-${survey}-${score}`);
}

/** True when the HTML holds a survey block (so the text part must show its links too). */
export function hasSurveyBlock(content: string): boolean {
  return content.includes(BLOCK_START);
}

/** A template's own text part: each survey block (HTML, from the tag) becomes its plain text. */
export function surveyBlocksAsText(text: string): string {
  let result = '';
  let rest = text;
  for (let start = rest.indexOf(BLOCK_START); start !== -1; start = rest.indexOf(BLOCK_START)) {
    const end = rest.indexOf(BLOCK_END, start);
    if (end === -1) break;
    result += rest.slice(0, start) + plainTextOf(rest.slice(start, end + BLOCK_END.length));
    rest = rest.slice(end + BLOCK_END.length);
  }
  return result + rest;
}
