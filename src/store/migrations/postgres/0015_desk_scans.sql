-- As SQLite's 0015: check-ins scanned at a desk, online or queued offline and sent later, each
-- under the id the desk gave it, so that a scan sent twice is applied once.
CREATE TABLE desk_scans (
    id             TEXT COLLATE "C" PRIMARY KEY,
    event_id       TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id TEXT COLLATE "C",
    code           TEXT COLLATE "C" NOT NULL,
    desk           TEXT COLLATE "C" NOT NULL,
    login          TEXT COLLATE "C" NOT NULL,
    scanned_at     TEXT COLLATE "C" NOT NULL,
    received_at    TEXT COLLATE "C" NOT NULL,
    outcome        TEXT COLLATE "C" NOT NULL CHECK (outcome IN ('checked_in', 'also_scanned', 'refused')),
    reason         TEXT COLLATE "C" NOT NULL DEFAULT '',
    other_desk     TEXT COLLATE "C",
    other_at       TEXT COLLATE "C"
);
CREATE INDEX desk_scans_participant ON desk_scans (participant_id, scanned_at);
CREATE INDEX desk_scans_desk ON desk_scans (event_id, desk);
