import { TEMPLATE_TAGS, TEMPLATE_VARIABLES } from '@lifecycle/messaging/templateVariables';

/** The Liquid variables a template can use: the same list as the README's "Template variables". */
export function TemplateVariablesHelp() {
  return (
    <details className="template-variables">
      <summary>Variables you can use</summary>
      <p className="hint">
        An unknown variable renders as empty. Placeholders in angle brackets stand for a trait, an event property or an offer name of
        your own.
      </p>
      <dl aria-label="Template variables">
        {TEMPLATE_VARIABLES.map((variable) => (
          <div key={variable.path}>
            <dt>
              <code>{variable.path}</code>
            </dt>
            <dd>
              {variable.description} <code>{variable.example}</code>
            </dd>
          </div>
        ))}
      </dl>
      <dl aria-label="Template tags">
        {TEMPLATE_TAGS.map((tag) => (
          <div key={tag.syntax}>
            <dt>
              <code>{tag.syntax}</code>
            </dt>
            <dd>
              {tag.description} <code>{tag.example}</code>
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
