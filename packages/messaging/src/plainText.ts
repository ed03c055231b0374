import { compile, type FormatCallback } from 'html-to-text';

// An image is its alt text in plain text (the open pixel has none, so it disappears); its URL would be noise.
const altText: FormatCallback = (elem, _walk, builder) => {
  const alt = (elem as { attribs?: Record<string, string> }).attribs?.alt;
  if (alt) builder.addInline(alt);
};

// html-to-text keeps the document's structure (paragraphs, lists, headings, tables) and every link as
// "text (url)"; compiled once, as its docs advise for converting many documents with the same options.
const convert = compile({
  wordwrap: 78,
  formatters: { altText },
  selectors: [
    { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
    { selector: 'img', format: 'altText' },
  ],
});

/** The plain-text part of an email whose HTML is `html`: its words, and each link as "text (url)". */
export function plainTextOf(html: string): string {
  return convert(html);
}
