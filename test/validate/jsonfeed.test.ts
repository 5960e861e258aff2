// The JSON Feed validator against the spec-derived cases in test/fixtures/jsonfeed (each case's
// expected codes and paths are in manifest.json), plus the "never crashes" guarantees.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CODES } from '../../src/validate/codes.js';
import { MAX_MESSAGES, validateJsonFeed } from '../../src/validate/jsonfeed.js';
import type { Message } from '../../src/validate/report.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/jsonfeed');
interface Expectation {
  about: string;
  errors: [string, string][];
  warnings: [string, string][];
}
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, Expectation>;

/** A message as the manifest writes it: [code, path] or, for positioned messages, [code, "line:column"]. */
function where(m: Message): [string, string] {
  return [m.code, m.path ?? `${m.line}:${m.column}`];
}
const sorted = (list: [string, string][]) => [...list].sort((a, b) => (a.join(' ') < b.join(' ') ? -1 : 1));

function assertWellFormedMessages(result: { errors: Message[]; warnings: Message[] }): void {
  for (const [list, severity] of [[result.errors, 'error'], [result.warnings, 'warning']] as const) {
    for (const m of list) {
      const info = (CODES as Record<string, { severity: string }>)[m.code];
      assert.ok(info, `unregistered code ${m.code}`);
      assert.equal(info.severity, severity, `${m.code} listed as ${severity}`);
      assert.doesNotMatch(m.message, /\{\w+\}/, `unfilled placeholder in "${m.message}"`);
      // The report contract: JSON Feed findings carry a path and no line/column; only
      // document-level problems (syntax, BOM, root type) carry a position instead.
      if (m.path !== undefined) assert.deepEqual([m.line, m.column], [null, null]);
      else if (m.code !== 'MessagesTruncated') assert.ok(m.line !== null && m.column !== null, `${m.code} has neither path nor position`);
    }
  }
}

test('there are at least 60 JSON Feed cases, every file has an expectation', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'manifest.json').sort();
  assert.deepEqual(files, Object.keys(manifest).sort());
  assert.ok(files.length >= 60, `only ${files.length} cases`);
  const withErrors = files.filter((f) => manifest[f].errors.length > 0).length;
  assert.ok(withErrors >= 30 && files.length - withErrors >= 15, 'both valid and invalid cases');
});

for (const [file, expected] of Object.entries(manifest)) {
  test(`${file}: ${expected.about}`, () => {
    const result = validateJsonFeed(readFileSync(path.join(dir, file), 'utf8'));
    assert.deepEqual(sorted(result.errors.map(where)), sorted(expected.errors), 'errors');
    assert.deepEqual(sorted(result.warnings.map(where)), sorted(expected.warnings), 'warnings');
    assertWellFormedMessages(result);
  });
}

test('syntax errors say what is wrong, where', () => {
  const r = validateJsonFeed('{\n  "title": "T",\n  "items": [1, 2,]\n}');
  assert.equal(r.errors.length, 1);
  assert.deepEqual([r.errors[0].line, r.errors[0].column], [3, 18]);
  assert.match(r.errors[0].message, /trailing comma/);
  const crlf = validateJsonFeed('{\r\n"a": 1\r\n"b": 2}');
  assert.deepEqual([crlf.errors[0].line, crlf.errors[0].column], [3, 1]);
});

test('messages name the value and the reason', () => {
  const feed = JSON.parse(readFileSync(path.join(dir, 'date-feb-30.json'), 'utf8'));
  const [date] = validateJsonFeed(JSON.stringify(feed)).errors;
  assert.match(date.message, /2024-02-30T10:00:00Z/);
  assert.match(date.message, /February 2024 has no day 30/);
  const dup = validateJsonFeed(readFileSync(path.join(dir, 'id-duplicate.json'), 'utf8')).errors[0];
  assert.match(dup.message, /already used by items\[0\]\.id/);
});

test('a JSON nesting bomb is an error, not a stack overflow', () => {
  for (const bomb of ['['.repeat(1_000_000), '{"a":'.repeat(200_000), `{"items":${'['.repeat(100_000)}${']'.repeat(100_000)}}`]) {
    const r = validateJsonFeed(bomb);
    assert.equal(r.errors.length, 1);
    assert.equal(r.errors[0].code, 'JsonTooDeep');
    assert.equal(r.errors[0].line, 1);
  }
});

test('repeated keys and deep nesting are found in documents JSON.parse accepts', () => {
  const keys = (text: string) => validateJsonFeed(text).warnings.concat(validateJsonFeed(text).errors).filter((m) => m.code === 'JsonDuplicateKey').map((m) => m.path);
  // Written differently, the same key: JSON.parse keeps the last one silently.
  assert.deepEqual(keys('{"items":[],"title":"a","t\\u0069tle":"b"}'), ['title']);
  // Quotes and backslashes inside strings do not end them early or hide a key.
  assert.deepEqual(keys('{"items":[],"title":"say \\"title\\": \\\\","x\\\\":1,"title":"b"}'), ['title']);
  assert.deepEqual(keys('{"items":[],"title":"a \\\\\\"","summary":"\\"title\\"","_x":{"a":1,"a":2}}'), ['_x.a']);
  // The same key in sibling objects is fine; in an object with many keys it is still found.
  assert.deepEqual(keys('{"items":[{"id":"1"},{"id":"2"}],"title":"t"}'), []);
  const many = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',');
  assert.deepEqual(keys(`{"items":[],"_x":{${many},"k7":0}}`), ['_x.k7']);
  const deep = `{"items":[],"_x":${'['.repeat(300)}${']'.repeat(300)}}`;
  assert.equal(JSON.parse(deep)._x.length, 1);
  assert.deepEqual(validateJsonFeed(deep).errors.map((m) => m.code), ['JsonTooDeep']);
});

test('a feed with a million problems reports a bounded number of them', () => {
  const text = JSON.stringify({ items: Array.from({ length: 200_000 }, () => ({})) });
  const r = validateJsonFeed(text);
  assert.equal(r.errors.length, MAX_MESSAGES);
  const truncated = r.warnings.find((m) => m.code === 'MessagesTruncated');
  assert.ok(truncated, 'says that messages were left out');
  assert.ok(r.warnings.length <= MAX_MESSAGES + 1);
});

test('truncations and byte flips of a valid feed never throw and always report JSON problems with a position', () => {
  const valid = readFileSync(path.join(dir, 'valid-every-field-1.1.json'), 'utf8');
  let seed = 20240101;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const samples: string[] = [];
  for (let cut = 0; cut < valid.length; cut += 7) samples.push(valid.slice(0, cut));
  for (let n = 0; n < 400; n++) {
    const chars = [...valid];
    for (let k = 0; k < 1 + Math.floor(random() * 3); k++) chars[Math.floor(random() * chars.length)] = String.fromCharCode(Math.floor(random() * 0x10000));
    samples.push(chars.join(''));
  }
  for (const text of samples) {
    const r = validateJsonFeed(text);
    assert.ok(Array.isArray(r.errors) && Array.isArray(r.warnings));
    assertWellFormedMessages(r);
    let parses = true;
    try {
      JSON.parse(text.replace(/^\ufeff/, ''));
    } catch {
      parses = false;
    }
    if (!parses) assert.equal(r.errors[0]?.code, 'JsonSyntaxError', `no syntax error for ${JSON.stringify(text.slice(0, 60))}`);
  }
});
