export * from './trackingToken';
export { checkTemplate, TEMPLATE_FIELDS, type MessageTemplate, type RenderFailure, type RenderFailureReason, type TemplateCheck, type TemplateField } from './render';
export type { RenderRequest, RenderResult, RenderedEmail } from './renderEmail';
export { createRenderPool, RenderPoolBusy, sharedRenderPool, type RenderPoolOptions, type TemplateRenderer } from './renderPool';
export { plainTextOf } from './plainText';
export * from './links';
export * from './mime';
export { TEMPLATE_VARIABLES, templateVariablesMarkdown, type TemplateVariable } from './templateVariables';
