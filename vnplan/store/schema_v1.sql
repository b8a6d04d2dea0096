-- vnplan store, schema version 1.
-- One table per tidy table of vnplan.collection.Records (same column names, same order);
-- "path" (the document's source path) joins them.  Dates are ISO text (YYYY-MM-DD), lists JSON text.
-- Plain SQL: it loads into PostgreSQL as it is (see docs/store.md).

CREATE TABLE schema_version (
    version     INTEGER NOT NULL,
    applied_at  TEXT    NOT NULL
);

-- Records.to_dataframe(), plus the whole record as JSON (what vnplan.load reads back),
-- and the accent-folded title that the full-text index covers.
CREATE TABLE records (
    path TEXT PRIMARY KEY,
    source_sha256 TEXT, source_size INTEGER, source_format TEXT, source_pages INTEGER,
    duplicate_of TEXT, duplicate_by TEXT, error TEXT, message TEXT,
    doc_type TEXT, number TEXT, symbol TEXT, issue_date TEXT, issue_year INTEGER, place TEXT,
    issuer_name TEXT, issuer_level TEXT, issuer_parent TEXT, title TEXT, theme TEXT,
    period_start TEXT, period_end TEXT, signer_name TEXT, signer_title TEXT, signer_authority TEXT,
    citations TEXT, named_citations TEXT, activities TEXT, responsibilities TEXT, deadlines TEXT,
    recipients TEXT, warnings TEXT, province TEXT,
    title_folded TEXT,
    record_json TEXT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX records_seq ON records (seq);
CREATE INDEX records_level_year ON records (issuer_level, issue_year);

-- The normalised text of each document (when the store was written by `vnplan extract`).
CREATE TABLE texts (
    path TEXT PRIMARY KEY REFERENCES records (path) ON DELETE CASCADE,
    text TEXT NOT NULL,
    text_folded TEXT NOT NULL
);

CREATE TABLE citations (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, level TEXT, year INTEGER, "index" INTEGER,
    doc_type TEXT, number TEXT, symbol TEXT, date TEXT, issuer TEXT, relation TEXT
);
CREATE TABLE activities (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, level TEXT, year INTEGER, "index" INTEGER,
    text TEXT
);
CREATE TABLE responsibilities (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, level TEXT, year INTEGER, "index" INTEGER,
    agency TEXT, task_index INTEGER, task TEXT
);
CREATE TABLE deadlines (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, level TEXT, year INTEGER, "index" INTEGER,
    date TEXT, text TEXT, lead_days INTEGER, activity_index INTEGER, agency TEXT
);
CREATE TABLE recipients (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, level TEXT, year INTEGER, "index" INTEGER,
    recipient TEXT
);
CREATE TABLE warnings (
    path TEXT NOT NULL REFERENCES records (path) ON DELETE CASCADE,
    document TEXT, "index" INTEGER, code TEXT, severity TEXT, message TEXT
);
CREATE INDEX citations_path ON citations (path);
CREATE INDEX activities_path ON activities (path);
CREATE INDEX responsibilities_path ON responsibilities (path);
CREATE INDEX deadlines_path ON deadlines (path);
CREATE INDEX recipients_path ON recipients (path);
CREATE INDEX warnings_path ON warnings (path);

-- The citation graph (vnplan.link) of everything in the store, rebuilt when a run ends.
-- source/target are graph node ids; target_path is NULL for a document cited but not in the archive.
CREATE TABLE edges (
    source TEXT NOT NULL, target TEXT NOT NULL, relation TEXT,
    source_path TEXT, target_path TEXT, target_label TEXT, target_kind TEXT,
    resolution TEXT, confidence REAL, cited_as TEXT, cited_date TEXT, text TEXT
);
CREATE INDEX edges_source ON edges (source_path);
CREATE INDEX edges_target ON edges (target_path);

-- Full-text search over accent-folded titles and texts: `hoa xa` finds `Hoà Xá`.
CREATE VIRTUAL TABLE search USING fts5 (path UNINDEXED, title_folded, text_folded, tokenize = 'unicode61');
