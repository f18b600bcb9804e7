-- Outcome documents: numbered versions of an event's document, each with its ordered sections.
-- A version is a draft until adopted (adopted_at set); an adopted version is never changed,
-- the next edit copies it into a new draft. A section keeps its `key` across versions so
-- that two versions can be compared section by section. Kinds are checked in Rust.
-- Bodies are rich text as JSON (paragraphs, spans, lists), validated in Rust, never HTML.
-- (Numbered 0006: 0004 and 0005 belong to work on other branches.)

CREATE TABLE outcome_versions (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL CHECK (number >= 1),
    created_at TEXT NOT NULL,
    adopted_at TEXT,
    adopted_by TEXT NOT NULL DEFAULT '',
    UNIQUE (event_id, number)
) STRICT;

CREATE TABLE outcome_sections (
    version_id TEXT NOT NULL REFERENCES outcome_versions (id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    position   INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    title_ar   TEXT NOT NULL,
    body_en    TEXT NOT NULL,
    body_ar    TEXT NOT NULL,
    -- When each language was last written; NULL: never.
    updated_en TEXT,
    updated_ar TEXT,
    actor_en   TEXT NOT NULL,
    actor_ar   TEXT NOT NULL,
    speaker_id TEXT REFERENCES speakers (id) ON DELETE SET NULL,
    PRIMARY KEY (version_id, key)
) STRICT;
CREATE INDEX outcome_sections_key ON outcome_sections (key);

CREATE TABLE outcome_section_sessions (
    version_id  TEXT NOT NULL,
    section_key TEXT NOT NULL,
    position    INTEGER NOT NULL,
    session_id  TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    PRIMARY KEY (version_id, section_key, position),
    FOREIGN KEY (version_id, section_key) REFERENCES outcome_sections (version_id, key) ON DELETE CASCADE
) STRICT;
