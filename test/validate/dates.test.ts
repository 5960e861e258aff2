// RSS (RFC 822/2822) and Atom (RFC 3339) dates: the common forms are read by hand, the rest by
// the grammar's regular expressions; both must give the same verdicts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkRfc822, isRfc3339 } from '../../src/validate/values.js';

const code = (value: string): string | null => checkRfc822(value)?.code ?? null;

test('RFC 2822 dates in the common form', () => {
  assert.equal(code('Thu, 26 Nov 2026 07:10:21 +0000'), null);
  assert.equal(code('Sun, 1 Mar 2026 00:00:00 -0500'), null);
  assert.equal(code('Thu, 29 Feb 2024 23:59:60 +1400'), null); // leap day, leap second
  assert.equal(code('Fri, 26 Nov 2026 07:10:21 +0000'), 'InvalidRFC822Date'); // wrong weekday
  assert.equal(code('Sat, 29 Feb 2025 12:00:00 +0000'), 'InvalidRFC822Date'); // no such day
  assert.equal(code('Thu, 26 Nov 2026 24:10:21 +0000'), 'InvalidRFC822Date');
  assert.equal(code('Thu, 26 Nov 2026 07:60:21 +0000'), 'InvalidRFC822Date');
  assert.equal(code('Thu, 26 Nov 2026 07:10:61 +0000'), 'InvalidRFC822Date');
  assert.equal(code('Thu, 26 Nov 2026 07:10:21 +0060'), 'InvalidRFC822Date');
  assert.equal(code('Thu, 32 Nov 2026 07:10:21 +0000'), 'InvalidRFC822Date');
  assert.equal(code('Sat, 26 Nov 1898 07:10:21 +0000'), 'ImplausibleDate');
  // Other forms go to the grammar: these differ from the common one by a character or two.
  assert.equal(code('Thu, 26 Nov 2026 07:10 +0000'), null);
  assert.equal(code('26 Nov 2026 07:10:21 GMT'), null);
  assert.equal(code('thu, 26 nov 2026 07:10:21 +0000'), 'ProblematicalRFC822Date');
  assert.equal(code('Thu, 26 Nov 2026 07:10:21 0000'), 'InvalidRFC822Date');
  assert.equal(code('Thu,  26 Nov 2026 07:10:21 +000'), 'InvalidRFC822Date');
  assert.equal(code('Thu, 26 Nov 2026 07:10:21 +00a0'), 'InvalidRFC822Date');
  assert.equal(code('Thu, ٢٦ Nov 2026 07:10:21 +0000'), 'InvalidRFC822Date'); // Arabic-Indic digits
  assert.equal(code('Xyz, 26 Nov 2026 07:10:21 +0000'), 'InvalidRFC822Date');
});

test('RFC 3339 dates in the common forms', () => {
  for (const ok of ['2026-11-26T07:10:21Z', '2024-02-29T23:59:60Z', '2026-11-26T07:10:21+01:00', '2026-11-26T07:10:21-23:59', '2026-11-26T07:10:21.5Z', '2026-11-26T07:10:21.123456+05:30']) {
    assert.equal(isRfc3339(ok), true, ok);
  }
  for (const bad of [
    '2025-02-29T12:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-26T24:00:00Z',
    '2026-11-26T07:10:21+24:00',
    '2026-11-26T07:10:21+01:60',
    '2026-11-26t07:10:21Z',
    '2026-11-26T07:10:21z',
    '2026-11-26 07:10:21Z',
    '2026-11-26T07:10:21+0100',
    '2026-11-26T07:10:21',
    '2026-11-26T07:10:21.Z',
    '2026-11-2٦T07:10:21Z',
    '2026-11-26T07:10:21Z ',
  ]) {
    assert.equal(isRfc3339(bad), false, bad);
  }
});
