import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTemplate } from './render';
import { TEMPLATE_VARIABLES, templateVariablesMarkdown } from './templateVariables';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The README's list between its template-variables markers. */
function readmeSection(): string {
  const match = /<!-- template-variables:start[^>]*-->\n([\s\S]*?)\n<!-- template-variables:end -->/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no "template-variables" markers under "Template variables"');
  return match[1];
}

describe('template variables', () => {
  it('are listed in the README exactly as the data says (paste templateVariablesMarkdown() there when this fails)', () => {
    const section = readmeSection();
    for (const variable of TEMPLATE_VARIABLES) expect(section).toContain(`\`${variable.path}\``);
    expect(section).toBe(templateVariablesMarkdown());
    expect(readme.indexOf('### Template variables')).toBeLessThan(readme.indexOf('<!-- template-variables:start'));
  });

  it('each have a description and an example that parses', () => {
    expect(new Set(TEMPLATE_VARIABLES.map((variable) => variable.path)).size).toBe(TEMPLATE_VARIABLES.length);
    for (const variable of TEMPLATE_VARIABLES) {
      expect(variable.description).toMatch(/\.$/);
      expect(checkTemplate({ subject: variable.example, html: '', text: null })).toEqual({ ok: true });
    }
  });
});
