const style = 'font-family:system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1f2937';

function page(body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Unsubscribe</title></head><body style="${style}">${body}</body></html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** Asks for a confirming click: link scanners GET every URL, and must not unsubscribe anyone. */
export function unsubscribePage(action: string): string {
  return page(
    `<h1>Unsubscribe</h1><p>Stop receiving these emails?</p><form method="post" action="${escapeAttribute(action)}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );
}

export function unsubscribedPage(): string {
  return page('<h1>You are unsubscribed</h1><p>You will not receive these emails any more.</p>');
}
