// Serves the output folder over HTTP the way feed readers deserve: strong ETags and
// Last-Modified with 304s, precompressed gzip/br chosen by Accept-Encoding, Cache-Control,
// WebSub discovery Link headers and CORS on the feeds (preflights answered), single byte ranges
// for resumed downloads. Only GET and HEAD (and OPTIONS); nothing outside the folder, no hidden
// files, no listings. Every request opens the file anew, so the files of a
// publish's atomic swap are served at once; the open handle pins one version for the response.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants as fsc, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream';
import { isFeedType } from './content-type.js';
import { FileVersions } from './file-versions.js';
import { acceptedCodings, noneMatchHits, notModifiedSince } from './negotiate.js';
import { SIBLING_SUFFIX, type Coding } from './precompress.js';
import { ifRangeHolds, rangeOf } from './range.js';
import { parseRequestPath } from './request-path.js';

export interface ServeOptions {
  /** The folder to serve (the publish output). */
  outputDir: string;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; 0 (the default) picks any free port. */
  port?: number;
  /** Cache-Control max-age in seconds; default 300. */
  maxAge?: number;
  /** WebSub hubs announced in each feed's Link header. */
  hubs?: string[];
  /**
   * Public URL the files are published under (ends in `/`): the feeds' rel=self Link is this plus
   * the path, the same topic URL the feeds declare and hubs are pinged with. Default: the server's own URL.
   */
  selfBaseUrl?: string;
  /** Receives one access line per request: `METHOD PATH STATUS BYTES`. */
  log?: (line: string) => void;
}

export interface RunningServer {
  /** `http://host:port/` */
  url: string;
  close(): Promise<void>;
}

/** Limits that keep one slow or greedy client from holding the server. */
export const LIMITS = {
  maxHeaderSize: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  idleSocketTimeoutMs: 60_000,
};

const ALLOW = 'GET, HEAD, OPTIONS';

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const maxAge = opts.maxAge ?? 300;
  const log = opts.log ?? (() => {});
  const versions = new FileVersions();
  const root = path.resolve(opts.outputDir);
  let selfBase = opts.selfBaseUrl;
  // Serialised through URL so nothing in a hub's address can break the Link header.
  const hubs = (opts.hubs ?? []).flatMap((h) => (URL.canParse(h) ? [new URL(h).href] : []));

  const server = http.createServer(
    {
      maxHeaderSize: LIMITS.maxHeaderSize,
      headersTimeout: LIMITS.headersTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
    },
    (req, res) => {
      let sent = 0;
      res.on('close', () => log(`${req.method ?? '-'} ${printable(req.url ?? '-')} ${res.statusCode} ${sent}`));
      handle(req, res, (n) => (sent = n)).catch((err: unknown) => {
        if (!res.headersSent) plain(res, 500, 'internal error');
        else res.destroy(err as Error);
      });
    },
  );
  server.setTimeout(LIMITS.idleSocketTimeoutMs);

  // Node answers oversized headers and timeouts itself when no handler is set; with one, the
  // refusals get an access line too.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    log(`- - ${status} 0`);
    if (!(socket as { _httpMessage?: unknown })._httpMessage) {
      socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, setSent: (n: number) => void): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const method = req.method ?? '';
    if (method === 'OPTIONS') return options(req, res);
    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('Allow', ALLOW);
      return plain(res, 405, 'method not allowed', setSent);
    }
    const target = parseRequestPath(req.url ?? '');
    if (!target.ok) return plain(res, target.status, target.reason === 'hidden file' ? 'not found' : target.reason, setSent);

    const file = await locate(root, target.segments);
    if (!file) return plain(res, 404, 'not found', setSent);
    let fh: FileHandle | undefined = file.fh;
    try {
      let st = file.st;
      let realFile = file.real;
      if (st.isDirectory()) {
        // A folder is served by its index.html, never by a listing.
        const index = await openInside(root, path.join(realFile, 'index.html'));
        await fh.close();
        fh = index?.fh;
        if (!index || !index.st.isFile()) return plain(res, 404, 'not found', setSent);
        if (!target.trailingSlash) {
          res.setHeader('Location', urlPath(target.segments) + '/');
          return plain(res, 301, 'moved permanently', setSent);
        }
        st = index.st;
        realFile = index.real;
      } else if (!st.isFile() || target.trailingSlash) {
        return plain(res, 404, 'not found', setSent);
      }

      const facts = await versions.factsOf(realFile, st, fh!);
      const feed = isFeedType(facts.contentType);
      const chosen = await chooseCoding(realFile, st, facts.hash, header(req, 'accept-encoding'));
      const body = chosen ?? { coding: null, fh: fh!, size: st.size };
      if (chosen) await fh!.close();
      fh = body.fh;

      const etag = `"${facts.hash}${body.coding ? '.' + body.coding : ''}"`;
      res.setHeader('ETag', etag);
      res.setHeader('Last-Modified', new Date(st.mtimeMs).toUTCString());
      res.setHeader('Cache-Control', `public, max-age=${maxAge}`);
      res.setHeader('Vary', 'Accept-Encoding');
      if (feed) {
        // Relative to the base (not to its origin), so a base with a path keeps it.
        const self = new URL(urlPath(target.segments).slice(1), selfBase ?? baseUrl()).href;
        const links = [`<${self}>; rel="self"`, ...hubs.map((h) => `<${h}>; rel="hub"`)];
        res.setHeader('Link', links.join(', '));
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Expose-Headers', 'ETag, Link, Content-Range');
      } else if (facts.contentType.startsWith('text/html')) {
        // The page has inline CSS and images, and never scripts.
        res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; base-uri 'none'; form-action 'none'");
      }

      // RFC 9110 §13.2.2: If-Modified-Since is only looked at when If-None-Match is absent.
      const inm = req.headers['if-none-match'];
      const unchanged = inm !== undefined ? noneMatchHits(inm, etag) : notModifiedSince(req.headers['if-modified-since'], st.mtimeMs);
      if (unchanged) {
        res.statusCode = 304;
        res.end();
        return;
      }
      res.setHeader('Accept-Ranges', 'bytes');
      if (body.coding) res.setHeader('Content-Encoding', body.coding);
      // A range of the body being sent (the compressed one, if chosen: its ETag is its own), for
      // GET only, and only while If-Range still names this version.
      const range = method === 'GET' && ifRangeHolds(header(req, 'if-range'), etag, st.mtimeMs) ? rangeOf(header(req, 'range'), body.size) : { kind: 'whole' as const };
      if (range.kind === 'unsatisfiable') {
        res.setHeader('Content-Range', `bytes */${body.size}`);
        res.removeHeader('Content-Encoding');
        return plain(res, 416, 'range not satisfiable', setSent);
      }
      const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, body.size - 1];
      res.statusCode = range.kind === 'part' ? 206 : 200;
      if (range.kind === 'part') res.setHeader('Content-Range', `bytes ${start}-${end}/${body.size}`);
      res.setHeader('Content-Type', facts.contentType);
      res.setHeader('Content-Length', end - start + 1);
      if (method === 'HEAD' || body.size === 0) {
        res.end();
        return;
      }
      const stream = body.fh.createReadStream({ start, end, autoClose: true });
      fh = undefined; // the stream owns and closes the handle now
      setSent(end - start + 1);
      await new Promise<void>((resolve) => pipeline(stream, res, () => resolve()));
    } finally {
      await fh?.close().catch(() => {});
    }
  }

  /**
   * OPTIONS: what the server allows, for any target. A CORS preflight (a browser about to send a
   * conditional or ranged GET from another origin) is allowed: the feeds' own responses carry
   * Access-Control-Allow-Origin, other files' do not, so the preflight opens nothing else.
   */
  function options(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.setHeader('Allow', ALLOW);
    if (header(req, 'origin') !== undefined && header(req, 'access-control-request-method') !== undefined) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      // The headers asked for, when they are plain header names (If-None-Match, Range, …).
      const asked = header(req, 'access-control-request-headers')?.trim();
      if (asked && /^[A-Za-z0-9-]+(\s*,\s*[A-Za-z0-9-]+)*$/.test(asked)) res.setHeader('Access-Control-Allow-Headers', asked);
      res.setHeader('Access-Control-Max-Age', '86400');
    }
    res.setHeader('Content-Length', 0);
    res.statusCode = 204;
    res.end();
  }

  /**
   * The precompressed sibling to send, if the client accepts its coding, it holds this very
   * version of the file, and it is smaller. Otherwise null: the identity body is sent.
   */
  async function chooseCoding(realFile: string, st: Stats, hash: string, accept: string | undefined) {
    for (const coding of acceptedCodings(accept)) {
      const siblingPath = realFile + SIBLING_SUFFIX[coding];
      let sfh: FileHandle;
      try {
        // No symlink may stand in for a sibling: it could point anywhere.
        sfh = await open(siblingPath, fsc.O_RDONLY | fsc.O_NOFOLLOW);
      } catch {
        continue;
      }
      try {
        const sst = await sfh.stat();
        if (sst.isFile() && sst.size < st.size && (await versions.siblingHolds(siblingPath, sst, sfh, coding, hash, st.size))) {
          return { coding, fh: sfh, size: sst.size } as { coding: Coding; fh: FileHandle; size: number };
        }
      } catch {
        // fall through to the next coding
      }
      await sfh.close().catch(() => {});
    }
    return null;
  }

  function baseUrl(): string {
    const a = server.address() as AddressInfo;
    return `http://${urlHost(host, a.port)}/`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = baseUrl();
  if (selfBase !== undefined && !selfBase.endsWith('/')) selfBase += '/';

  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `host:port` for a URL; an unspecified address is shown as the loopback one a browser can open. */
function urlHost(host: string, port: number): string {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/**
 * Opens `root/segments…` if its real path (symlinks resolved) stays inside the real root and
 * passes through no hidden name. The root's real path is taken per request, so a publish that
 * swaps the folder by renaming a symlink is followed at once.
 */
async function locate(root: string, segments: string[]) {
  return openInside(root, path.join(root, ...segments));
}

async function openInside(root: string, candidate: string): Promise<{ fh: FileHandle; st: Stats; real: string } | null> {
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(root);
    real = await realpath(candidate);
  } catch {
    return null;
  }
  const rel = path.relative(realRoot, real);
  if (rel.startsWith('..') || path.isAbsolute(rel) || rel.split(path.sep).some((s) => s.startsWith('.'))) return null;
  try {
    const fh = await open(real, fsc.O_RDONLY);
    try {
      return { fh, st: await fh.stat(), real };
    } catch {
      await fh.close().catch(() => {});
      return null;
    }
  } catch {
    return null;
  }
}

/** A request header as one string (repeated ones joined), or undefined. */
function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** `/a/b%20c`: the checked segments, encoded again; never the raw target. */
function urlPath(segments: string[]): string {
  return '/' + segments.map(encodeURIComponent).join('/');
}

function plain(res: http.ServerResponse, status: number, text: string, setSent?: (n: number) => void): void {
  const body = Buffer.from(text + '\n', 'utf8');
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.setHeader('Cache-Control', 'no-store');
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  setSent?.(body.length);
  res.end(body);
}

/** A request target as it may appear in a log line: control characters escaped, length capped. */
function printable(s: string): string {
  const t = s.length > 300 ? s.slice(0, 300) + '…' : s;
  return t.replace(/[\u0000-\u0020\u007f]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0').toUpperCase()}`);
}
