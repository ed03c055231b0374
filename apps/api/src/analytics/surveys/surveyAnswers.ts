import { applyPendingAnalyticsOf, customerSurveyAnswer, getDelivery, recordSurveyComment, SURVEY_ANSWERED, type Db, type Delivery } from '@lifecycle/db';
import { verifySurveyToken, type SurveyClaim } from '@lifecycle/messaging';
import { randomUUID } from 'node:crypto';
import { HttpError } from '../../errors';
import { storeInternalEvent } from '../../services/ingest';

/** The answer a survey link stands for and the delivery it was sent in; 404 for a tampered, foreign or stale token. */
export async function claimedAnswer(db: Db, secret: string, token: string): Promise<{ claim: SurveyClaim; delivery: Delivery }> {
  const claim = verifySurveyToken(secret, token);
  const delivery = claim ? await getDelivery(db, claim.deliveryId) : undefined;
  if (!claim || !delivery) throw new HttpError(404, 'invalid_token', 'this survey link is not valid');
  return { claim, delivery };
}

/**
 * Records one click as a `survey_answered` event of the delivery's customer (stored, counted by the analytics hook,
 * dispatched to journeys like any event). Every click is its own event; the latest answer is the customer's answer.
 */
export async function recordSurveyAnswer(db: Db, claim: SurveyClaim, delivery: Delivery, comment: string | null = null): Promise<void> {
  await storeInternalEvent(db, {
    messageId: `${SURVEY_ANSWERED}:${delivery.id}:${claim.survey}:${randomUUID()}`,
    customerId: delivery.customerId,
    name: SURVEY_ANSWERED,
    properties: {
      survey: claim.survey,
      kind: claim.kind,
      score: claim.score,
      deliveryId: delivery.id,
      journeyId: delivery.journeyId,
      workflowId: delivery.workflowId,
      nodeId: delivery.nodeId,
      templateId: delivery.templateId,
      ...(comment === null ? {} : { comment }),
    },
  });
}

/**
 * Keeps the comment with the customer's current answer (answering first if they somehow have none). The click's answer
 * may still wait to be counted (analytics count after ingest): their queued events are counted first, so the comment
 * joins the answer just given rather than an older one, and no second answer is stored.
 */
export async function recordSurveyAnswerComment(db: Db, claim: SurveyClaim, delivery: Delivery, comment: string): Promise<void> {
  // One transaction: a click in another tab (or process) cannot land between counting and keeping the comment.
  await db.transaction(async () => {
    await applyPendingAnalyticsOf(db, delivery.customerId);
    if (!(await recordSurveyComment(db, delivery.customerId, claim.survey, comment))) await recordSurveyAnswer(db, claim, delivery, comment);
  });
}

/** The comment to show in the form: the one already kept, when the answer still has this score. */
export async function keptComment(db: Db, claim: SurveyClaim, delivery: Delivery): Promise<string | null> {
  await applyPendingAnalyticsOf(db, delivery.customerId);
  const answer = await customerSurveyAnswer(db, delivery.customerId, claim.survey);
  return answer && answer.score === claim.score ? answer.comment : null;
}
