-- Check-ins scanned at a desk (online, or queued while the desk could not reach the team
-- database and sent later), each under the id the desk gave it: a scan sent twice (a replay
-- cut short and run again) is applied once. participant_id is not a foreign key: a person
-- erased while the desk was offline still has their refused scan on record, without content.
-- outcome: checked_in (the scan that stands: the first by time), also_scanned (the person was
-- already checked in: other_desk and other_at name the scan that stands), refused (declined,
-- or no longer registered: reason says which).
CREATE TABLE desk_scans (
    id             TEXT PRIMARY KEY,
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id TEXT,
    code           TEXT NOT NULL,
    desk           TEXT NOT NULL,
    login          TEXT NOT NULL,
    scanned_at     TEXT NOT NULL,
    received_at    TEXT NOT NULL,
    outcome        TEXT NOT NULL CHECK (outcome IN ('checked_in', 'also_scanned', 'refused')),
    reason         TEXT NOT NULL DEFAULT '',
    other_desk     TEXT,
    other_at       TEXT
) STRICT;
CREATE INDEX desk_scans_participant ON desk_scans (participant_id, scanned_at);
CREATE INDEX desk_scans_desk ON desk_scans (event_id, desk);
