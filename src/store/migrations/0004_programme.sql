-- The programme's conflict rules and releases: rooms that allow overlapping sessions and their
-- daily opening hours, speakers' stated availability, a per-event travel buffer between rooms,
-- and named, frozen releases of the programme.

-- A parallel room (a poster area, an exhibition) may hold several sessions at once.
ALTER TABLE rooms ADD COLUMN parallel INTEGER NOT NULL DEFAULT 0 CHECK (parallel IN (0, 1));
-- Daily opening hours as local wall-clock times 'HH:MM' of the event's timezone; both or neither.
ALTER TABLE rooms ADD COLUMN opens TEXT;
ALTER TABLE rooms ADD COLUMN closes TEXT CHECK ((opens IS NULL) = (closes IS NULL) AND (closes IS NULL OR closes > opens));

-- When a speaker said they can be there: UTC instants, half-open. None stated = always.
CREATE TABLE speaker_availability (
    speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL CHECK (ends_at > starts_at),
    PRIMARY KEY (speaker_id, starts_at)
) STRICT;

-- Settings of an event's programme kept apart from the event row.
CREATE TABLE programme_settings (
    event_id              TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    travel_buffer_minutes INTEGER NOT NULL DEFAULT 0 CHECK (travel_buffer_minutes BETWEEN 0 AND 1440)
) STRICT;

-- A release: the programme as it stood, frozen as JSON (rooms, sessions, speakers, roles).
CREATE TABLE releases (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    snapshot   TEXT NOT NULL,
    UNIQUE (event_id, name)
) STRICT;
