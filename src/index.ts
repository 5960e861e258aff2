// wirefeed as a library: the pieces the command line strings together, each usable on its own.
//
//   import { parseConfig, ingestArticle, renderFeeds, validateFeedText } from 'wirefeed';
//
// ingest, render and validate are pure: values in, values out, no disk and no clock (a caller
// that wants dates judged against the time passes `now`). publish, serve and schedule are the
// edges: they read and write files, listen on sockets and run timers.

export type { Article, Dateline, Diagnostic, MediaItem, Person, Site, SourceRef } from './model/index.js';

// An article file's path and bytes → the canonical Article, or a Diagnostic naming file, line and reason.
export { ingestArticle, isArticleFile, mintTagId, slugify, IngestErrors, IngestWarnings, type IngestInput, type IngestOptions, type IngestResult } from './ingest/index.js';

// Site + Articles → the text of each feed (the main feeds; archive pages are the publish job's).
export { renderFeeds, renderRss, renderAtom, renderJsonFeed, articleHtml, sortNewestFirst, FEED_FILES, type FeedFile, type FeedPage } from './render/index.js';

// Any RSS, Atom or JSON Feed document → errors and warnings, each with a stable code (CODES).
export {
  validateFeed,
  validateFeedText,
  createValidator,
  CODES,
  JSON_LIMIT,
  type Code,
  type FeedFormat,
  type Message,
  type StreamingValidator,
  type ValidateOptions,
  type ValidationReport,
} from './validate/index.js';
export { fetchFeed, FetchError, type FetchedFeed, type FetchOptions } from './validate/fetch.js';

// The whole job as `wirefeed publish` runs it: articles folder → validated feeds swapped into output/.
export {
  runPublish,
  defaultStages,
  loadConfig,
  parseConfig,
  ConfigError,
  DEFAULT_CONFIG_FILE,
  formatSummary,
  formatDiagnostic,
  LedgerError,
  type Config,
  type PublishOptions,
  type PublishStages,
  type PublishReport,
  type PublishOutcome,
  type EmbargoedArticle,
} from './publish/index.js';

// The edges: serving output/ over HTTP, and publishing on a cron schedule.
export { startServer, type ServeOptions, type RunningServer } from './serve/server.js';
export { startSchedule, checkSchedule, type ScheduleOptions, type ScheduleHandle } from './schedule/scheduler.js';
