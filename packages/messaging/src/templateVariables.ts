/** A Liquid variable an email template can use. */
export interface TemplateVariable {
  /** As written in a template; `<…>` stands for a name of your own (a trait, an event property, an offer). */
  path: string;
  /** What it holds, in a sentence. */
  description: string;
  /** A Liquid use of it. */
  example: string;
}

/**
 * Every variable a template sees when the worker sends it (see the worker's renderContext.ts). The one list the
 * README's "Template variables" section and the template editor's help panel are made from; tests hold both, and
 * the worker's context, to it.
 */
export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { path: 'customer.id', description: 'The customer’s id (the userId your product sends).', example: '{{ customer.id }}' },
  { path: 'customer.email', description: 'The customer’s email address.', example: '{{ customer.email }}' },
  { path: 'customer.lifecycle_stage', description: 'The customer’s lifecycle stage; empty when they have none.', example: '{% if customer.lifecycle_stage == "trial" %}…{% endif %}' },
  {
    path: 'customer.<trait>',
    description: 'Any trait, by name, as it is when the email is sent. id, email, lifecycle_stage and traits win over a trait of the same name.',
    example: '{{ customer.first_name | default: "there" }}',
  },
  { path: 'customer.traits.<trait>', description: 'Any trait, including one named like a field above.', example: '{{ customer.traits.plan }}' },
  { path: 'event.name', description: 'The name of the event that started this run.', example: '{{ event.name }}' },
  { path: 'event.timestamp', description: 'When that event happened (ISO 8601, UTC).', example: '{{ event.timestamp | date: "%B %-d" }}' },
  {
    path: 'event.<property>',
    description: 'A property of the event that started this run. name, properties and timestamp win over a property of the same name.',
    example: '{{ event.item }}',
  },
  { path: 'event.properties.<property>', description: 'Any property of that event.', example: '{{ event.properties.total }}' },
  { path: 'offer.code', description: 'The code of the latest offer this run granted; empty before any.', example: 'Your code: {{ offer.code }}' },
  { path: 'offer.name', description: 'The name of that offer.', example: '{{ offer.name }}' },
  { path: 'offer.expiresAt', description: 'When that code expires (ISO 8601); empty when it does not.', example: '{{ offer.expiresAt | date: "%B %-d" }}' },
  { path: 'offer.offerId', description: 'The id of that offer.', example: '{{ offer.offerId }}' },
  { path: 'offer.discount', description: 'That offer’s discount as people read it ("20%", "€10.00"); empty when it has none.', example: 'Save {{ offer.discount }}' },
  { path: 'offer.description', description: 'That offer’s description; empty when it has none.', example: '{{ offer.description }}' },
  {
    path: 'offers["<offer name>"].code',
    description: 'The code of the offer with that name that this run granted (also .name, .expiresAt, .offerId).',
    example: '{{ offers["Welcome 10%"].code }}',
  },
  { path: 'unsubscribe_url', description: 'This email’s one-click unsubscribe link (also sent in the List-Unsubscribe header).', example: '<a href="{{ unsubscribe_url }}">Unsubscribe</a>' },
  {
    path: 'preferences_url',
    description: 'This customer’s preference page (topics to opt in and out of, or everything); a footer link is added when the template shows none.',
    example: '<a href="{{ preferences_url }}">Email preferences</a>',
  },
];

/** The README's list of variables (between its template-variables markers), made from TEMPLATE_VARIABLES. */
export function templateVariablesMarkdown(): string {
  return TEMPLATE_VARIABLES.map((variable) => `- \`${variable.path}\`: ${variable.description} Example: \`${variable.example}\``).join('\n');
}

/** A Liquid tag of our own a template can use (besides Liquid's standard tags). */
export interface TemplateTag {
  /** As written in a template. */
  syntax: string;
  /** What it renders, in a sentence or two. */
  description: string;
  example: string;
}

/** The tags of our own: the template editor's help panel lists them under the variables. */
export const TEMPLATE_TAGS: readonly TemplateTag[] = [
  {
    syntax: "{% survey 'nps'|'csat' '<survey name>' ['<question>'] %}",
    description:
      'A survey block: the question and one link per score, 0–10 for NPS, 1–5 for CSAT, in the HTML and the text part. One click records the answer (a survey_answered event with survey, kind, score, deliveryId and journeyId, which can start a journey) and opens a thank-you page that takes a comment; a second click changes the answer. In previews and test sends the links record nothing.',
    example: "{% survey 'nps' 'q4-2026' %}",
  },
];
