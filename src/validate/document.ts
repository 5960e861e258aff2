// The document level: the root element decides the format (RSS, RSS 1.0, Atom) and the rules
// that apply below it. A root in the wrong namespace is still checked as what it tries to be.
import { entry, feed } from './atom.js';
import { rss } from './rss.js';
import { rdf } from './rss10.js';
import { ANY, NS, type Rule } from './tree.js';

const ATOM_03 = 'http://purl.org/atom/ns#';

export const documentRule: Rule = {
  content: 'elements',
  children: (v, _n, key, el) => {
    if (v.depth > 0 || _n.children.size > 0) return undefined; // a second root cannot happen in well-formed XML
    if (el.local === 'rss') {
      v.format = 'rss';
      if (el.uri !== '') v.add('InvalidNamespace', { element: 'rss', namespace: el.uri }, el.line, el.column);
      return { rule: el.uri === '' ? rss : ANY };
    }
    if (key === 'rdf:RDF') {
      v.format = 'rss';
      return { rule: rdf };
    }
    if (el.local === 'feed' || el.local === 'entry') {
      v.format = 'atom';
      if (el.uri === NS.atom) return { rule: el.local === 'feed' ? feed : entry };
      if (el.uri === '') v.add('MissingNamespace', { element: el.local, namespace: NS.atom }, el.line, el.column);
      else v.add('InvalidNamespace', { element: el.local, namespace: el.uri === ATOM_03 ? `${el.uri} (Atom 0.3)` : el.uri }, el.line, el.column);
      return { rule: ANY };
    }
    v.add('UnknownFormat', { element: el.name }, el.line, el.column);
    return { rule: ANY };
  },
};
