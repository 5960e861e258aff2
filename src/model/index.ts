export type { Article, Dateline, MediaItem, Person, SourceRef } from './article.js';
export type { Site } from './site.js';
export type { Diagnostic } from './diagnostic.js';
