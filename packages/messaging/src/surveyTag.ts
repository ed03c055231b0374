import { evalToken, Tag, TypeGuards, type Context, type Liquid, type TagToken, type TopLevelToken, type ValueToken } from 'liquidjs';
import { DEFAULT_QUESTIONS, surveyBlockHtml } from './surveyBlock';
import { SurveyKind, SurveyName } from './surveyToken';

const MAX_QUESTION_LENGTH = 300;

function literal(token: ValueToken): string | undefined {
  return TypeGuards.isQuotedToken(token) ? token.content : undefined;
}

function checkKind(value: unknown): SurveyKind {
  const kind = SurveyKind.safeParse(value);
  if (!kind.success) throw new Error(`{% survey %}: the first argument is the kind, 'nps' or 'csat' (got ${JSON.stringify(value)})`);
  return kind.data;
}

function checkName(value: unknown): string {
  const name = SurveyName.safeParse(value);
  if (!name.success) throw new Error(`{% survey %}: the second argument is the survey's name, ${name.error.issues[0]?.message ?? 'a short name'}`);
  return name.data;
}

function checkQuestion(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value.slice(0, MAX_QUESTION_LENGTH);
  if (typeof value === 'number') return String(value);
  return null;
}

/**
 * `{% survey 'nps' 'q4-2026' %}` or `{% survey 'csat' 'onboarding' 'How was your setup?' %}`: the score links of an
 * NPS (0–10) or CSAT (1–5) survey. Arguments may be variables; quoted ones are checked when the template is saved.
 */
export class SurveyTag extends Tag {
  private readonly args: ValueToken[] = [];

  constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid) {
    super(token, remainTokens, liquid);
    while (!this.tokenizer.end()) {
      const value = this.tokenizer.readValue();
      if (!value) throw new Error(`{% survey %}: cannot read the arguments "${token.args}"`);
      this.args.push(value);
      this.tokenizer.skipBlank();
      if (this.tokenizer.peek() === ',') this.tokenizer.advance();
    }
    if (this.args.length < 2 || this.args.length > 3) throw new Error(`{% survey %} takes a kind, a survey name and optionally a question: {% survey 'nps' 'q4-2026' %}`);
    const [kind, name] = this.args.map(literal);
    if (kind !== undefined) checkKind(kind);
    if (name !== undefined) checkName(name);
  }

  *render(ctx: Context): Generator<unknown, string, unknown> {
    const values: unknown[] = [];
    for (const arg of this.args) values.push(yield evalToken(arg, ctx));
    const kind = checkKind(values[0]);
    return surveyBlockHtml(kind, checkName(values[1]), checkQuestion(values[2]) ?? DEFAULT_QUESTIONS[kind]);
  }
}
