// A deterministic synthetic corpus of wire-text articles for benchmarks and large-folder tests.
// Same seed → same bytes, so runs are comparable across machines and commits. The words are
// invented; the shapes (datelines, bylines, photo blocks with credits) follow real wire styles.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** mulberry32: tiny, fast, good enough for picking words. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ('council budget vote minister harbour river storm bridge election court ruling league season ' +
  'market shares growth factory workers union strike talks summit treaty border trade tariff energy grid ' +
  'drought harvest farmers prices rail service airport runway hospital doctors vaccine school teachers ' +
  'museum exhibit festival opening police inquiry report officials residents mayor governor senate bill ' +
  'coast guard rescue village flood waters engineers repairs contract company profit quarter forecast').split(' ');
const PLACES = ['LONDON', 'WASHINGTON', 'NEW YORK', 'TOKYO', 'NAIROBI, Kenya', 'MANILA, Philippines', 'LIMA, Peru',
  'OSLO', 'SYDNEY', 'BERLIN', 'CHICAGO', 'MUMBAI, India', 'MONTREAL', 'CAIRO', 'SAN FRANCISCO', 'ATHENS, Ga.'];
const MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const NAMES = ['Ana Ruiz', 'Tom Okafor', 'Mei Chen', 'Lars Holm', 'Priya Nair', 'Sam Cole', 'Ines Duarte', 'Yuki Sato'];
const AGENCIES = ['AP', 'Reuters', 'AFP'];
const CREDITS = [(n) => `(AP Photo/${n})`, (n) => `${n.toUpperCase()}/AFP/Getty Images`, (n) => `Photo: ${n}/Reuters`,
  (n) => `(Photo by ${n}/Bloomberg)`, (n) => `${n.toUpperCase()} / EPA`];

/**
 * Returns the text of article number i (0-based). About 4 KB each.
 * @param {number} i
 */
export function syntheticArticle(i) {
  const r = prng(0x5eed + i * 7919);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const sentence = (n) => {
    const w = Array.from({ length: n }, () => pick(WORDS));
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  const paragraph = () => Array.from({ length: 3 + Math.floor(r() * 3) }, () => sentence(10 + Math.floor(r() * 10))).join(' ');
  const headline = `${sentence(6).slice(0, -1)}, No. ${i}`;
  const month = Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const place = pick(PLACES);
  const agency = pick(AGENCIES);
  const style = i % 4;
  const dateline =
    style === 0 ? `${place} (${agency}) — ` :
    style === 1 ? `${place}, ${MONTHS[month]} ${day} (${agency}) - ` :
    style === 2 ? `${place} — ` : `${place}, ${MONTHS[month]} ${day} - `;
  const blocks = [headline, ''];
  if (i % 3 === 0) blocks.push(`By ${pick(NAMES)} and ${pick(NAMES)}`, '');
  blocks.push(dateline + paragraph(), '');
  const paragraphs = 6 + Math.floor(r() * 4);
  for (let p = 1; p < paragraphs; p++) {
    blocks.push(paragraph(), '');
    if (p === 3 || (p === 6 && i % 2 === 0)) {
      const title = sentence(7).slice(0, -1);
      blocks.push(`Image: ${title} Image: ${title}`, '');
      blocks.push(`${sentence(14)} ${pick(CREDITS)(pick(NAMES))}`, '');
    }
  }
  return blocks.join('\n');
}

/** Writes articles [0, count) into dir as 00000-….txt files; returns their paths. */
export function writeSyntheticArticles(dir, count, start = 0) {
  mkdirSync(dir, { recursive: true });
  const paths = [];
  for (let i = start; i < start + count; i++) {
    const file = path.join(dir, `${String(i).padStart(6, '0')}-story.txt`);
    writeFileSync(file, syntheticArticle(i));
    paths.push(file);
  }
  return paths;
}
