/** A small client for the platform's HTTP API: management calls with a bearer token, events with the write key. */
export type DemoApi = {
  url: string;
  call: <T>(method: string, path: string, body?: unknown) => Promise<{ status: number; data: T }>;
  batch: (messages: unknown[]) => Promise<void>;
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Sends, waiting out 429s (the ingest rate limit) with the server's Retry-After. */
async function send(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url, init);
    if (response.status !== 429 || attempt >= 30) return response;
    await sleep(Math.max(250, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
}

export function demoApi(url: string, token: string, writeKey: string): DemoApi {
  const basic = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
  return {
    url,
    async call<T>(method: string, path: string, body?: unknown) {
      const response = await send(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      const text = await response.text();
      const data = (text ? JSON.parse(text) : null) as T;
      return { status: response.status, data };
    },
    async batch(messages) {
      const response = await send(`${url}/v1/batch`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/json' }, body: JSON.stringify({ batch: messages }) });
      if (!response.ok) throw new Error(`POST /v1/batch answered ${response.status}: ${await response.text()}`);
    },
  };
}

/** Throws with the API's own message unless the status is one of `ok`. */
export function expectStatus<T>(answer: { status: number; data: T }, what: string, ok: number[] = [200, 201]): T {
  if (!ok.includes(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.data)}`);
  return answer.data;
}
