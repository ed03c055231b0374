export type BannerInfo = {
  appUrl: string;
  temporalUiUrl: string | null;
  temporalAddress: string;
  smtpUrl: string;
  catcherUrl: string | null;
  writeKey: string;
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

/** Prints where everything is once the stack is healthy. */
export function printBanner(info: BannerInfo): void {
  const bold = (text: string) => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text);
  const mail = info.catcherUrl
    ? `${info.smtpUrl} (caught mail: ${info.appUrl}/api/outbox, raw: ${info.catcherUrl}/messages)`
    : `${info.smtpUrl} (your relay)`;
  const lines = [
    '',
    bold('Lifecycle is running'),
    `  App          ${info.appUrl}`,
    `  Temporal UI  ${info.temporalUiUrl ?? `(your cluster at ${info.temporalAddress})`}`,
    `  SMTP         ${mail}`,
    `  Write key    ${info.writeKey}   (saved in .data/write-key)`,
    ...(info.setupLink ? ['', bold(`  Create the first admin (link valid 24 h): ${info.setupLink}`)] : []),
    '',
    '  Send a first event (publish a journey triggered by `signed_up` first; see the README):',
    ...firstEventExample(info.appUrl, info.writeKey).map((command) => `    ${command}`),
    '',
    '  Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}
