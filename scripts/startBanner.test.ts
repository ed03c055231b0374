import { describe, expect, it } from 'vitest';
import { bannerText, type BannerInfo } from './startBanner';

const info: BannerInfo = {
  appUrl: 'http://127.0.0.1:3000',
  temporalUiUrl: 'http://127.0.0.1:8233',
  temporalAddress: '127.0.0.1:7233',
  smtpUrl: 'smtp://127.0.0.1:1025',
  catcherUrl: 'http://127.0.0.1:1080',
  writeKey: 'wk_dev_0123456789',
  writeKeyOrigin: { kind: 'file', file: '.data/write-key' },
  setupLink: null,
};

const writeKeyLine = (text: string) => text.split('\n').find((line) => line.includes('Write key'));

describe('the start banner', () => {
  it('says the write key is saved in .data/write-key when start.sh made or read it there', () => {
    expect(writeKeyLine(bannerText(info))).toBe('  Write key    wk_dev_0123456789   (saved in .data/write-key)');
  });

  it('says the write key came from WRITE_KEY, and was not saved, when the environment gave it', () => {
    const line = writeKeyLine(bannerText({ ...info, writeKey: 'wk_mine_0123456789', writeKeyOrigin: { kind: 'environment' } }));
    expect(line).toBe('  Write key    wk_mine_0123456789   (from WRITE_KEY; not saved to a file)');
    expect(line).not.toContain('.data/write-key');
  });

  it('shows the first-admin setup link only while there is one', () => {
    const link = 'http://127.0.0.1:3000/#/setup/abc';
    expect(bannerText({ ...info, setupLink: link })).toContain(`Create the first admin (link valid 24 h): ${link}`);
    expect(bannerText(info)).not.toContain('Create the first admin');
  });
});
