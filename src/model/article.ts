// The canonical model: what every input kind is read into and every format is rendered from.
// Text stays text here: no HTML entities, no markup. Escaping happens once, in render/.

/** A person credited on an article (byline) or on a site. */
export interface Person {
  name: string;
  /** What the person did, when the byline says so ("Reporting", "Editing", "Photographer"). */
  role?: string | null;
  email?: string | null;
  url?: string | null;
}

/** The place/date/agency line that opens a wire story: `MANILA, Philippines (AP) —`. */
export interface Dateline {
  /** `DA’NANG, Vietnam`; null for a bare `(Reuters) -`. */
  place: string | null;
  /** ISO date (YYYY-MM-DD) when the dateline names one, with its year resolved. */
  date: string | null;
  /** `AP`, `Reuters`, `CP`, … when the dateline names one. */
  agency: string | null;
  /** The dateline exactly as it opened the first paragraph, dash included. */
  raw: string;
}

/** A photo (or other media) block of the article. */
export interface MediaItem {
  /** The `Image:` text, de-doubled, or the front matter title. */
  title: string | null;
  caption: string | null;
  credit: string | null;
  url: string | null;
  /** MIME type, e.g. `image/jpeg`. */
  type: string | null;
  /** Size in bytes, when known (front matter). */
  size?: number | null;
  width?: number | null;
  height?: number | null;
  /**
   * Where the block stood: before body[before] (body.length when it came last). Absent for a
   * photo the source did not place (front matter only): it leads the article.
   */
  before?: number | null;
}

export interface SourceRef {
  /** Path of the article file as given (relative to the working directory or articles folder). */
  path: string;
  /** sha256 of the file's bytes, hex. */
  sha256: string;
}

export interface Article {
  /** RFC 4151 tag URI (or a front matter id); the same in every format, never changes. */
  id: string;
  slug: string;
  /** Absolute URL of the article's page. */
  url: string;
  headline: string;
  dateline: Dateline | null;
  byline: Person[];
  /** RFC 3339 timestamp. */
  published: string;
  /** RFC 3339 timestamp; moves only when the article's content changes. */
  updated: string;
  summary: string | null;
  body: string[];
  media: MediaItem[];
  tags: string[];
  /** BCP 47 language tag. */
  language: string;
  /** Editor's notes and correction lines, kept apart from the body. */
  notes?: string[];
  /** Sub-headings of web-style articles, each standing before body[before] (kept out of body). */
  headings?: { before: number; text: string }[];
  source: SourceRef;
}
