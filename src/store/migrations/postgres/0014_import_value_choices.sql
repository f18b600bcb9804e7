-- As SQLite's 0014: the choices made at an import for values that matched nothing, remembered
-- per event.
CREATE TABLE import_value_choices (
    event_id  TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field     TEXT COLLATE "C" NOT NULL CHECK (field IN ('category', 'status', 'country', 'honorific', 'consent')),
    value_key TEXT COLLATE "C" NOT NULL,
    target    TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, field, value_key)
);
