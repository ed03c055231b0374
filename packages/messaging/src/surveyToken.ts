import { z } from 'zod';
import { signClaim, verifyClaim } from './signedToken';

/** The two kinds of survey a template can ask, with the scores each accepts. */
export const SurveyKind = z.enum(['nps', 'csat']);
export type SurveyKind = z.infer<typeof SurveyKind>;

/** The lowest and highest score of each kind: NPS 0–10, CSAT 1–5. */
export const SURVEY_SCALES: Record<SurveyKind, { min: number; max: number }> = { nps: { min: 0, max: 10 }, csat: { min: 1, max: 5 } };

/** A survey's name as a template writes it (`q4-2026`, `onboarding`): short, and safe in a URL and a CSV. */
export const SurveyName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'a survey name of 1–64 letters, digits, `_`, `.` or `-`, starting with a letter or digit');

/** True when `score` is a whole number on the kind's scale. */
export function isSurveyScore(kind: SurveyKind, score: number): boolean {
  const { min, max } = SURVEY_SCALES[kind];
  return Number.isInteger(score) && score >= min && score <= max;
}

/** What a survey link stands for: this delivery's recipient gives `score` to `survey`. */
export const SurveyClaim = z
  .object({ survey: SurveyName, kind: SurveyKind, score: z.number().int(), deliveryId: z.string().min(1).max(200) })
  .refine((claim) => isSurveyScore(claim.kind, claim.score), { message: 'score is not on the scale of its kind', path: ['score'] });
export type SurveyClaim = z.infer<typeof SurveyClaim>;

// Its own domain in the MAC: a survey token is never a valid open/click/unsubscribe token, nor the reverse,
// although both are signed with the same tracking secret.
const DOMAIN = 'survey.';

/** `<base64url json>.<base64url hmac>`: readable, but the score, survey or delivery cannot be changed without the secret. */
export function signSurveyToken(secret: string, claim: SurveyClaim): string {
  return signClaim(secret, DOMAIN, SurveyClaim.parse(claim));
}

/** The claim, or null for a token that is malformed, tampered or signed with another secret. */
export function verifySurveyToken(secret: string, token: string): SurveyClaim | null {
  return verifyClaim(secret, DOMAIN, token, SurveyClaim);
}
