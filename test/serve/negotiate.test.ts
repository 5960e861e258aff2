import assert from 'node:assert/strict';
import { test } from 'node:test';
import { acceptedCodings, noneMatchHits, notModifiedSince } from '../../src/serve/negotiate.js';

test('Accept-Encoding: weights, refusals, wildcard and aliases pick the coding', () => {
  assert.deepEqual(acceptedCodings(undefined), []);
  assert.deepEqual(acceptedCodings(''), []);
  assert.deepEqual(acceptedCodings('gzip, deflate, br'), ['br', 'gzip']);
  assert.deepEqual(acceptedCodings('gzip;q=1.0, br;q=0.5'), ['gzip', 'br']);
  assert.deepEqual(acceptedCodings('br;q=0, gzip'), ['gzip']);
  assert.deepEqual(acceptedCodings('*'), ['br', 'gzip']);
  assert.deepEqual(acceptedCodings('*;q=0.1, gzip;q=0'), ['br']);
  assert.deepEqual(acceptedCodings('x-gzip'), ['gzip']);
  assert.deepEqual(acceptedCodings('identity'), []);
  assert.deepEqual(acceptedCodings('GZIP ; Q=0.8'), ['gzip']);
  assert.deepEqual(acceptedCodings('gzip;q=2'), [], 'an out-of-range weight counts as a refusal');
});

test('If-None-Match matches the tag in a list, with or without W/, or *', () => {
  assert.equal(noneMatchHits('"abc"', '"abc"'), true);
  assert.equal(noneMatchHits('"x", W/"abc"', '"abc"'), true);
  assert.equal(noneMatchHits('*', '"abc"'), true);
  assert.equal(noneMatchHits('"abc.gzip"', '"abc"'), false);
  assert.equal(noneMatchHits(undefined, '"abc"'), false);
});

test('If-Modified-Since compares whole seconds and ignores dates it cannot read', () => {
  const mtime = Date.parse('2024-01-01T10:00:00.700Z');
  assert.equal(notModifiedSince('Mon, 01 Jan 2024 10:00:00 GMT', mtime), true);
  assert.equal(notModifiedSince('Mon, 01 Jan 2024 09:59:59 GMT', mtime), false);
  assert.equal(notModifiedSince('yesterday', mtime), false);
  assert.equal(notModifiedSince(undefined, mtime), false);
});
