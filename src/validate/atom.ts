// Atom 1.0 (RFC 4287) rules, with threading (RFC 4685) and feed paging and archiving
// (RFC 5005) links. Also used for the atom: elements that RSS channels and items may carry.
import { entryLevelExtensions, feedLevelExtensions, threadingLinkAttrs } from './ext.js';
import { addrSpec, attrMime, attrValue, exactLeaf, iriRef, language, leaf, many, once, plainText, positiveInteger, rfc3339 } from './rules.js';
import { ANY, attr, clip, detach, NS, STRICT_NS, type ChildSpec, type Node, type Rule, type Validator, renamed } from './tree.js';
import { checkUri, isBase64, isMimeType, looksLikeHtml } from './values.js';
import type { XmlElement } from './xml.js';

/** Link relations registered with IANA (plus the RFC 5005 and hub ones feeds use). */
const LINK_RELS = new Set(
  (
    'about alternate amphtml appendix archives author blocked-by bookmark canonical chapter cite-as collection contents ' +
    'convertedfrom copyright create-form current describedby describes disclosure dns-prefetch duplicate edit edit-form ' +
    'edit-media enclosure external first glossary help hosts hub icon index intervalafter intervalbefore intervalcontains ' +
    'intervaldisjoint intervalduring intervalequals intervalfinishedby intervalfinishes intervalin intervalmeets ' +
    'intervalmetby intervaloverlappedby intervaloverlaps intervalstartedby intervalstarts item last latest-version license ' +
    'linkset lrdd manifest mask-icon me media-feed memento micropub modulepreload monitor monitor-group next next-archive ' +
    'nofollow noopener noreferrer opener openid2.local_id openid2.provider original p3pv1 payment pingback preconnect ' +
    'predecessor-version prefetch preload prerender prev prev-archive preview previous privacy-policy profile publication ' +
    'related replies restconf search section self service service-desc service-doc service-meta sip-trunking sponsored ' +
    'start status stylesheet subsection successor-version sunset tag terms-of-service timegate timemap type ugc up ' +
    'version-history via webmention working-copy working-copy-of'
  ).split(' '),
);

const PAGING_RELS = ['first', 'last', 'next', 'previous', 'prev', 'prev-archive', 'next-archive'];

// ── Text constructs (§3.1) ───────────────────────────────────────────────────

/**
 * Inside xhtml:div: any XHTML (with the SVG and MathML it may embed); elements without a
 * namespace are an error, and so are elements of the feed vocabularies themselves (an atom:, app:
 * or dc: element in a post's body is markup gone astray, and no reader renders it).
 */
const xhtmlContent: Rule = {
  content: 'mixed',
  children: (v, _n, _key, el) => {
    if (el.uri === '') v.add('MissingNamespace', { element: el.name, namespace: NS.xhtml }, el.line, el.column);
    else if (el.uri === NS.app || STRICT_NS.has(el.uri)) v.add('UndefinedElement', { element: el.name, parent: 'div' }, el.line, el.column);
    return { rule: xhtmlContent };
  },
};

function xhtmlDiv(): Rule {
  return { content: 'mixed', children: xhtmlContent.children };
}

/** type="xhtml": exactly one xhtml:div child, and no text outside it. */
const xhtmlConstruct: Rule = {
  content: 'elements',
  attrs: { type: true },
  onText: (v, n) => v.at(n, 'MissingXhtmlDiv'),
  children: (v, n, key, el) => {
    if (key === 'xhtml:div' && !n.children.has('xhtml:div')) return { rule: xhtmlDiv() };
    if (!n.data.reported) {
      n.data.reported = true;
      v.at(n, 'MissingXhtmlDiv');
    }
    if (el.uri === '') v.add('MissingNamespace', { element: el.name, namespace: NS.xhtml }, el.line, el.column);
    return { rule: ANY };
  },
};

/**
 * type="text" or "html": text only; a child element is an error. Only text whose type was left
 * to its default is read: an explicit type="text" says the markup-like characters are meant as
 * text, and HTML may hold anything.
 */
function textOrHtml(typeLeftOut: boolean): Rule {
  if (!typeLeftOut) return { content: 'text', attrs: { type: true } };
  return {
    content: 'text',
    attrs: { type: true },
    end: (v, n, value) => {
      if (looksLikeHtml(value)) v.at(n, 'ContainsUndeclaredHTML');
    },
  };
}

const defaultTextRule = textOrHtml(true);
const typedTextRule = textOrHtml(false);

const badTypeRule = (type: string): Rule => ({
  content: 'any',
  start: (v, n) => v.at(n, 'InvalidTextType', { value: clip(type) }),
});

/** Picks the rule of a text construct from its type attribute. */
function textConstruct(el: XmlElement): Rule {
  let type: string | undefined;
  let mode: string | undefined;
  for (const a of el.attrs) {
    if (a.uri !== '') continue;
    if (a.local === 'type') type = a.value;
    else if (a.local === 'mode') mode = a.value;
  }
  if (mode !== undefined) return { content: 'any', start: (v, n) => v.at(n, 'UnexpectedAttribute', { attr: 'mode' }) };
  if (type === undefined) return defaultTextRule;
  if (type === 'text' || type === 'html') return typedTextRule;
  if (type === 'xhtml') return xhtmlConstruct;
  return badTypeRule(type);
}

// ── Content (§4.1.3) ─────────────────────────────────────────────────────────

function isXmlType(t: string): boolean {
  const base = t.split(';')[0].trim().toLowerCase();
  return base.endsWith('+xml') || base.endsWith('/xml');
}

function isTextType(t: string): boolean {
  return t.toLowerCase().startsWith('text/');
}

/** Rules of in-line content by type (most documents use one or two types). */
const contentRules = new Map<string, Rule>();

function contentRule(el: XmlElement): Rule {
  if (el.attrs.length === 1 && el.attrs[0].uri === '' && el.attrs[0].local === 'type') {
    const t = el.attrs[0].value;
    let rule = contentRules.get(t);
    if (!rule) {
      rule = makeContentRule(el);
      if (contentRules.size < 100) contentRules.set(detach(t), rule);
    }
    return rule;
  }
  return makeContentRule(el);
}

function makeContentRule(el: XmlElement): Rule {
  let type: string | undefined;
  let src: string | undefined;
  let mode: string | undefined;
  for (const a of el.attrs) {
    if (a.uri !== '') continue;
    if (a.local === 'type') type = a.value;
    else if (a.local === 'src') src = a.value;
    else if (a.local === 'mode') mode = a.value;
  }
  const attrs = { type: true as const, src: true as const };
  const common = (v: Validator, n: Node) => {
    // mode belonged to the Atom 0.3 draft; Atom 1.0 has no such attribute.
    if (mode !== undefined) v.at(n, 'UnexpectedAttribute', { attr: 'mode' });
    if (src !== undefined) {
      const f = checkUri(src, { iri: true });
      if (f) v.finding(renamed(n, 'src'), f, src);
      if (type === undefined) v.at(n, 'MissingTypeAttribute');
      else if (type === 'text' || type === 'html' || type === 'xhtml' || !isMimeType(type)) {
        v.at(n, 'InvalidMIMEType', { attr: 'type', value: clip(type) });
      }
    } else if (type !== undefined && type !== 'text' && type !== 'html' && type !== 'xhtml' && !isMimeType(type)) {
      v.at(n, 'InvalidMIMEType', { attr: 'type', value: clip(type) });
    }
    // RFC 4287 §4.1.3.1: composite (multipart/*) types are not allowed.
    if (type !== undefined && /^multipart\//i.test(type)) v.at(n, 'InvalidMIMEType', { attr: 'type', value: clip(type) });
  };
  if (src !== undefined) {
    // Out-of-line content: the element is empty.
    return {
      content: 'elements',
      attrs,
      start: common,
      children: (v, n) => {
        v.at(n, 'UnexpectedText');
        return { rule: ANY };
      },
    };
  }
  if (mode === 'escaped') {
    return {
      content: 'elements',
      attrs: { ...attrs, mode: true },
      onText: () => undefined,
      start: common,
      children: (v, n) => {
        if (!n.data.reported) {
          n.data.reported = true;
          v.at(n, 'NotEscaped');
        }
        return { rule: ANY };
      },
    };
  }
  const t = type ?? 'text';
  if (t === 'xhtml') return { ...xhtmlConstruct, start: common };
  if (t === 'text' || t === 'html') return { ...textOrHtml(type === undefined), start: common };
  if (isXmlType(t)) {
    // Inline XML: one root element; text beside it makes mixed content, which is not allowed.
    return {
      content: 'elements',
      attrs,
      start: common,
      children: () => ({ rule: ANY }),
      end: (v, n) => {
        if (n.data.mixed) v.at(n, 'UnexpectedText');
      },
      onText: (_v, n) => {
        n.data.mixed = true;
      },
    };
  }
  if (isTextType(t)) return { content: 'text', attrs, start: common };
  // Any other media type: Base64 text.
  return {
    content: 'text',
    attrs,
    start: (v, n) => {
      common(v, n);
      n.parent!.data.base64Content = true;
    },
    end: (v, n, value) => {
      if (!isBase64(value)) v.at(n, 'InvalidBase64');
    },
  };
}

// ── Person, category, generator, link ────────────────────────────────────────

const person: Rule = {
  content: 'elements',
  children: (_v, _n, key) => personChildren[key],
  end: (v, n) => {
    if (!n.children.has('atom:name')) v.at(n, 'MissingElement', { parent: n.name, element: 'name' });
  },
};
const personChildren: Record<string, ChildSpec> = {
  'atom:name': once(leaf(plainText)),
  // An IRI reference, exact: white space around it is no part of an IRI.
  'atom:uri': once(exactLeaf(iriRef)),
  'atom:email': once(leaf(addrSpec)),
};

const category: Rule = {
  content: 'any',
  attrs: {
    term: true,
    scheme: (v, n, a) => v.finding(renamed(n, 'scheme'), checkUri(a.value, { full: true, iri: true }), a.value),
    label: true,
  },
  start: (v, n) => {
    if (attr(n, 'term') === undefined) v.at(n, 'MissingAttribute', { attr: 'term' });
  },
};

const generator: Rule = {
  content: 'text',
  attrs: {
    uri: (v, n, a) => v.finding(renamed(n, 'uri'), checkUri(a.value, { iri: true }), a.value),
    version: true,
  },
};

interface LinkInfo {
  rel: string;
  type: string;
  hreflang: string;
  href: string;
}

function linkRule(): Rule {
  return {
    content: 'any',
    attrs: {
      href: (v, n, a) => {
        const f = checkUri(a.value, { iri: true });
        if (f) v.finding(renamed(n, 'href'), f, a.value);
      },
      rel: (v, n, a) => {
        const rel = a.value.replace(/^http:\/\/www\.iana\.org\/assignments\/relation\//, '');
        if (rel === '') v.at(n, 'UnregisteredLinkRel', { value: '' });
        else if (!LINK_RELS.has(rel) && (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(rel) || checkUri(rel, { full: true, iri: true }) !== null)) {
          v.at(n, 'UnregisteredLinkRel', { value: clip(rel) });
        }
      },
      type: attrMime,
      hreflang: attrValue(language),
      title: true,
      // An advisory size in octets: a linked resource of no octets is no resource.
      length: attrValue(positiveInteger),
      ...threadingLinkAttrs(),
    },
    start: (v, n) => {
      const href = attr(n, 'href');
      if (href === undefined) v.at(n, 'MissingAttribute', { attr: 'href' });
      const info: LinkInfo = { rel: attr(n, 'rel') ?? 'alternate', type: attr(n, 'type') ?? '', hreflang: attr(n, 'hreflang') ?? '', href: href ?? '' };
      const parent = n.parent!;
      const links = (parent.data.links as LinkInfo[] | undefined) ?? [];
      parent.data.links = links;
      if (info.rel === 'alternate' && links.some((l) => l.rel === 'alternate' && l.type === info.type && l.hreflang === info.hreflang)) {
        v.at(n, 'DuplicateAtomLink', { parent: parent.name });
      }
      links.push(info);
    },
  };
}

/** atom:link as RSS channels and items use it. */
export const atomLink: Rule = linkRule();

// ── Feed, entry, source ──────────────────────────────────────────────────────

const idRule = exactLeaf((v, n, value) => {
  const f = checkUri(value, { full: true, iri: true });
  if (f) v.finding(n, f, value);
});
const dateRule = exactLeaf(rfc3339);
const uriLeaf = exactLeaf((v, n, value) => {
  if (value === '') {
    v.at(n, 'NotBlank');
    return;
  }
  v.finding(n, checkUri(value, { iri: true }), value);
});

function metadataChildren(): Record<string, ChildSpec> {
  return {
    'atom:author': many(person),
    'atom:category': many(category),
    'atom:contributor': many(person),
    'atom:generator': once(generator),
    'atom:icon': once(uriLeaf),
    'atom:id': once(idRule),
    'atom:link': many(linkRule()),
    'atom:logo': once(uriLeaf),
    'atom:updated': once(dateRule),
  };
}

const TEXT_CONSTRUCTS = new Set(['atom:title', 'atom:subtitle', 'atom:rights', 'atom:summary']);

/** The elements every feed, source and entry must have: [key, name]. */
const REQUIRED_METADATA = [
  ['atom:title', 'title'],
  ['atom:id', 'id'],
  ['atom:updated', 'updated'],
] as const;

function metadataEnd(v: Validator, n: Node, what: 'feed' | 'source'): void {
  for (const [key, el] of REQUIRED_METADATA) {
    if (!n.children.has(key)) {
      if (what === 'feed') v.at(n, 'MissingElement', { parent: n.name, element: el });
      else v.at(n, 'MissingSourceElement', { element: el });
    }
  }
}

const sourceChildren = { ...metadataChildren(), ...feedLevelExtensions() };
const source: Rule = {
  content: 'elements',
  children: (_v, _n, key, el) => {
    if (key === 'atom:title' || key === 'atom:subtitle' || key === 'atom:rights') return once(textConstruct(el));
    return sourceChildren[key];
  },
  end: (v, n) => metadataEnd(v, n, 'source'),
};

const entryChildren: Record<string, ChildSpec> = {
  ...entryLevelExtensions('atom'),
  'atom:author': many(person),
  'atom:category': many(category),
  'atom:contributor': many(person),
  'atom:id': once(idRule),
  'atom:link': many(linkRule()),
  'atom:published': once(dateRule),
  'atom:updated': once(dateRule),
  'atom:source': once(source),
};

export const entry: Rule = {
  content: 'elements',
  children: (_v, _n, key, el) => {
    if (TEXT_CONSTRUCTS.has(key) && key !== 'atom:subtitle') return once(textConstruct(el));
    if (key === 'atom:content') return once(contentRule(el));
    return entryChildren[key];
  },
  child: (_v, n, key, el) => {
    if (key === 'atom:content') {
      n.data.content = true;
      for (const a of el.attrs) if (a.uri === '' && a.local === 'src') n.data.contentSrc = true;
    }
  },
  end: (v, n) => {
    for (const [key, el] of REQUIRED_METADATA) {
      if (!n.children.has(key)) v.at(n, 'MissingElement', { parent: 'entry', element: el });
    }
    const hasSummary = n.children.has('atom:summary');
    if (!n.data.content) {
      const links = (n.data.links as LinkInfo[] | undefined) ?? [];
      if (!links.some((l) => l.rel === 'alternate')) v.at(n, 'MissingContentOrAlternate');
    } else if (!hasSummary && (n.data.contentSrc || n.data.base64Content)) {
      v.at(n, 'MissingSummary', { detail: n.data.contentSrc ? 'out of line (src)' : 'Base64-encoded' });
    }
    const feed = n.parent;
    if (feed && feed.key === 'atom:feed') {
      // Entry ids, and entries without an author (the feed's own author may come later).
      if (!n.children.has('atom:author') && !n.data.sourceAuthor) {
        const missing = (feed.data.entriesWithoutAuthor as [number, number][] | undefined) ?? [];
        feed.data.entriesWithoutAuthor = missing;
        missing.push([n.el.line, n.el.column]);
      }
    } else if (!n.children.has('atom:author') && !n.data.sourceAuthor) {
      v.at(n, 'MissingElement', { parent: 'entry', element: 'author' });
    }
  },
};

const feedChildren: Record<string, ChildSpec> = {
  ...feedLevelExtensions(),
  ...metadataChildren(),
  'atom:entry': many(entry),
};

export const feed: Rule = {
  content: 'elements',
  children: (_v, _n, key, el) => {
    if (key === 'atom:title' || key === 'atom:subtitle' || key === 'atom:rights') return once(textConstruct(el));
    return feedChildren[key];
  },
  child: (v, n, key, el) => {
    // The schema of atom:feed (RFC 4287 §4.1.1) puts the feed's own elements before its entries.
    if (key === 'atom:entry') n.data.entrySeen = true;
    else if (n.data.entrySeen && el.uri === NS.atom) v.add('MisplacedMetadata', { element: el.name }, el.line, el.column);
  },
  end: (v, n) => {
    metadataEnd(v, n, 'feed');
    const links = (n.data.links as LinkInfo[] | undefined) ?? [];
    if (!links.some((l) => l.rel === 'self')) v.at(n, 'MissingSelfLink');
    if (!n.children.has('atom:author')) {
      for (const [line, column] of (n.data.entriesWithoutAuthor as [number, number][] | undefined) ?? []) {
        v.add('MissingElement', { parent: 'entry', element: 'author' }, line, column);
      }
      // RFC 4287 §4.1.1 lets the entries' authors stand in for the feed's; with no entries there
      // is nobody to stand in.
      if (!n.children.has('atom:entry')) v.at(n, 'MissingElement', { parent: 'feed', element: 'author' });
    }
    const ids = (n.data.entryIds as string[] | undefined) ?? [];
    if (ids.length > 1) {
      const distinct = new Set(ids);
      // Two entries may be two versions of one entry; many entries all sharing one id is a
      // generator that does not mint ids at all.
      if (distinct.size === 1 && ids.length > 2) v.at(n, 'DuplicateIds', { value: clip(ids[0]) });
      else if (distinct.size < ids.length) {
        const seen = new Set<string>();
        for (const id of ids) {
          if (seen.has(id)) {
            v.at(n, 'DuplicateEntries', { value: clip(id) });
            break;
          }
          seen.add(id);
        }
      }
    }
    // RFC 5005: complete feeds have no paging links; first/last pages point nowhere past the end.
    if (n.children.has('fh:complete')) {
      for (const l of links) if (PAGING_RELS.includes(l.rel)) v.at(n, 'FeedRelInCompleteFeed', { value: l.rel });
    }
    const self = links.find((l) => l.rel === 'self')?.href;
    if (self !== undefined) {
      const first = links.find((l) => l.rel === 'first')?.href;
      const last = links.find((l) => l.rel === 'last')?.href;
      if (first === self && links.some((l) => l.rel === 'previous' || l.rel === 'prev')) v.at(n, 'LinkPastEnd', { value: 'previous' });
      if (last === self && links.some((l) => l.rel === 'next')) v.at(n, 'LinkPastEnd', { value: 'next' });
    }
  },
};

/** Collects entry ids for the duplicate checks at the end of the feed. */
const entryIdCollector: Rule['end'] = (v, n, value) => {
  idRule.end?.(v, n, value);
  const entryNode = n.parent;
  const feedNode = entryNode?.parent;
  if (feedNode && feedNode.key === 'atom:feed') {
    const ids = (feedNode.data.entryIds as string[] | undefined) ?? [];
    feedNode.data.entryIds = ids;
    ids.push(detach(value.trim()));
  }
};
entryChildren['atom:id'] = once({ ...idRule, end: entryIdCollector });

/** Source authors count as the entry's author (RFC 4287 §4.1.2). */
const sourceAuthorMark: Rule['start'] = (_v, n) => {
  const src = n.parent;
  if (src?.parent) src.parent.data.sourceAuthor = true;
};
sourceChildren['atom:author'] = many({ ...person, start: sourceAuthorMark });
