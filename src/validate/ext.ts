// Extension vocabularies used by both RSS and Atom: Dublin Core, Syndication, Admin,
// blogChannel, Creative Commons, Slash, Well-Formed Web, Trackback, geo (W3C Basic Geo,
// GeoURL, ICBM, GeoRSS), Media RSS, iTunes, Atom threading (RFC 4685) and feed history
// (RFC 5005). Each context (channel or feed, item or entry) gets the elements its
// specification allows there, with their value rules.
import { COUNTRY_CODES } from './countries.js';
import { ITUNES_CATEGORIES, OLD_ITUNES_CATEGORIES } from './itunes-categories.js';
import {
  attrMime,
  attrUri,
  attrValue,
  decimal,
  fullUri,
  integer,
  language,
  latitude,
  leaf,
  leafWithAttrs,
  longitude,
  many,
  maxLength,
  nonNegativeDecimal,
  nonNegativeInteger,
  notBlank,
  once,
  oneOf,
  plainText,
  positiveInteger,
  requireAttrs,
  rfc3339,
  rfc822,
  strictBoolean,
  w3cdtf,
  w3cdtfTimestamp,
} from './rules.js';
import { ANY, attr, clip, NS, nsAttr, type AttrCheck, type Check, type ChildSpec, type Rule, renamed } from './tree.js';
import { checkRssEmail, checkUri, isDecimal, isLanguage, isMimeType, isNonNegativeInteger, isRfc3339, looksLikeHtml } from './values.js';

type Specs = Record<string, ChildSpec>;

const text = leaf();

// ── Dublin Core (elements 1.1 and terms) ─────────────────────────────────────

const DC_ONCE = ['title', 'description', 'type', 'format', 'source'];
const DC_MANY = ['creator', 'subject', 'publisher', 'contributor', 'identifier', 'relation', 'coverage'];

function dublinCore(dateOnce: boolean): Specs {
  const s: Specs = {};
  for (const n of DC_ONCE) s[`dc:${n}`] = once(text);
  for (const n of DC_MANY) s[`dc:${n}`] = many(text);
  s['dc:language'] = once(leaf(language));
  s['dc:rights'] = once(leaf(plainText));
  s['dc:date'] = dateOnce ? once(leaf(w3cdtfTimestamp)) : many(leaf(w3cdtfTimestamp));
  for (const n of ['created', 'issued', 'modified', 'available', 'dateAccepted', 'dateCopyrighted', 'dateSubmitted']) {
    s[`dcterms:${n}`] = once(leaf(w3cdtf));
  }
  return s;
}

// ── Geo ──────────────────────────────────────────────────────────────────────

const lat = leaf(latitude);
const long = leaf(longitude);

function coordList(min: number, even: boolean): Check {
  return (v, n, value) => {
    let s = value.trim();
    if (s.includes(',')) {
      v.at(n, 'CoordinateComma');
      s = s.replace(/\s*,\s*/g, ' ');
    }
    const parts = s.split(/\s+/).filter(Boolean);
    if (parts.length < min || (even && parts.length % 2 === 1) || !parts.every((p) => isDecimal(p))) {
      v.at(n, 'InvalidCoordinates', { value: clip(value) });
    }
  };
}

const point: Check = (v, n, value) => {
  const s = value.trim();
  if (!/^[-+]?\d+\.?\d*[ ,]\s*[-+]?\d+\.?\d*$/.test(s)) v.at(n, 'InvalidCoordinates', { value: clip(value) });
  else if (s.includes(',')) v.at(n, 'CoordinateComma');
};

const gmlSrs = { srsName: true, srsDimension: true } as const;
const gmlPoint: Rule = { content: 'elements', attrs: gmlSrs, children: { 'gml:pos': once(leaf(point)) } };
const gmlLine: Rule = { content: 'elements', attrs: gmlSrs, children: { 'gml:posList': once(leaf(coordList(4, true))) } };
const gmlRing: Rule = { content: 'elements', attrs: gmlSrs, children: { 'gml:posList': once(leaf(coordList(8, true))) } };
const gmlPolygon: Rule = {
  content: 'elements',
  attrs: gmlSrs,
  children: { 'gml:exterior': once({ content: 'elements', children: { 'gml:LinearRing': once(gmlRing) } }), 'gml:interior': many(ANY) },
};
const gmlEnvelope: Rule = {
  content: 'elements',
  attrs: gmlSrs,
  children: { 'gml:lowerCorner': once(leaf(point)), 'gml:upperCorner': once(leaf(point)) },
};

function geo(): Specs {
  return {
    'geo:lat': once(lat),
    'geo:long': once(long),
    'geo:alt': once(leaf(decimal)),
    'geo:Point': many({
      content: 'elements',
      children: { 'geo:lat': once(lat), 'geo:long': once(long), 'geo:alt': once(leaf(decimal)) },
      end: (v, n) => {
        if (!n.children.has('geo:lat')) v.at(n, 'MissingElement', { parent: 'geo:Point', element: 'geo:lat' });
        if (!n.children.has('geo:long')) v.at(n, 'MissingElement', { parent: 'geo:Point', element: 'geo:long' });
      },
    }),
    'geourl:latitude': once(lat),
    'geourl:longitude': once(long),
    'icbm:latitude': once(lat),
    'icbm:longitude': once(long),
    'georss:point': many(leaf(point)),
    'georss:line': many(leaf(coordList(4, true))),
    'georss:polygon': many(leaf(coordList(8, true))),
    'georss:box': many(leaf(coordList(4, true))),
    'georss:where': many({
      content: 'elements',
      children: { 'gml:Point': once(gmlPoint), 'gml:LineString': once(gmlLine), 'gml:Polygon': once(gmlPolygon), 'gml:Envelope': once(gmlEnvelope) },
    }),
    'georss:featureTypeTag': many(text),
    'georss:relationshipTag': many(text),
    'georss:featureName': many(text),
    'georss:elev': once(leaf(decimal)),
    'georss:floor': once(leaf(integer)),
    'georss:radius': once(leaf(nonNegativeDecimal)),
  };
}

// ── Media RSS 1.5 ────────────────────────────────────────────────────────────

const NPT = /^(?:now|\d+(?:\.\d+)?|\d+:\d\d:\d\d(?:\.\d+)?)$/;

const nptAttr: AttrCheck = (v, n, a) => {
  if (!NPT.test(a.value)) v.at(n, 'InvalidNPTTime', { attr: a.name, value: clip(a.value) });
};
const positiveAttr: AttrCheck = attrValue(positiveInteger);
const nonNegativeAttr: AttrCheck = attrValue(nonNegativeInteger);
const measureAttr: AttrCheck = attrValue(nonNegativeDecimal);
const langAttr: AttrCheck = (v, n, a) => {
  if (!isLanguage(a.value)) v.at(n, 'InvalidLanguage', { element: a.name, value: clip(a.value) });
};
const fullUriAttr = attrUri({ full: true });
const enumAttr =
  (values: string[]): AttrCheck =>
  (v, n, a) => {
    if (!values.includes(a.value)) v.at(n, 'InvalidEnumeration', { element: `${n.name} ${a.name}`, value: clip(a.value), allowed: values.join(', ') });
  };
const booleanAttr: AttrCheck = (v, n, a) => {
  if (a.value !== 'true' && a.value !== 'false') v.at(n, 'InvalidBoolean', { element: `${n.name} ${a.name}`, value: clip(a.value) });
};

const mediaTextType = enumAttr(['plain', 'html']);

/** media:title, media:description: plain text unless type="html". */
const mediaText: Rule = {
  content: 'text',
  attrs: { type: mediaTextType },
  end: (v, n, value) => {
    if (attr(n, 'type') === undefined && looksLikeHtml(value)) v.at(n, 'ContainsUndeclaredHTML');
  },
};

// EBU role codes (EBU Tech 3293, the default scheme of media:credit), in lower case.
const EBU_ROLES = new Set(
  (
    'actor|adaptor|anchor person|animal trainer|animator|announcer|armourer|art director|artist/performer|assistant camera|' +
    'assistant chief lighting technician|assistant director|assistant producer|assistant visual editor|author|broadcast assistant|' +
    'broadcast journalist|camera operator|carpenter|casting|causeur|chief lighting technician|choir|choreographer|clapper loader|' +
    'commentary or commentator|commissioning broadcaster|composer|computer programmer|conductor|consultant|continuity checker|' +
    'correspondent|costume designer|dancer|dialogue coach|director|director of photography|distribution company|draughtsman|dresser|' +
    'dubber|editor/producer|editor|ensemble|executive producer|expert|fight director|floor manager|focus puller|foley artist|' +
    'foley editor|foley mixer|graphic assistant|graphic designer|greensman|grip|hairdresser|illustrator|interviewed guest|' +
    'interviewer|key character|key grip|key talents|leadman|librettist|lighting director|lighting technician|location manager|' +
    'lyricist|make up artist|manufacturer|matte artist|music arranger|music group|musician|news reader|orchestra|participant|' +
    'photographer|post|producer|production assistant|production company|production department|production manager|' +
    'production secretary|programme production researcher|property manager|publishing company|puppeteer|pyrotechnician|reporter|' +
    'rigger|runner|scenario|scenic operative|script supervisor|second assistant camera|second assistant director|' +
    'second unit director|set designer|set dresser|sign language|singer|sound designer|sound mixer|sound recordist|' +
    'special effects|stunts|subtitles|technical director|term|translation|transportation manager|treatment/programme proposal|' +
    'vision mixer|visual editor|visual effects|wardrobe|witness|artist|performer|treatment|treatment proposal|programme proposal'
  ).split('|'),
);

const mediaCredit: Rule = {
  content: 'text',
  attrs: { role: true, scheme: true },
  start: (v, n) => {
    const scheme = attr(n, 'scheme') ?? 'urn:ebu';
    const role = attr(n, 'role');
    if (role !== undefined && ((scheme === 'urn:ebu' && !EBU_ROLES.has(role)) || role !== role.toLowerCase())) {
      v.at(n, 'InvalidCreditRole', { value: role });
    }
    if (scheme !== 'urn:ebu') v.finding(renamed(n, 'scheme'), checkUri(scheme, { full: true }), scheme);
  },
};

const RATINGS: Record<string, string[]> = {
  'urn:simple': ['adult', 'nonadult'],
  'urn:mpaa': ['g', 'm', 'nc-17', 'pg', 'pg-13', 'r', 'x'],
  'urn:v-chip': ['14+', '18+', 'c', 'c8', 'g', 'pg', 'tv-14', 'tv-g', 'tv-ma', 'tv-pg', 'tv-y', 'tv-y7', 'tv-y7-fv'],
};
const ICRA_CODE = '(?:[nsvlocx]z [01]|(?:n[a-c]|s[a-f]|v[a-j]|l[a-c]|o[a-h]|c[a-b]|x[a-e]) 1)';
const ICRA = new RegExp(`^r \\(${ICRA_CODE}(?: ${ICRA_CODE})*\\)$`);

const mediaRating: Rule = {
  content: 'text',
  attrs: { scheme: true },
  end: (v, n, value) => {
    const scheme = attr(n, 'scheme') ?? 'urn:simple';
    const list = RATINGS[scheme];
    if (list) {
      if (!list.includes(value)) v.at(n, 'InvalidMediaRating', { value: clip(value), scheme });
    } else if (scheme === 'urn:icra') {
      if (!ICRA.test(value)) v.at(n, 'InvalidMediaRating', { value: clip(value), scheme });
    } else {
      v.finding(renamed(n, 'scheme'), checkUri(scheme, { full: true }), scheme);
    }
  },
};

const mediaHash: Rule = {
  content: 'text',
  attrs: { algo: true },
  end: (v, n, value) => {
    const algo = attr(n, 'algo') ?? 'md5';
    if (algo !== 'md5' && algo !== 'sha-1') {
      v.at(n, 'InvalidMediaHash', { detail: `algorithm "${clip(algo)}" (md5 or sha-1)` });
      return;
    }
    const len = algo === 'md5' ? 32 : 40;
    if (!/^[0-9A-Fa-f]+$/.test(value) || value.length !== len) v.at(n, 'InvalidMediaHash', { detail: `${algo} digest` });
  },
};

const mediaRestriction: Rule = {
  content: 'text',
  attrs: { relationship: true, type: true },
  end: (v, n, value) => {
    const rel = attr(n, 'relationship');
    if (rel === undefined) v.at(n, 'MissingAttribute', { attr: 'relationship' });
    else if (rel !== 'allow' && rel !== 'deny') {
      v.at(n, 'InvalidEnumeration', { element: 'media:restriction relationship', value: clip(rel), allowed: 'allow, deny' });
    }
    const type = attr(n, 'type');
    if (type === undefined) {
      if (value !== '' && value !== 'all' && value !== 'none') {
        v.at(n, 'InvalidEnumeration', { value: clip(value), allowed: 'all, none (or a type attribute)' });
      }
    } else if (type === 'country') {
      for (const c of value.split(/\s+/).filter(Boolean)) {
        if (!COUNTRY_CODES.has(c.toUpperCase())) v.at(n, 'InvalidCountryCode', { value: clip(c) });
      }
    } else if (type === 'uri') {
      v.finding(n, checkUri(value, { full: true }), value);
    } else if (type !== 'sharing') {
      v.at(n, 'InvalidEnumeration', { element: 'media:restriction type', value: clip(type), allowed: 'country, uri, sharing' });
    }
  },
};

const mediaThumbnail: Rule = {
  content: 'text',
  attrs: { url: fullUriAttr, height: positiveAttr, width: positiveAttr, time: nptAttr },
  start: (v, n) => requireAttrs(v, n, 'url'),
};

const mediaPlayer: Rule = {
  content: 'text',
  attrs: { url: fullUriAttr, height: positiveAttr, width: positiveAttr },
  start: (v, n) => requireAttrs(v, n, 'url'),
};

const mediaTextTrack: Rule = {
  content: 'text',
  attrs: { type: mediaTextType, lang: langAttr, start: nptAttr, end: nptAttr },
  end: (v, n, value) => {
    if (attr(n, 'type') !== 'html' && looksLikeHtml(value)) v.at(n, 'ContainsUndeclaredHTML');
  },
};

/** The optional elements allowed in item, media:group and media:content (and channel). */
function mediaOptional(): Specs {
  return {
    'media:rating': many(mediaRating),
    'media:title': once(mediaText),
    'media:description': once(mediaText),
    'media:keywords': once(text),
    'media:thumbnail': many(mediaThumbnail),
    'media:category': many(leafWithAttrs({ scheme: fullUriAttr, label: true })),
    'media:hash': many(mediaHash),
    'media:player': once(mediaPlayer),
    'media:credit': many(mediaCredit),
    'media:copyright': once(leafWithAttrs({ url: fullUriAttr }, plainText)),
    'media:text': many(mediaTextTrack),
    'media:restriction': many(mediaRestriction),
    'media:community': once(ANY),
    'media:comments': once(ANY),
    'media:embed': many(ANY),
    'media:responses': once(ANY),
    'media:backLinks': once(ANY),
    'media:status': once(ANY),
    'media:price': many(ANY),
    'media:license': many(ANY),
    'media:subTitle': many(ANY),
    'media:peerLink': many(ANY),
    'media:location': many(ANY),
    'media:rights': once(ANY),
    'media:scenes': once(ANY),
    'media:adult': once({ content: 'text', start: (v, n) => v.at(n, 'DeprecatedMediaAdult'), end: (v, n, value) => strictBooleanCheck(v, n, value) }),
  };
}

function strictBooleanCheck(v: Parameters<Check>[0], n: Parameters<Check>[1], value: string): void {
  if (value !== 'true' && value !== 'false') v.at(n, 'InvalidBoolean', { value: clip(value) });
}

const mediaContent: Rule = {
  content: 'elements',
  attrs: {
    url: fullUriAttr,
    fileSize: positiveAttr,
    type: attrMime,
    medium: enumAttr(['image', 'audio', 'video', 'document', 'executable']),
    isDefault: booleanAttr,
    expression: enumAttr(['sample', 'full', 'nonstop']),
    bitrate: measureAttr,
    framerate: measureAttr,
    samplingrate: measureAttr,
    channels: nonNegativeAttr,
    duration: measureAttr,
    height: positiveAttr,
    width: positiveAttr,
    lang: langAttr,
  },
  children: (_v, _n, key) => mediaContentChildren[key] ?? dcAnywhere[key],
};
const mediaContentChildren = mediaOptional();
const dcAnywhere = dublinCore(false);

const mediaGroup: Rule = {
  content: 'elements',
  children: (_v, _n, key) => (key === 'media:content' ? many(mediaContent) : mediaGroupChildren[key]),
  end: (v, n) => {
    if ((n.children.get('media:content') ?? 0) < 2) v.at(n, 'MediaGroupWithoutAlternatives');
  },
};
const mediaGroupChildren = mediaOptional();

// ── iTunes ───────────────────────────────────────────────────────────────────

const itunesCategory = (sub: boolean, parentText?: string): Rule => ({
  content: 'elements',
  attrs: { text: true },
  start: (v, n) => {
    const t = attr(n, 'text');
    n.data.text = t;
    if (t === undefined) {
      v.at(n, 'MissingAttribute', { attr: 'text' });
      return;
    }
    const current = sub ? (ITUNES_CATEGORIES[parentText ?? ''] ?? []) : Object.keys(ITUNES_CATEGORIES);
    const old = sub ? (OLD_ITUNES_CATEGORIES[parentText ?? ''] ?? []) : Object.keys(OLD_ITUNES_CATEGORIES);
    if (current.includes(t)) return;
    if (old.includes(t)) v.at(n, 'ObsoleteItunesCategory', { value: t });
    else v.at(n, 'InvalidItunesCategory', { value: clip(t) });
  },
  children: (_v, n, key) =>
    key === 'itunes:category' && !sub ? many(itunesCategory(true, n.data.text as string | undefined)) : undefined,
});

const itunesImage: Rule = {
  content: 'text',
  attrs: { href: true },
  start: (v, n) => {
    const href = attr(n, 'href');
    if (href === undefined) v.at(n, 'MissingAttribute', { attr: 'href' });
    else if (!/^https?:\/\/[^/\s]+/i.test(href)) v.at(n, 'InvalidFullURI', { element: 'itunes:image href', value: clip(href) });
    else v.finding(renamed(n, 'itunes:image href'), checkUri(href, { full: true }), href);
  },
};

const itunesEmail: Check = (v, n, value) => {
  const f = checkRssEmail(value);
  if (f && f.code === 'InvalidEmail') v.at(n, 'InvalidEmail', { value: clip(value) });
};

const itunesKeywords: Check = (v, n, value) => {
  if (value.includes(' ') && !value.includes(',')) v.at(n, 'InvalidKeywords');
};

const yesNoClean: Rule = {
  content: 'text',
  raw: true,
  end: (v, n, raw) => {
    if (!['yes', 'no', 'clean'].includes(raw.toLowerCase())) v.at(n, 'InvalidEnumeration', { value: clip(raw), allowed: 'yes, no, clean' });
  },
};

const explicit: Rule = {
  content: 'text',
  raw: true,
  end: (v, n, raw) => {
    if (!['true', 'false', 'yes', 'no', 'clean', 'explicit'].includes(raw.toLowerCase()) || raw !== raw.trim()) {
      v.at(n, 'InvalidBoolean', { value: clip(raw) });
    }
  },
};

function itunesCommon(): Specs {
  return {
    'itunes:author': once(leaf(maxLength(255), plainText)),
    'itunes:block': once(yesNoClean),
    'itunes:explicit': once(explicit),
    'itunes:keywords': once(leaf(maxLength(255), itunesKeywords)),
    'itunes:subtitle': once(leaf(maxLength(255), plainText)),
    'itunes:summary': once(leaf(maxLength(4000))),
    'itunes:image': once(itunesImage),
    'itunes:title': once(text),
  };
}

function itunesChannel(): Specs {
  return {
    ...itunesCommon(),
    'itunes:owner': once({
      content: 'elements',
      children: { 'itunes:email': once(leaf(itunesEmail)), 'itunes:name': once(leaf(maxLength(255))) },
      end: (v, n) => {
        if (!n.children.has('itunes:email')) v.at(n, 'MissingElement', { parent: 'itunes:owner', element: 'itunes:email' });
      },
    }),
    'itunes:category': many(itunesCategory(false)),
    'itunes:new-feed-url': once(leaf(fullUri)),
    'itunes:type': once(leaf(oneOf(['episodic', 'serial']))),
    'itunes:complete': once(leaf(oneOf(['yes', 'no'], 'InvalidEnumeration', true))),
    'itunes:pubDate': once(leaf(rfc822)),
    'itunes:applepodcastsverify': once(text),
  };
}

function itunesItem(): Specs {
  return {
    ...itunesCommon(),
    'itunes:duration': once(leaf(duration)),
    'itunes:episode': once(leaf(positiveInteger)),
    'itunes:season': once(leaf(positiveInteger)),
    'itunes:episodeType': once(leaf(oneOf(['full', 'trailer', 'bonus']))),
    'itunes:isClosedCaptioned': once(leaf(oneOf(['yes', 'no'], 'InvalidEnumeration', true))),
    'itunes:order': once(leaf(positiveInteger)),
  };
}

/** Apple's podcast spec: whole seconds, or H:MM:SS / MM:SS with two-digit minutes and seconds
 *  after the first field ("7:04" is seven minutes; "7:4", "1:2:3" and "61.5" are not durations). */
function duration(v: Parameters<Check>[0], n: Parameters<Check>[1], value: string): void {
  if (!/^\d+(?::[0-5]\d){0,2}$/.test(value)) v.at(n, 'InvalidEnumeration', { value: clip(value), allowed: 'seconds, mm:ss or hh:mm:ss' });
}

// ── Small modules ────────────────────────────────────────────────────────────

/** admin:generatorAgent and admin:errorReportsTo name their resource by a full URI: an RSS 2.0
 *  channel has no base against which "MovableType2.21" could be resolved. */
const rdfResource: Rule = {
  content: 'text',
  attrs: { "rdf:resource": true },
  end: (v, n) => {
    const r = nsAttr(n, NS.rdf, 'resource');
    if (r !== undefined) v.finding(n, checkUri(r, { full: true }), r);
  },
};

function syndication(): Specs {
  return {
    'sy:updatePeriod': once(leaf(oneOf(['hourly', 'daily', 'weekly', 'monthly', 'yearly']))),
    'sy:updateFrequency': once(leaf(positiveInteger)),
    'sy:updateBase': once(leaf(w3cdtf)),
  };
}

const commaIntegers: Check = (v, n, value) => {
  if (!/^\d+(?:,\s*\d+)*$/.test(value)) v.at(n, 'InvalidInteger', { value: clip(value) });
};

const commentRSS: Rule = {
  content: 'text',
  end: (v, n, value) => {
    fullUri(v, n, value);
  },
};

// ── Atom threading (RFC 4685) and feed history (RFC 5005) ────────────────────

const inReplyTo: Rule = {
  content: 'any',
  attrs: { ref: true, href: true, type: true, source: true },
  start: (v, n) => {
    const ref = attr(n, 'ref');
    if (ref === undefined) v.at(n, 'MissingAttribute', { attr: 'ref' });
    else v.finding(renamed(n, 'ref'), checkUri(ref, { full: true, iri: true }), ref);
    for (const a of ['href', 'source']) {
      const val = attr(n, a);
      if (val !== undefined) v.finding(renamed(n, a), checkUri(val, { iri: true }), val);
    }
    const type = attr(n, 'type');
    if (type !== undefined && !isMimeType(type)) v.at(n, 'InvalidMIMEType', { attr: 'type', value: clip(type) });
  },
};

/** Checks on the threading attributes of an atom:link (RFC 4685 §4). */
export function threadingLinkAttrs(): Record<string, AttrCheck> {
  return {
    'thr:count': (v, n, a) => {
      if (attr(n, 'rel') !== 'replies') v.at(n, 'UnexpectedAttribute', { attr: a.name });
      if (!isNonNegativeInteger(a.value)) v.at(n, 'InvalidInteger', { element: a.name, value: clip(a.value) });
    },
    'thr:updated': (v, n, a) => {
      if (attr(n, 'rel') !== 'replies') v.at(n, 'UnexpectedAttribute', { attr: a.name });
      if (!isRfc3339(a.value)) v.at(n, 'InvalidRFC3339Date', { element: a.name, value: clip(a.value) });
    },
    'thr:when': (v, n) => v.at(n, 'ObsoleteThreadingWhen'),
  };
}

const emptyMarker: Rule = { content: 'text' };

// ── Contexts ─────────────────────────────────────────────────────────────────

/** Extensions at channel (RSS) or feed (Atom) level. */
export function feedLevelExtensions(): Specs {
  const s: Specs = {
    ...dublinCore(true),
    ...geo(),
    ...syndication(),
    ...mediaOptional(),
    ...itunesChannel(),
    'admin:generatorAgent': once(rdfResource),
    'admin:errorReportsTo': once(rdfResource),
    'blogChannel:blogRoll': once(leaf(fullUri)),
    'blogChannel:mySubscriptions': once(leaf(fullUri)),
    'blogChannel:blink': once(leaf(fullUri)),
    'blogChannel:changes': once(leaf(fullUri)),
    'creativeCommons:license': many(leaf(fullUri)),
  };
  // RFC 5005 Appendix B: in RSS 2.0 the fh: markers are children of <channel>, as of Atom's <feed>.
  s['fh:complete'] = once(emptyMarker);
  s['fh:archive'] = once(emptyMarker);
  s['thr:in-reply-to'] = many(inReplyTo);
  return s;
}

/** Extensions at item (RSS) or entry (Atom) level. */
export function entryLevelExtensions(format: 'rss' | 'atom'): Specs {
  const s: Specs = {
    ...dublinCore(false),
    ...geo(),
    ...mediaOptional(),
    ...itunesItem(),
    'media:content': many(mediaContent),
    'media:group': many(mediaGroup),
    'slash:comments': once(leaf(nonNegativeInteger)),
    'slash:section': many(text),
    'slash:department': many(text),
    'slash:hit_parade': once(leaf(commaIntegers)),
    'wfw:comment': once(leaf(fullUri)),
    'wfw:commentRss': once(leaf(fullUri)),
    'wfw:commentRSS': once(commentRSS),
    'trackback:ping': once(leaf(fullUri)),
    'trackback:about': many(leaf(fullUri)),
    'creativeCommons:license': many(leaf(fullUri)),
  };
  if (format === 'rss') s['content:encoded'] = once(leaf());
  // Threading (RFC 4685) is written for Atom, but RSS feeds carry it too: Blogger's RSS gives
  // every item a thr:total.
  s['thr:in-reply-to'] = many(inReplyTo);
  s['thr:total'] = once(leaf(nonNegativeInteger));
  return s;
}

/** Extensions allowed in any element that may carry metadata (RSS image, textInput): Dublin Core and geo. */
export function everywhereExtensions(): Specs {
  return { ...dublinCore(true), ...geo() };
}

export { notBlank, rfc3339, strictBoolean };
