import { describe, expect, it } from 'vitest';
import { previewHtml } from './previewHtml';

describe('previewHtml', () => {
  it('drops the open pixel and keeps every other image and link', () => {
    const html = '<p>Hi <a href="https://x.test/t/c/abc">go</a></p><img src="https://x.test/logo.png" alt="logo"><img src="http://127.0.0.1:3000/t/o/eyJh.sig" width="1" height="1" alt="" style="display:none">';
    expect(previewHtml(html)).toBe('<p>Hi <a href="https://x.test/t/c/abc">go</a></p><img src="https://x.test/logo.png" alt="logo">');
  });
});
