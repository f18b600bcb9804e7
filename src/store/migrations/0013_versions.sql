-- Each record a person edits in a form carries a version, raised by every write to it: a save
-- made from a form opened before another desk's change is refused instead of undoing it.
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE rooms ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE sessions ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE speakers ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE participants ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE delegations ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);
ALTER TABLE pledges ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version > 0);

-- An event's own audit trail goes with it; this record of its deletion does not: who deleted
-- which event, when, and the backup taken just before.
CREATE TABLE deleted_events (
    id       INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL,
    title_en TEXT NOT NULL,
    title_ar TEXT NOT NULL,
    at       TEXT NOT NULL,
    actor    TEXT NOT NULL,
    backup   TEXT
) STRICT;
