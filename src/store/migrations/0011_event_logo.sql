-- An event's logo, drawn on the title page of its outcome document. A table of its own so that
-- reading an event (lists, forms, exports) never carries the image. The bytes are the PNG or
-- JPEG file as given, checked by decoding it before it is stored.
CREATE TABLE event_logos (
    event_id   TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    format     TEXT NOT NULL CHECK (format IN ('png', 'jpeg')),
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    image      BLOB NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
