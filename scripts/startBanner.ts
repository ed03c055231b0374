/** `environment`: WRITE_KEY was set; `file`: read from (or generated into) the named file. */
export type WriteKeyOrigin = { kind: 'environment' } | { kind: 'file'; file: string };

export type BannerInfo = {
  appUrl: string;
  temporalUiUrl: string | null;
  temporalAddress: string;
  smtpUrl: string;
  catcherUrl: string | null;
  writeKey: string;
  /** Where the write key came from: the WRITE_KEY variable (not written anywhere) or the file start.sh keeps it in. */
  writeKeyOrigin: WriteKeyOrigin;
  /** Set on the first start when no admin exists (and ADMIN_EMAIL/ADMIN_PASSWORD were not given). */
  setupLink: string | null;
};

function curl(appUrl: string, writeKey: string, path: string, body: object): string {
  return `curl -u '${writeKey}:' -H 'content-type: application/json' -d '${JSON.stringify(body)}' ${appUrl}${path}`;
}

/** The curls a new user pastes first: who the customer is (with an email address), then their `signed_up` event. */
export function firstEventExample(appUrl: string, writeKey: string): string[] {
  return [
    curl(appUrl, writeKey, '/v1/identify', { userId: 'user-1', traits: { email: 'ada@example.com', name: 'Ada', plan: 'free' } }),
    curl(appUrl, writeKey, '/v1/track', { userId: 'user-1', event: 'signed_up', properties: { source: 'readme' } }),
  ];
}

function writeKeyNote(origin: WriteKeyOrigin): string {
  switch (origin.kind) {
    case 'environment':
      return 'from WRITE_KEY; not saved to a file';
    case 'file':
      return `saved in ${origin.file}`;
    default:
      return origin satisfies never;
  }
}

/** The banner's text once the stack is healthy; `bold` marks what must not be missed (a no-op off a terminal). */
export function bannerText(info: BannerInfo, bold: (text: string) => string = (text) => text): string {
  const mail = info.catcherUrl
    ? `${info.smtpUrl} (caught mail: ${info.appUrl}/api/outbox, raw: ${info.catcherUrl}/messages)`
    : `${info.smtpUrl} (your relay)`;
  const lines = [
    '',
    bold('Lifecycle is running'),
    `  App          ${info.appUrl}`,
    `  Temporal UI  ${info.temporalUiUrl ?? `(your cluster at ${info.temporalAddress})`}`,
    `  SMTP         ${mail}`,
    `  Write key    ${info.writeKey}   (${writeKeyNote(info.writeKeyOrigin)})`,
    ...(info.setupLink ? ['', bold(`  Create the first admin (link valid 24 h): ${info.setupLink}`)] : []),
    '',
    '  Send a first event (publish a journey triggered by `signed_up` first; see the README):',
    ...firstEventExample(info.appUrl, info.writeKey).map((command) => `    ${command}`),
    '',
    '  Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}

/** Prints the banner, bold on a terminal. */
export function printBanner(info: BannerInfo): void {
  console.log(bannerText(info, (text) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)));
}
