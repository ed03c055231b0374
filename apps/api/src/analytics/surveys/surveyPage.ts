// The pages a customer sees after clicking a score: plain server-rendered HTML with no script (the API's CSP allows
// none inline), inline styles only, every value they or a template wrote escaped.

const style = 'font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head><body style="${style}">${body}</body></html>`;
}

/** After a click: the answer recorded, and a form for an optional comment (posted back to the same signed link). */
export function thankYouPage(input: { action: string; score: number; scale: string; comment: string | null; maxComment: number }): string {
  return page(
    'Thank you',
    `<h1>Thank you!</h1><p>We recorded your answer: <strong data-testid="survey-score">${input.score}</strong> ${escapeHtml(input.scale)}. Clicked the wrong one? Click another score in the email: your latest answer counts.</p>` +
      `<form method="post" action="${escapeHtml(input.action)}"><label for="comment" style="display:block;margin:1rem 0 .5rem">Anything you would like to add? (optional)</label>` +
      `<textarea id="comment" name="comment" rows="5" maxlength="${input.maxComment}" style="width:100%;box-sizing:border-box;font:inherit">${escapeHtml(input.comment ?? '')}</textarea>` +
      `<p><button type="submit">Send comment</button></p></form>`,
  );
}

/** After the comment was saved. */
export function commentSavedPage(comment: string): string {
  return page('Thank you', `<h1>Thank you for your comment</h1><blockquote data-testid="survey-comment" style="white-space:pre-wrap">${escapeHtml(comment)}</blockquote>`);
}

/** A comment that cannot be kept (too long), naming the field. */
export function commentRefusedPage(message: string): string {
  return page('Comment not saved', `<h1>Your comment was not saved</h1><p>comment: ${escapeHtml(message)}</p><p>Go back to shorten it.</p>`);
}
