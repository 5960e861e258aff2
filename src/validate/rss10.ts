// RSS 1.0 (RDF Site Summary, http://purl.org/rss/1.0/spec, version 1.3.4): an RDF/XML document
// whose root is rdf:RDF. Unlike RSS 2.0, channel, image, item and textinput are siblings under
// the root, tied together by URIs: the channel names its items in an rdf:Seq of rdf:li
// rdf:resource="...", and its image and textinput by rdf:resource; each of those elements
// carries the same URI in its rdf:about. The spec's "Required" is an error here, its suggested
// lengths and its recommendations are warnings. Modules (Dublin Core, Syndication, Content and
// the other extensions of ext.ts) are allowed where RSS 2.0 allows them.
import { atomLink } from './atom.js';
import { entryLevelExtensions, everywhereExtensions, feedLevelExtensions } from './ext.js';
import { fullUri, leaf, many, notBlank, once } from './rules.js';
import { ANY, attr, clip, keyOf, NS, nsAttr, STRICT_NS, type AttrCheck, type Check, type ChildSpec, type Node, type Rule, type Validator, renamed } from './tree.js';
import { checkUri } from './values.js';
import type { XmlElement } from './xml.js';

/** RSS 0.90 shares the rdf:RDF root; its own, simpler rules are not modelled (nothing below the root is checked). */
const RSS_090 = 'http://my.netscape.com/rdf/simple/0.9/';

/** An RDF node of the document that has a URI: where it is, for messages about it. */
interface Described {
  uri: string;
  line: number;
  column: number;
}

type Position = Pick<Described, 'line' | 'column'>;

/** What the cross-checks at the end of the document need, gathered as the elements go by. */
class Rss10Document {
  channel: Position | null = null;
  /** Which of channel image, channel textinput, image and textinput the document has (with a URI or not). */
  readonly present = new Set<string>();
  /** The channel's references (rdf:li of its items, its image and textinput rdf:resource). */
  readonly listed: Described[] = [];
  imageRef: Described | null = null;
  textinputRef: Described | null = null;
  /** The top-level elements, by their rdf:about. */
  readonly items: Described[] = [];
  image: Described | null = null;
  textinput: Described | null = null;
  /** Every rdf:about of a core element, in document order, with the element's name. */
  readonly abouts: (Described & { element: string })[] = [];
  /** Top-level item elements, with or without rdf:about. */
  itemCount = 0;
  /** Set when the channel is in the RSS 0.90 namespace: the document is not RSS 1.0. */
  rss090 = false;
}

const STATE = 'rss10';

function doc(v: Validator): Rss10Document {
  let d = v.state.get(STATE) as Rss10Document | undefined;
  if (d === undefined) v.state.set(STATE, (d = new Rss10Document()));
  return d;
}

/** A URI as RDF reads it: resolved against xml:base when one is in scope, so equal references compare equal. */
function resolved(n: Node, value: string): string {
  if (n.base === null) return value;
  try {
    return new URL(value, n.base).href;
  } catch {
    return value;
  }
}

// RDF/XML first allowed about and resource without the rdf: prefix; RSS 1.0 readers accept both.
function rdfAttr(n: Node, local: 'about' | 'resource'): string | undefined {
  return nsAttr(n, NS.rdf, local) ?? attr(n, local);
}

/** rdf:about and rdf:resource hold URI references (RDF resolves relative ones against the base). */
const rdfUri: AttrCheck = (v, n, a) => {
  v.finding(renamed(n, a.name), checkUri(a.value, { iri: true }), a.value);
};

const ABOUT_ATTRS: Record<string, AttrCheck> = { 'rdf:about': rdfUri, about: rdfUri };
const RESOURCE_ATTRS: Record<string, AttrCheck> = { 'rdf:resource': rdfUri, resource: rdfUri };

/** The element's rdf:about (MissingAttribute without one), recorded for the uniqueness check. */
function about(v: Validator, n: Node): Described | null {
  const value = rdfAttr(n, 'about');
  if (value === undefined) {
    v.at(n, 'MissingAttribute', { attr: 'rdf:about' });
    return null;
  }
  const d = { uri: resolved(n, value), line: n.el.line, column: n.el.column };
  doc(v).abouts.push({ ...d, element: n.name });
  return d;
}

/** The element's rdf:resource (MissingAttribute without one). */
function resource(v: Validator, n: Node): Described | null {
  const value = rdfAttr(n, 'resource');
  if (value === undefined) {
    v.at(n, 'MissingAttribute', { attr: 'rdf:resource' });
    return null;
  }
  return { uri: resolved(n, value), line: n.el.line, column: n.el.column };
}

/** The spec's "suggested maximum length": a warning beyond it (older readers cut or refuse longer text). */
function suggestedLength(max: number): Check {
  return (v, n, value) => {
    if (value.length > max) v.at(n, 'LongerThanSuggested', { length: value.length, max });
  };
}

const url = (max: number): Rule => leaf(fullUri, suggestedLength(max));

/** An element of the RSS 1.0 namespace that the spec does not define at this place. */
const UNDEFINED: ChildSpec = { rule: { content: 'any', start: (v, n) => v.at(n, 'UndefinedElement') } };

function own(specs: Record<string, ChildSpec>, key: string): ChildSpec | undefined {
  return Object.prototype.hasOwnProperty.call(specs, key) ? specs[key] : undefined;
}

/**
 * Children of a core element: the core ones by local name in the RSS 1.0 namespace, modules by
 * key. A core name in no namespace is checked as the core element it means to be, after an error
 * (readers look core elements up by namespace); so is one in the same wrong namespace as its
 * parent, whose own error already said so.
 */
function coreChildren(core: Record<string, ChildSpec>, modules: Record<string, ChildSpec>): Rule['children'] {
  return (v, parent, key, el) => {
    if (el.uri === NS.rss1) return own(core, el.local) ?? UNDEFINED;
    const module = own(modules, key);
    if (module !== undefined) return module;
    if (el.uri === '' || el.uri === parent.el.uri) {
      const spec = own(core, el.local);
      if (spec !== undefined && el.uri !== parent.el.uri) wrongNamespace(v, el);
      return spec;
    }
    return undefined;
  };
}

function wrongNamespace(v: Validator, el: XmlElement): void {
  if (el.uri === '') v.add('MissingNamespace', { element: el.local, namespace: NS.rss1 }, el.line, el.column);
  else v.add('InvalidNamespace', { element: el.name, namespace: el.uri }, el.line, el.column);
}

/** Whether a core element has a child of this local name (in whatever namespace it was accepted). */
function hasCore(n: Node, local: string): boolean {
  return n.children.has(keyOf(NS.rss1, local)) || n.children.has(local) || n.children.has(keyOf(n.el.uri, local));
}

function requireCore(v: Validator, n: Node, ...locals: string[]): void {
  for (const local of locals) if (!hasCore(n, local)) v.at(n, 'MissingElement', { parent: n.name, element: local });
}

// ── channel (5.3) ────────────────────────────────────────────────────────────

/** rdf:li in the channel's items: one item of the document, by its URI. */
const li: Rule = {
  content: 'text',
  attrs: RESOURCE_ATTRS,
  start: (v, n) => {
    const r = resource(v, n);
    if (r) doc(v).listed.push(r);
  },
};

/** RDF's container members: rdf:li, or numbered as rdf:_1, rdf:_2… (RDF/XML Syntax, 7.2.19). */
const isMember = (key: string): boolean => key === 'rdf:li' || /^rdf:_[1-9][0-9]*$/.test(key);

const seq: Rule = {
  content: 'elements',
  children: (_v, _n, key) => (isMember(key) ? LI : UNDEFINED),
};
const LI = many(li);

/** 5.3.5: "An RDF Seq (sequence) is used to contain all the items". */
const items: Rule = {
  content: 'elements',
  children: (_v, _n, key) => (key === 'rdf:Seq' ? SEQ : UNDEFINED),
  end: (v, n) => {
    if (!n.children.has('rdf:Seq')) v.at(n, 'MissingElement', { parent: n.name, element: 'rdf:Seq' });
  },
};
const SEQ = once(seq);

/** The channel's image and textinput: a reference to the top-level element of that name. */
function reference(which: 'imageRef' | 'textinputRef'): Rule {
  return {
    content: 'text',
    attrs: RESOURCE_ATTRS,
    start: (v, n) => {
      const d = doc(v);
      d.present.add(`channel ${n.el.local}`);
      d[which] = resource(v, n);
    },
  };
}

/**
 * RSS 1.0's Dublin Core module lets an element hold a resource instead of a string: one
 * rdf:Description, with the plain value in rdf:value ("richer semantics for those who can deal
 * with them"). The string checks then have no string to check.
 */
function withRichDublinCore(specs: Record<string, ChildSpec>): Record<string, ChildSpec> {
  const out: Record<string, ChildSpec> = { ...specs };
  for (const [key, spec] of Object.entries(specs)) {
    if (!key.startsWith('dc:') || spec.rule.content !== 'text') continue;
    const plain = spec.rule;
    out[key] = {
      ...spec,
      rule: {
        ...plain,
        children: { 'rdf:Description': once(ANY) },
        end: (v, n, value) => {
          if (!n.children.has('rdf:Description')) plain.end?.(v, n, value);
        },
      },
    };
  }
  return out;
}

const channelModules: Record<string, ChildSpec> = {
  ...withRichDublinCore(feedLevelExtensions()),
  'atom:link': many(atomLink),
  // The Content module's list of the channel's formats (content:items, an rdf:Bag of content:item).
  'content:items': once(ANY),
};

const channel: Rule = {
  content: 'elements',
  attrs: ABOUT_ATTRS,
  children: coreChildren(
    {
      title: once(leaf(notBlank, suggestedLength(40))),
      link: once(url(500)),
      description: once(leaf(suggestedLength(500))),
      image: once(reference('imageRef')),
      items: once(items),
      textinput: once(reference('textinputRef')),
    },
    channelModules,
  ),
  start: (v, n) => {
    // 5.3: the channel's rdf:about is its identity in RDF (most likely the URL of the RSS file).
    about(v, n);
    doc(v).channel = { line: n.el.line, column: n.el.column };
  },
  end: (v, n) => requireCore(v, n, 'title', 'link', 'description', 'items'),
};

// ── image (5.4), item (5.5), textinput (5.6) ─────────────────────────────────

const image: Rule = {
  content: 'elements',
  attrs: ABOUT_ATTRS,
  children: coreChildren(
    {
      title: once(leaf(notBlank, suggestedLength(40))),
      url: once(url(500)),
      link: once(url(500)),
    },
    withRichDublinCore(everywhereExtensions()),
  ),
  start: (v, n) => {
    const d = doc(v);
    d.present.add('image');
    d.image = about(v, n);
  },
  end: (v, n) => requireCore(v, n, 'title', 'url', 'link'),
};

const itemModules: Record<string, ChildSpec> = {
  ...withRichDublinCore(entryLevelExtensions('rss')),
  'atom:link': many(atomLink),
  'content:items': once(ANY),
};

const item: Rule = {
  content: 'elements',
  attrs: ABOUT_ATTRS,
  children: coreChildren(
    {
      title: once(leaf(notBlank, suggestedLength(100))),
      link: once(leaf(fullUri, suggestedLength(500), (_v, n, value) => (n.parent!.data.link = value))),
      description: once(leaf(suggestedLength(500))),
    },
    itemModules,
  ),
  start: (v, n) => {
    const d = doc(v);
    d.itemCount++;
    const a = about(v, n);
    if (a) d.items.push(a);
    n.data.about = rdfAttr(n, 'about');
  },
  end: (v, n) => {
    requireCore(v, n, 'title', 'link');
    // 5.5: the item's URI "should be identical to the value of the <link> sub-element ..., if possible".
    const link = n.data.link;
    const value = n.data.about;
    if (typeof link === 'string' && typeof value === 'string' && link !== '' && value !== link) {
      v.at(n, 'AboutNotLink', { value: clip(value), link: clip(link) });
    }
  },
};

const textinput: Rule = {
  content: 'elements',
  attrs: ABOUT_ATTRS,
  children: coreChildren(
    {
      title: once(leaf(notBlank, suggestedLength(40))),
      description: once(leaf(suggestedLength(100))),
      name: once(leaf(notBlank, suggestedLength(500))),
      link: once(url(500)),
    },
    withRichDublinCore(everywhereExtensions()),
  ),
  start: (v, n) => {
    const d = doc(v);
    d.present.add('textinput');
    d.textinput = about(v, n);
  },
  end: (v, n) => requireCore(v, n, 'title', 'description', 'name', 'link'),
};

// ── rdf:RDF (5.2) and the checks across the document ─────────────────────────

const TOP: Record<string, ChildSpec> = {
  channel: once(channel),
  image: once(image),
  item: many(item),
  textinput: once(textinput),
};

/** 5.5: "a maximum of fifteen items is recommended" (for RSS 0.9 and 0.91 readers). */
const RECOMMENDED_ITEMS = 15;

export const rdf: Rule = {
  content: 'elements',
  children: (v, _n, _key, el) => {
    const d = doc(v);
    if (d.rss090) return { rule: ANY };
    const spec = own(TOP, el.local);
    if (spec !== undefined) {
      if (el.uri === NS.rss1) return spec;
      if (el.uri === RSS_090 && el.local === 'channel') {
        d.rss090 = true;
        return { rule: ANY };
      }
      // Elsewhere an element of another vocabulary is an extension; here a channel, image,
      // item or textinput outside the RSS 1.0 namespace is a core element readers will not find.
      if (el.uri === '' || !STRICT_NS.has(el.uri)) {
        wrongNamespace(v, el);
        return spec;
      }
    }
    return el.uri === NS.rss1 ? UNDEFINED : undefined;
  },
  end: (v, n) => {
    const d = doc(v);
    if (d.rss090) return;
    if (d.channel === null) v.at(n, 'MissingElement', { parent: n.name, element: 'channel' });
    if (d.itemCount === 0) v.at(n, 'MissingElement', { parent: n.name, element: 'item' });
    else if (d.itemCount > RECOMMENDED_ITEMS) v.at(n, 'TooManyItems', { count: d.itemCount, max: RECOMMENDED_ITEMS });
    crossCheck(v, d);
  },
};

/** The references between channel and the top-level elements (5.3.4–5.3.6), and the uniqueness of rdf:about (5.5). */
function crossCheck(v: Validator, d: Rss10Document): void {
  const itemUris = new Set(d.items.map((i) => i.uri));
  const listedUris = new Set(d.listed.map((l) => l.uri));
  for (const l of d.listed) {
    if (!itemUris.has(l.uri)) v.add('UndescribedResource', { element: 'rdf:li', value: clip(l.uri), target: 'item' }, l.line, l.column);
  }
  // Items outside the channel's sequence "are likely to be discarded by RDF parsers" (5.3.5).
  if (d.channel !== null) {
    for (const i of d.items) if (!listedUris.has(i.uri)) v.add('UnlistedItem', { value: clip(i.uri) }, i.line, i.column);
  }
  pair(v, d, 'image');
  pair(v, d, 'textinput');
  const seen = new Map<string, string>();
  for (const a of d.abouts) {
    const earlier = seen.get(a.uri);
    // "{item_uri} must be unique with respect to any other rdf:about attributes in the RSS document."
    if (earlier !== undefined && (earlier === 'item' || a.element === 'item')) {
      v.add('DuplicateValue', { element: `${a.element} rdf:about`, value: clip(a.uri) }, a.line, a.column);
    }
    if (earlier === undefined || a.element === 'item') seen.set(a.uri, a.element);
  }
}

/**
 * The channel's image or textinput reference and the top-level element: required together when
 * the element is present ("Required only if ... present"), and naming the same URI ("must be the same").
 */
function pair(v: Validator, d: Rss10Document, element: 'image' | 'textinput'): void {
  const ref = element === 'image' ? d.imageRef : d.textinputRef;
  const target = element === 'image' ? d.image : d.textinput;
  const refPresent = d.present.has(`channel ${element}`);
  const targetPresent = d.present.has(element);
  if (targetPresent && !refPresent) {
    if (d.channel !== null) v.add('MissingElement', { parent: 'channel', element }, d.channel.line, d.channel.column);
  } else if (refPresent && !targetPresent) {
    if (ref !== null) v.add('UndescribedResource', { element, value: clip(ref.uri), target: element }, ref.line, ref.column);
  } else if (ref !== null && target !== null && ref.uri !== target.uri) {
    v.add('ResourceMismatch', { element, value: clip(ref.uri), about: clip(target.uri) }, ref.line, ref.column);
  }
}
