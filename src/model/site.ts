import type { Person } from './article.js';

/** Everything about the publication that the formats need besides its articles. */
export interface Site {
  title: string;
  /** Home page, absolute URL ending in `/`. */
  url: string;
  description: string;
  /** BCP 47 language tag, the default for articles that do not say. */
  language: string;
  author: Person | null;
  /** Absolute URL of a square icon, or null. */
  icon: string | null;
  /** IANA zone in which datelines without a zone are read, e.g. `Asia/Ho_Chi_Minh`. */
  timezone: string;
  /** Absolute URL of the folder the feeds are served from (ends in `/`). */
  feedBaseUrl: string;
  /** Newest items in the main feeds. */
  itemLimit: number;
  /** WebSub hubs advertised by every feed. */
  hubs: string[];
  /** Copyright line, or null. */
  copyright: string | null;
}
