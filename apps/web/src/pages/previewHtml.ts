/** The open-tracking pixel the worker adds to every HTML email: an <img> whose src is the API's `/t/o/<token>` URL. */
const openPixel = /<img\b[^>]*\bsrc\s*=\s*["'][^"']*\/t\/o\/[^"']*["'][^>]*>/gi;

/**
 * A sent email's HTML for an in-app preview, without its open pixel: showing a message in the outbox or on a run page
 * must not count as the customer opening it (it did, marking every previewed email "opened" in the dashboard).
 */
export function previewHtml(html: string): string {
  return html.replace(openPixel, '');
}
