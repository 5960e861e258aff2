import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IANAZone } from 'luxon';
import { isValidZone, parseConfig, ConfigError } from '../../src/publish/config.js';

test('time zones are checked as luxon checks them (canonical names, aliases, odd spellings, bad names)', () => {
  const names = [...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC', 'GMT', 'US/Eastern', 'Asia/Kolkata', 'america/new_york', 'Europe/Nowhere', 'Mars/Olympus', '', 'UTC+1'];
  for (const zone of names) assert.equal(isValidZone(zone), IANAZone.isValidZone(zone), zone);
});

test('an unknown time zone is reported by its path', () => {
  const site = { title: 'T', url: 'https://example.org/' };
  assert.throws(
    () => parseConfig({ site: { ...site, timezone: 'Europe/Nowhere' } }, '/x/wirefeed.config.json'),
    (err: unknown) => err instanceof ConfigError && err.problems.includes('site.timezone: unknown time zone "Europe/Nowhere"'),
  );
  assert.equal(parseConfig({ site: { ...site, timezone: 'US/Eastern' } }, '/x/wirefeed.config.json').site.timezone, 'US/Eastern');
});
