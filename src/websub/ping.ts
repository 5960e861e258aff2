// WebSub publisher pings (W3C WebSub §4): after a publish changed a feed, tell each hub with one
// `hub.mode=publish&hub.url=<feed URL>` form POST per changed feed. A hub that is down or
// failing is retried with backoff, then logged and reported — never thrown: a hub's trouble
// must not fail the publish that already went live.
import { request } from 'undici';
import { isAbsoluteHttpUrl } from '../publish/config.js';

export interface PingOptions {
  /** Whole-attempt timeout (connect, headers, body), ms; default 10 000. */
  timeoutMs?: number;
  /** Retries after the first attempt; default 3. */
  retries?: number;
  /** First backoff delay, doubled at each retry; default 1 000 ms. */
  backoffMs?: number;
  log?: (line: string) => void;
}

export interface PingResult {
  hub: string;
  url: string;
  ok: boolean;
  /** Status of the last answer, when the hub answered at all. */
  status?: number;
  /** Why the last attempt failed. */
  error?: string;
}

const USER_AGENT = 'wirefeed (WebSub publisher)';

/** Pings every hub about every feed URL (both lists de-duplicated), all pairs concurrently. */
export async function pingHubs(hubs: string[], feedUrls: string[], opts: PingOptions = {}): Promise<PingResult[]> {
  const pairs = unique(hubs).flatMap((hub) => unique(feedUrls).map((url) => ({ hub, url })));
  return Promise.all(pairs.map(({ hub, url }) => pingOne(hub, url, opts)));
}

async function pingOne(hub: string, url: string, opts: PingOptions): Promise<PingResult> {
  const log = opts.log ?? (() => {});
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const retries = Math.max(0, opts.retries ?? 3);
  const backoffMs = opts.backoffMs ?? 1_000;
  if (!isAbsoluteHttpUrl(hub)) {
    log(`websub: ${hub}: not an http(s) URL, not pinged`);
    return { hub, url, ok: false, error: 'hub is not an http(s) URL' };
  }
  const body = new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString();
  let last: PingResult = { hub, url, ok: false };
  for (let attempt = 0; attempt <= retries; attempt++) {
    let retryable: boolean;
    try {
      const res = await request(hub, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': USER_AGENT },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body.dump().catch(() => {});
      const status = res.statusCode;
      if (status >= 200 && status < 300) {
        log(`websub: pinged ${hub} for ${url}: ${status}`);
        return { hub, url, ok: true, status };
      }
      last = { hub, url, ok: false, status, error: `hub answered ${status}` };
      // A hub that refuses the request itself won't change its mind; one that is busy or broken may.
      retryable = status >= 500 || status === 408 || status === 429;
    } catch (err) {
      last = { hub, url, ok: false, error: describe(err) };
      retryable = true;
    }
    if (!retryable || attempt === retries) break;
    const wait = backoffMs * 2 ** attempt;
    log(`websub: ${hub} for ${url}: ${last.error}; retry ${attempt + 1}/${retries} in ${wait} ms`);
    await new Promise((r) => setTimeout(r, wait));
  }
  log(`websub: gave up on ${hub} for ${url}: ${last.error}`);
  return last;
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return 'timed out';
    const code = (err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code;
    return code ? `${code}: ${err.message}` : err.message;
  }
  return String(err);
}

function unique(list: string[]): string[] {
  return [...new Set(list)];
}
