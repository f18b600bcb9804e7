-- The choices made at an import for values that matched nothing (a form's "Intl. Organization"
-- read as the category international_organisation), remembered per event so that the next
-- export of the same form imports without questions. value_key is the value folded as the
-- import compares it (participants::values::key); target is what it is stored as.
CREATE TABLE import_value_choices (
    event_id  TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    field     TEXT NOT NULL CHECK (field IN ('category', 'status', 'country', 'honorific', 'consent')),
    value_key TEXT NOT NULL,
    target    TEXT NOT NULL,
    PRIMARY KEY (event_id, field, value_key)
) STRICT;
