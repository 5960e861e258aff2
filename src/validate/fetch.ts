// Fetching a feed to validate it from its URL, with undici. This is the one place the validator
// touches the network, and it is built to fail clearly rather than hang or exhaust memory:
// redirects are followed by hand (so the final URL is known and loops are counted), connecting
// and the whole exchange each have a deadline, compressed bodies are decoded as they stream, and
// the size limit counts decoded bytes so a small gzip bomb cannot grow past it.

import { STATUS_CODES } from 'node:http';
import { createRequire } from 'node:module';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { Code } from './codes.js';
import { makeMessage } from './message.js';
import type { FeedFormat, Message } from './report.js';

export interface FetchOptions {
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Time allowed to open the connection, TLS included, in ms (default 10 s). */
  connectTimeoutMs?: number;
  /** Time allowed for the whole exchange, redirects and body included, in ms (default 30 s). */
  timeoutMs?: number;
  /** Largest body accepted, in decoded bytes (default 50 MB). */
  maxBytes?: number;
}

export interface FetchedFeed {
  /** The decoded body; reading it throws FetchError on timeout, size limit or a broken stream. */
  body: AsyncIterable<Uint8Array>;
  contentType: string | null;
  finalUrl: string;
  status: number;
}

export const FETCH_DEFAULTS = {
  maxRedirects: 5,
  connectTimeoutMs: 10_000,
  timeoutMs: 30_000,
  maxBytes: 50 * 1024 * 1024,
} as const;

type FetchCode = Extract<Code, `Fetch${string}`>;

/** A URL could not be read. `message` is ready for users: it names the URL and the reason. */
export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    /** The registry code, e.g. FetchHttpError, for `--explain`. */
    readonly code: FetchCode,
    readonly url: string,
    params: Record<string, string | number> = {},
  ) {
    super(makeMessage(code, { url, ...params }).message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const ACCEPT =
  'application/feed+json, application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

export async function fetchFeed(url: string, opts: FetchOptions = {}): Promise<FetchedFeed> {
  const maxRedirects = opts.maxRedirects ?? FETCH_DEFAULTS.maxRedirects;
  const connectTimeoutMs = opts.connectTimeoutMs ?? FETCH_DEFAULTS.connectTimeoutMs;
  const timeoutMs = opts.timeoutMs ?? FETCH_DEFAULTS.timeoutMs;
  const maxBytes = opts.maxBytes ?? FETCH_DEFAULTS.maxBytes;

  let current = httpUrl(url, url);
  // Loaded on first use: validating files should not pay for loading the HTTP client (~130 ms).
  // (Through require, as luxon is: the bundle the launcher runs has no import() of its own.)
  const { Agent, request } = createRequire(import.meta.url)('undici') as typeof import('undici');
  // One agent per fetch: its sockets live exactly as long as this exchange.
  const agent = new Agent({ connect: { timeout: connectTimeoutMs }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
    agent.destroy().catch(() => {});
  }, timeoutMs);
  // The deadline must not keep a finished program alive.
  timer.unref();
  const finish = () => {
    clearTimeout(timer);
    agent.close().catch(() => {});
  };
  const fail = (err: unknown, at: string): FetchError =>
    err instanceof FetchError ? err : describeFailure(err, at, timedOut, { connectTimeoutMs, timeoutMs });

  try {
    for (let redirects = 0; ; redirects++) {
      let res;
      try {
        res = await request(current, {
          dispatcher: agent,
          method: 'GET',
          signal: controller.signal,
          headers: { accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br', 'user-agent': 'wirefeed-validator' },
        });
      } catch (err) {
        throw fail(err, current);
      }
      const status = res.statusCode;
      if (REDIRECTS.has(status)) {
        await res.body.dump().catch(() => {});
        const location = header(res.headers.location);
        if (!location) throw new FetchError('FetchBadResponse', current, { reason: `HTTP ${status} redirect without a Location header` });
        if (redirects >= maxRedirects) throw new FetchError('FetchTooManyRedirects', url, { max: maxRedirects });
        let next: string;
        try {
          next = new URL(location, current).href;
        } catch {
          throw new FetchError('FetchBadResponse', current, { reason: `HTTP ${status} redirect to an invalid URL "${location}"` });
        }
        current = httpUrl(next, current);
        continue;
      }
      if (status < 200 || status > 299) {
        await res.body.dump().catch(() => {});
        throw new FetchError('FetchHttpError', current, { status: `${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}` });
      }

      const encodings = contentEncodings(header(res.headers['content-encoding']));
      const declaredLength = Number(header(res.headers['content-length']));
      if (encodings.length === 0 && declaredLength > maxBytes) {
        discard(res.body);
        throw new FetchError('FetchTooLarge', current, { limit: formatBytes(maxBytes) });
      }
      // Errors reach the reader through the iterator; this listener only keeps one raised while
      // nobody is reading (the deadline passing before the first read) from crashing the process.
      res.body.on('error', () => {});
      const decoded = decode(res.body, encodings, current);
      const finalUrl = current;
      return {
        body: limitedBody(decoded, maxBytes, finalUrl, (err) => fail(err, finalUrl), finish),
        contentType: header(res.headers['content-type']) ?? null,
        finalUrl,
        status,
      };
    }
  } catch (err) {
    finish();
    throw fail(err, current);
  }
}

/** The URL as an absolute http(s) URL string, or a FetchError naming what is wrong with it. */
function httpUrl(value: string, from: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new FetchError('FetchBadUrl', value, { reason: 'not an absolute URL (write it with http:// or https://)' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    const reason = value === from ? `${parsed.protocol} URLs cannot be fetched; only http and https` : `redirected to ${value}, which is not http or https`;
    throw new FetchError('FetchBadUrl', value === from ? value : from, { reason });
  }
  return parsed.href;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Content-Encoding values in the order they were applied, identity left out. */
function contentEncodings(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
}

function decode(body: Readable, encodings: string[], url: string): Readable {
  // Undo the encodings last-applied first.
  const decoders = [...encodings].reverse().map((encoding) => {
    switch (encoding) {
      case 'gzip':
      case 'x-gzip':
        return createGunzip();
      case 'deflate':
        return new DeflateEitherWay();
      case 'br':
        return createBrotliDecompress();
      default:
        discard(body);
        throw new FetchError('FetchBadResponse', url, { reason: `unsupported Content-Encoding "${encoding}"` });
    }
  });
  if (decoders.length === 0) return body;
  // pipeline destroys every stage when one fails, so an error surfaces on the last one.
  return pipeline([body, ...decoders], () => {}) as unknown as Readable;
}

/**
 * HTTP "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; the first two
 * bytes tell them apart (a zlib header is a multiple of 31 with compression method 8).
 */
class DeflateEitherWay extends Transform {
  private inner: Transform | null = null;

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      const zlibHeader = chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      this.inner = zlibHeader ? createInflate() : createInflateRaw();
      this.inner.on('data', (data: Buffer) => this.push(data));
      this.inner.on('error', (err) => this.destroy(err));
    }
    this.inner.write(chunk, () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }
}

async function* limitedBody(
  source: Readable,
  maxBytes: number,
  url: string,
  fail: (err: unknown) => FetchError,
  finish: () => void,
): AsyncIterable<Uint8Array> {
  let total = 0;
  try {
    for await (const chunk of source) {
      const bytes = chunk as Uint8Array;
      total += bytes.byteLength;
      if (total > maxBytes) throw new FetchError('FetchTooLarge', url, { limit: formatBytes(maxBytes) });
      yield bytes;
    }
  } catch (err) {
    throw fail(err);
  } finally {
    // Also reached when the reader stops early: release the socket and the deadline.
    discard(source);
    finish();
  }
}

/** Drops a response body. A destroyed undici body emits an error; nobody may be left to hear it. */
function discard(body: Readable): void {
  body.on('error', () => {});
  body.destroy();
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** Turns what undici, node:net, node:tls or node:zlib threw into one FetchError a person can act on. */
function describeFailure(
  err: unknown,
  url: string,
  timedOut: boolean,
  limits: { connectTimeoutMs: number; timeoutMs: number },
): FetchError {
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (timedOut) return new FetchError('FetchTimeout', url, { reason: `no complete response within ${seconds(limits.timeoutMs)}` });
  const chain: Array<{ code?: unknown; message?: unknown }> = [];
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) chain.push(e);
  const codes = chain.map((e) => (typeof e.code === 'string' ? e.code : ''));
  const messages = chain.map((e) => (typeof e.message === 'string' ? e.message : '')).join(' / ');
  const has = (...wanted: string[]) => codes.some((c) => wanted.includes(c));
  let host = url;
  try {
    host = new URL(url).host;
  } catch {
    // keep the URL
  }

  if (has('UND_ERR_CONNECT_TIMEOUT')) return new FetchError('FetchTimeout', url, { reason: `could not connect to ${host} within ${seconds(limits.connectTimeoutMs)}` });
  if (has('UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT')) return new FetchError('FetchTimeout', url, { reason: `the server stopped responding for ${seconds(limits.timeoutMs)}` });
  if (has('ECONNREFUSED')) return new FetchError('FetchConnectionFailed', url, { reason: `connection refused by ${host}` });
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA')) {
    return new FetchError('FetchConnectionFailed', url, { reason: `the host name ${new URL(url).hostname} could not be resolved (DNS)` });
  }
  if (has('EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL')) return new FetchError('FetchConnectionFailed', url, { reason: `${host} is unreachable from here` });
  const tls = tlsReason(codes, messages);
  if (tls) return new FetchError('FetchTlsError', url, { reason: tls });
  if (codes.some((c) => c.startsWith('Z_')) || /incorrect header check|invalid (block type|distance|stored block)|unexpected end of file|Decompression failed/i.test(messages)) {
    return new FetchError('FetchBadResponse', url, { reason: 'the compressed body is corrupt or cut short' });
  }
  if (has('UND_ERR_RES_CONTENT_LENGTH_MISMATCH')) return new FetchError('FetchBadResponse', url, { reason: 'the body is shorter or longer than its Content-Length' });
  if (has('ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'ECONNABORTED')) {
    return new FetchError('FetchConnectionFailed', url, { reason: 'the server closed the connection before the response was complete' });
  }
  if (has('HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS') || codes.some((c) => c.startsWith('HPE_'))) {
    return new FetchError('FetchBadResponse', url, { reason: 'the server did not answer with valid HTTP' });
  }
  return new FetchError('FetchConnectionFailed', url, { reason: messages || String(err) });
}

function tlsReason(codes: string[], messages: string): string | null {
  const has = (c: string) => codes.includes(c);
  if (has('CERT_HAS_EXPIRED')) return 'the server certificate has expired';
  if (has('DEPTH_ZERO_SELF_SIGNED_CERT') || has('SELF_SIGNED_CERT_IN_CHAIN')) return 'the server certificate is self-signed (not issued by a trusted authority)';
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) return 'the server certificate is for a different host name';
  if (codes.some((c) => c.startsWith('UNABLE_TO_'))) return 'the server certificate chain cannot be verified';
  if (codes.some((c) => /^(ERR_SSL_|ERR_TLS_|ERR_OSSL_|CERT_)/.test(c)) || has('EPROTO') || /\b(SSL|TLS)\b|wrong version number|handshake/i.test(messages)) {
    return /wrong version number|packet length too long|http request/i.test(messages)
      ? 'the server does not speak TLS on this port (is the URL http rather than https?)'
      : messages;
  }
  return null;
}

const ACCEPTED_TYPES: Record<Exclude<FeedFormat, 'unknown'>, { name: string; expected: string; accepted: string[] }> = {
  rss: { name: 'RSS', expected: 'application/rss+xml', accepted: ['application/rss+xml', 'application/rdf+xml', 'application/xml', 'text/xml'] },
  atom: { name: 'Atom', expected: 'application/atom+xml', accepted: ['application/atom+xml', 'application/xml', 'text/xml'] },
  json: { name: 'JSON Feed', expected: 'application/feed+json', accepted: ['application/feed+json', 'application/json'] },
};

/** A warning when a feed of `format` was served with a Content-Type readers may not take for it. */
export function contentTypeWarning(format: FeedFormat, contentType: string | null): Message | null {
  if (format === 'unknown') return null;
  const rule = ACCEPTED_TYPES[format];
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === '') return makeMessage('MissingContentType', { format: rule.name, expected: rule.expected });
  if (rule.accepted.includes(mediaType)) return null;
  return makeMessage('UnexpectedContentType', { contentType: mediaType, format: rule.name, expected: rule.expected });
}
