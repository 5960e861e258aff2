// The publish job and its parts, for the CLI, the schedule and anyone embedding wirefeed.
export { runPublish, toIso, type PublishOptions, type PublishStages, type IngestResult } from './job.js';
export { defaultStages } from './stages.js';
export { formatSummary, formatDiagnostic, type PublishReport, type PublishOutcome, type EmbargoedArticle } from './report.js';
export { loadConfig, parseConfig, ConfigError, DEFAULT_CONFIG_FILE, type Config } from './config.js';
export { LedgerError, loadLedger, parseLedger, serializeLedger, matchLedger, type Ledger, type LedgerEntry } from './ledger.js';
export { nodeFs, type PublishFs } from './fsio.js';
