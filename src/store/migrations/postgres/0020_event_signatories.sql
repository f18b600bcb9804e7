-- As SQLite's 0020: who signs an event's certificates of attendance, in order.
CREATE TABLE event_signatories (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name_en  TEXT COLLATE "C" NOT NULL DEFAULT '',
    name_ar  TEXT COLLATE "C" NOT NULL DEFAULT '',
    title_en TEXT COLLATE "C" NOT NULL DEFAULT '',
    title_ar TEXT COLLATE "C" NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
);
