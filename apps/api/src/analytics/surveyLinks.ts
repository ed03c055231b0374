import { MAX_SURVEY_COMMENT } from '@lifecycle/db';
import { SURVEY_SCALES } from '@lifecycle/messaging';
import { route } from '../routes/route';
import { TokenParams } from '../routes/params';
import { claimedAnswer, keptComment, recordSurveyAnswer, recordSurveyAnswerComment } from './surveys/surveyAnswers';
import { commentRefusedPage, commentSavedPage, thankYouPage } from './surveys/surveyPage';

const noCache = { 'cache-control': 'no-store, no-cache, must-revalidate, private', pragma: 'no-cache' };
const tag = 'tracking';

/** What a comment form posts: `comment=…` (URL-encoded), at most MAX_SURVEY_COMMENT characters after trimming. */
function commentOf(body: string): { ok: true; comment: string } | { ok: false; message: string } {
  const comment = (new URLSearchParams(body).get('comment') ?? '').trim();
  if (comment === '') return { ok: false, message: 'is empty' };
  if (comment.length > MAX_SURVEY_COMMENT) return { ok: false, message: `is ${comment.length} characters long; at most ${MAX_SURVEY_COMMENT} are kept` };
  return { ok: true, comment };
}

/** The survey links of emails (`{% survey %}`): one click answers, the thank-you page takes a comment. A bad token is a 404. */
export const surveyLinkRoutes = [
  route({
    method: 'GET', path: '/s/:token', role: 'public', tag, summary: 'Survey answer (signed score link): records the score, shows the thank-you page', params: TokenParams, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config, dispatcher } = c.var.deps;
      const { claim, delivery } = await claimedAnswer(db, config.trackingSecret, params.token);
      await recordSurveyAnswer(db, claim, delivery);
      dispatcher.kick();
      const { min, max } = SURVEY_SCALES[claim.kind];
      const page = thankYouPage({ action: c.req.path, score: claim.score, scale: `on a scale of ${min} to ${max}`, comment: await keptComment(db, claim, delivery), maxComment: MAX_SURVEY_COMMENT });
      return c.html(page, 200, noCache);
    },
  }),
  route({
    method: 'POST', path: '/s/:token', role: 'public', tag, summary: 'Survey comment (form post from the thank-you page)', params: TokenParams, bodyMode: 'raw', maxBodyBytes: 32 * 1024, ok: { status: 200, type: 'text/html' },
    handler: async (c, { params }) => {
      const { db, config } = c.var.deps;
      const { claim, delivery } = await claimedAnswer(db, config.trackingSecret, params.token);
      const parsed = commentOf(await c.req.text());
      if (!parsed.ok) return c.html(commentRefusedPage(parsed.message), 400, noCache);
      await recordSurveyAnswerComment(db, claim, delivery, parsed.comment);
      return c.html(commentSavedPage(parsed.comment), 200, noCache);
    },
  }),
];
