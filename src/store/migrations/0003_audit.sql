-- The audit trail: who changed what and when, written by the store in the same transaction as
-- the change. `entity` and `action` are checked in Rust rather than by CHECK constraints, so
-- that a later kind (the outcome document's adoption) needs no table rebuild.
-- An event's trail goes with the event: deleting an event removes everything in it.

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
) STRICT;
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_event ON audit_log (event_id, id);
