// RSS 2.0 (and the 0.91/0.92 family it extends) per the RSS 2.0 specification and the RSS
// Advisory Board's Best Practices Profile (whose advice is given as warnings), plus the
// extension modules of ext.ts and the atom: elements RSS feeds borrow.
import { atomLink } from './atom.js';
import { entryLevelExtensions, everywhereExtensions, feedLevelExtensions } from './ext.js';
import {
  attrUri,
  fullUri,
  language,
  leaf,
  leafWithAttrs,
  many,
  notBlank,
  once,
  oneOf,
  positiveInteger,
  requireAttrs,
  rfc822,
  rssEmail,
} from './rules.js';
import { attr, clip, detach, type ChildSpec, type Check, type Node, type Rule, type Validator, renamed } from './tree.js';
import { checkUri, isAddrSpec, isPositiveInteger, isRfc3339 } from './values.js';
import type { Doctype } from './xml.js';

const NETSCAPE_PUBLIC_ID = '-//Netscape Communications//DTD RSS 0.91//EN';
const NETSCAPE_DTD = 'http://my.netscape.com/publish/formats/rss-0.91.dtd';

const text = leaf();
// RSS core text fields get no "contains HTML" warning: a headline may legitimately talk about
// "<script>" or "&amp;", and a correct writer escapes it; only a human can tell the mistake of
// double escaping from such text.
const title = leaf();

/** A URL field (RSS links are URLs: absolute, ASCII). */
const url = leaf(fullUri);

function range(code: 'InvalidImageWidth' | 'InvalidImageHeight', max: number): Check {
  return (v, n, value) => {
    if (!/^\d+$/.test(value) || +value < 1 || +value > max) v.at(n, code, { value: clip(value) });
  };
}

const image: Rule = {
  content: 'elements',
  children: {
    ...everywhereExtensions(),
    url: once(
      leaf(fullUri, (v, n, value) => {
        const ext = /\.(\w+)$/.exec(value.split(/[?#]/)[0])?.[1]?.toLowerCase();
        if (ext && !['jpg', 'jpeg', 'gif', 'png'].includes(ext)) v.at(n, 'ImageFormat');
      }),
    ),
    title: once(leaf(notBlank, (v, n, value) => {
      const channelTitle = n.parent?.parent?.data.title;
      if (typeof channelTitle === 'string' && value !== '' && channelTitle !== value) v.at(n, 'ImageTitleMismatch');
    })),
    link: once(leaf(fullUri, (v, n, value) => {
      const channelLink = n.parent?.parent?.data.link;
      if (typeof channelLink === 'string' && channelLink !== value) v.at(n, 'ImageLinkMismatch');
    })),
    width: once(leaf(range('InvalidImageWidth', 144))),
    height: once(leaf(range('InvalidImageHeight', 400))),
    description: once(leaf()),
  },
  end: (v, n) => {
    for (const el of ['title', 'url', 'link']) if (!n.children.has(el)) v.at(n, 'MissingElement', { parent: 'image', element: el });
  },
};

const textInput: Rule = {
  content: 'elements',
  start: (v, n) => v.at(n, 'AvoidTextInput'),
  children: {
    ...everywhereExtensions(),
    title: once(title),
    description: once(text),
    name: once(
      leaf((v, n, value) => {
        if (!/^[A-Za-z][A-Za-z0-9:._-]*$/.test(value)) v.at(n, 'InvalidFormName', { value: clip(value) });
      }),
    ),
    link: once(url),
  },
  end: (v, n) => {
    for (const el of ['title', 'description', 'name', 'link']) {
      if (!n.children.has(el)) v.at(n, 'MissingElement', { parent: 'textInput', element: el });
    }
  },
};

const cloud: Rule = {
  content: 'elements',
  attrs: {
    domain: true,
    path: true,
    registerProcedure: true,
    protocol: true,
    port: (v, n, a) => {
      if (!isPositiveInteger(a.value)) v.at(n, 'InvalidPositiveInteger', { element: 'cloud port', value: clip(a.value) });
    },
  },
  start: (v, n) => requireAttrs(v, n, 'domain', 'port', 'path', 'registerProcedure', 'protocol'),
};

const hour: Rule = leaf((v, n, value) => {
  const seen = ((n.parent!.data.hours as Set<number>) ??= new Set<number>());
  if (!/^\d+$/.test(value) || +value > 24) {
    v.at(n, 'InvalidHour', { value: clip(value) });
    return;
  }
  const h = +value === 24 ? 0 : +value;
  if (+value === 24) v.at(n, 'UseZeroForMidnight');
  if (seen.has(h)) v.at(n, 'DuplicateValue', { value });
  seen.add(h);
});

const skipHours: Rule = {
  content: 'elements',
  children: { hour: many(hour) },
  end: (v, n) => {
    const count = n.children.get('hour') ?? 0;
    if (count === 0) v.at(n, 'MissingElement', { parent: 'skipHours', element: 'hour' });
    if (count > 24) v.at(n, 'TooManyHours');
  },
};

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const day: Rule = leaf((v, n, value) => {
  const seen = ((n.parent!.data.days as Set<string>) ??= new Set<string>());
  if (!DAYS.includes(value)) {
    v.at(n, 'InvalidDay', { value: clip(value) });
    return;
  }
  if (seen.has(value)) v.at(n, 'DuplicateValue', { value });
  seen.add(value);
});

const skipDays: Rule = {
  content: 'elements',
  children: { day: many(day) },
  end: (v, n) => {
    const count = n.children.get('day') ?? 0;
    if (count === 0) v.at(n, 'MissingElement', { parent: 'skipDays', element: 'day' });
    if (count > 7) v.at(n, 'TooManyDays');
  },
};

const category = leafWithAttrs({ domain: true });

// ── item ─────────────────────────────────────────────────────────────────────

const guid: Rule = {
  content: 'text',
  attrs: {
    isPermaLink: (v, n, a) => {
      if (a.value !== 'true' && a.value !== 'false') v.at(n, 'InvalidBoolean', { element: 'guid isPermaLink', value: clip(a.value) });
    },
  },
  end: (v, n, value) => {
    const permalink = attr(n, 'isPermaLink') !== 'false';
    if (permalink) {
      const lower = value.toLowerCase();
      if (value !== '' && (lower.startsWith('tag:') || lower.startsWith('urn:uuid:'))) {
        v.at(n, 'InvalidPermalink', { value: lower.startsWith('tag:') ? 'tag:' : 'urn:uuid:' });
      } else {
        const f = checkUri(value, { full: true });
        if (f && f.code !== 'SchemeNotRegistered') v.at(n, 'InvalidGuid', { value: clip(value) });
      }
    } else if (value === '') {
      v.at(n, 'NotBlank');
    }
    if (value === '') return;
    const seen = (v.state.get('guids') as Set<string> | undefined) ?? new Set<string>();
    v.state.set('guids', seen);
    // The kept copy is looked up too: its hash is then worked out once.
    const id = detach(value);
    if (seen.has(id)) v.at(n, 'DuplicateValue', { value: clip(value) });
    else seen.add(id);
  },
};

const enclosure: Rule = {
  content: 'elements',
  attrs: {
    url: (v, n, a) => {
      if (!/^https?:\/\/[^/?#\s]+/i.test(a.value)) v.at(n, 'InvalidFullURI', { element: 'enclosure url', value: clip(a.value) });
      else v.finding(renamed(n, 'enclosure url'), checkUri(a.value, { full: true }), a.value);
    },
    length: (v, n, a) => {
      if (!/^[+-]?\d+$/.test(a.value.trim())) v.at(n, 'InvalidNonNegativeInteger', { element: 'enclosure length', value: clip(a.value) });
      else if (+a.value < 0) v.at(n, 'InvalidNonNegativeInteger', { element: 'enclosure length', value: clip(a.value) });
    },
    type: (v, n, a) => {
      if (!/^[^\s()<>,;:\\"/[\]?=]+\/[^\s()<>,;:\\"/[\]?=]+(\s*;.*)?$/.test(a.value)) {
        v.at(n, 'InvalidMIMEType', { attr: 'type', value: clip(a.value) });
      }
    },
  },
  start: (v, n) => requireAttrs(v, n, 'url', 'length', 'type'),
};

const source: Rule = {
  content: 'text',
  attrs: { url: attrUri({ full: true }) },
  start: (v, n) => requireAttrs(v, n, 'url'),
};

const description = leaf();

const itemExtensions = entryLevelExtensions('rss');
const itemChildren: Record<string, ChildSpec> = {
  ...itemExtensions,
  title: once(leaf(notBlank)),
  link: once(url),
  description: once(description),
  author: once(leaf(rssEmail)),
  category: many(category),
  comments: once(url),
  enclosure: { rule: enclosure },
  guid: once(guid),
  pubDate: once(leaf(rfc822)),
  source: once(source),
  'atom:link': many(atomLink),
  'atom:id': once(leaf((v, n, value) => v.finding(n, checkUri(value, { full: true, iri: true }), value))),
  'atom:updated': once(leaf((v, n, value) => {
    if (!isRfc3339(value)) v.at(n, 'InvalidRFC3339Date', { value: clip(value) });
  })),
  'atom:published': once(leaf((v, n, value) => {
    if (!isRfc3339(value)) v.at(n, 'InvalidRFC3339Date', { value: clip(value) });
  })),
  'atom:author': many({ content: 'any' }),
  'atom:contributor': many({ content: 'any' }),
  'atom:title': once({ content: 'any' }),
  'atom:summary': once({ content: 'any' }),
  'atom:content': once({ content: 'any' }),
  'xhtml:body': once({ content: 'any' }),
};

/** Atom elements an RSS channel may borrow (their full checks live in the Atom rules). */
function atomInRss(): Record<string, ChildSpec> {
  const lenient = { content: 'any' } as const;
  return {
    'atom:author': many(lenient),
    'atom:contributor': many(lenient),
    'atom:category': many(lenient),
    'atom:generator': once(lenient),
    'atom:icon': once(lenient),
    'atom:logo': once(lenient),
    'atom:title': once(lenient),
    'atom:subtitle': once(lenient),
    'atom:rights': once(lenient),
    'atom:id': once(leaf((v, n, value) => v.finding(n, checkUri(value, { full: true, iri: true }), value))),
    'atom:updated': once(leaf((v, n, value) => {
      if (!isRfc3339(value)) v.at(n, 'InvalidRFC3339Date', { value: clip(value) });
    })),
  };
}

const item: Rule = {
  content: 'elements',
  children: itemChildren,
  child: (v, n, key, el) => {
    if (key === 'enclosure' && n.children.has('enclosure')) v.add('DuplicateEnclosure', {}, el.line, el.column);
    if (key === 'content:encoded' && !n.children.has('description')) v.add('NeedDescriptionBeforeContent', {}, el.line, el.column);
  },
  end: (v, n) => {
    if (!n.children.has('title') && !n.children.has('description')) v.at(n, 'ItemMissingTitleOrDescription');
    if (!n.children.has('guid') && String(v.state.get('rssVersion') ?? '').startsWith('2.')) v.at(n, 'MissingGuid');
    if (n.children.has('slash:comments') && !n.parent?.children.has('lastBuildDate')) v.at(n, 'SlashDate');
  },
};

// ── channel, rss ─────────────────────────────────────────────────────────────

const noBlink: Rule = { content: 'any', start: (v, n) => v.at(n, 'NoBlink') };

const channelChildren: Record<string, ChildSpec> = {
  ...feedLevelExtensions(),
  title: once(leaf(notBlank, (_v, n, value) => (n.parent!.data.title = value))),
  link: once(leaf(fullUri, (_v, n, value) => (n.parent!.data.link = value))),
  description: once(leaf()),
  language: once(leaf(language)),
  copyright: once(leaf()),
  managingEditor: once(leaf(rssEmail)),
  webMaster: once(leaf(rssEmail)),
  pubDate: once(leaf(rfc822)),
  lastBuildDate: once(leaf(rfc822)),
  category: many(category),
  generator: once(text),
  docs: once(url),
  cloud: once(cloud),
  // A number of minutes a reader may cache the channel for: 0 would mean no time at all.
  ttl: once(leaf((v, n, value) => (value === '' ? notBlank(v, n, value) : positiveInteger(v, n, value)))),
  image: once(image),
  rating: once(text),
  textInput: once(textInput),
  skipHours: once(skipHours),
  skipDays: once(skipDays),
  item: many(item),
  blink: once(noBlink),
  'atom:link': many(atomLink),
  ...atomInRss(),
};

const channel: Rule = {
  content: 'elements',
  children: channelChildren,
  end: (v, n) => {
    for (const el of ['title', 'link', 'description']) {
      if (!n.children.has(el)) v.at(n, 'MissingElement', { parent: 'channel', element: el });
    }
    const links = (n.data.links as { rel: string }[] | undefined) ?? [];
    if (String(v.state.get('rssVersion') ?? '').startsWith('2.') && !links.some((l) => l.rel === 'self')) {
      v.at(n, 'MissingAtomSelfLink');
    }
  },
};

/** The published versions of RSS this vocabulary covers (0.93 and 0.94 were drafts). */
const RSS_VERSIONS = new Set(['2.0', '0.92', '0.91']);

export const rss: Rule = {
  content: 'elements',
  attrs: { version: true },
  children: { channel: once(channel) },
  start: (v, n) => {
    const version = attr(n, 'version');
    v.state.set('rssVersion', version ?? '');
    if (version === undefined) v.at(n, 'MissingAttribute', { attr: 'version' });
    const doctype = v.state.get('doctype') as Doctype | undefined;
    if (doctype && doctype.publicId === NETSCAPE_PUBLIC_ID) {
      if (doctype.systemId === NETSCAPE_DTD) v.at(n, 'DeprecatedDTD');
      if (version !== undefined && version !== '0.91') v.at(n, 'InvalidDoctype', { value: version });
    }
    if (version !== undefined && !RSS_VERSIONS.has(version)) v.at(n, 'InvalidRSSVersion', { value: clip(version) });
  },
  end: (v, n) => {
    if (!n.children.has('channel')) v.at(n, 'MissingElement', { parent: 'rss', element: 'channel' });
  },
};

export { isAddrSpec, oneOf, type Node, type Validator };
