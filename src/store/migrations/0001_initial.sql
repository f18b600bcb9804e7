-- The first schema: events and the five kinds of record that hang from them.
-- Times are RFC 3339 UTC text (sorts as text); money is integer minor units.

CREATE TABLE events (
    id             TEXT PRIMARY KEY,
    title_en       TEXT NOT NULL,
    title_ar       TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_ar TEXT NOT NULL,
    venue          TEXT NOT NULL,
    city           TEXT NOT NULL,
    country        TEXT,
    timezone       TEXT NOT NULL,
    start_date     TEXT NOT NULL,
    end_date       TEXT NOT NULL CHECK (end_date >= start_date),
    status         TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'archived')),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;

CREATE TABLE event_organisers (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
) STRICT;

CREATE TABLE categories (
    id       TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    name_ar  TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (event_id, key)
) STRICT;

CREATE TABLE rooms (
    id       TEXT PRIMARY KEY,
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en  TEXT NOT NULL,
    name_ar  TEXT NOT NULL,
    capacity INTEGER CHECK (capacity >= 0)
) STRICT;
CREATE INDEX rooms_event ON rooms (event_id);

CREATE TABLE sessions (
    id             TEXT PRIMARY KEY,
    event_id       TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room_id        TEXT REFERENCES rooms (id) ON DELETE SET NULL,
    title_en       TEXT NOT NULL,
    title_ar       TEXT NOT NULL,
    description_en TEXT NOT NULL,
    description_ar TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('opening', 'plenary', 'panel', 'workshop', 'side_event', 'break', 'closing')),
    starts_at      TEXT NOT NULL,
    ends_at        TEXT NOT NULL CHECK (ends_at > starts_at)
) STRICT;
CREATE INDEX sessions_event ON sessions (event_id, starts_at);

CREATE TABLE participants (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en         TEXT NOT NULL,
    name_ar         TEXT NOT NULL,
    email           TEXT,
    phone           TEXT,
    organisation_en TEXT NOT NULL,
    organisation_ar TEXT NOT NULL,
    country         TEXT,
    category_id     TEXT NOT NULL REFERENCES categories (id),
    status          TEXT NOT NULL CHECK (status IN ('interest_registered', 'confirmed', 'declined', 'waitlisted', 'checked_in')),
    badge_code      TEXT NOT NULL,
    consent         INTEGER NOT NULL CHECK (consent IN (0, 1)),
    registered_at   TEXT NOT NULL,
    UNIQUE (event_id, badge_code)
) STRICT;
CREATE INDEX participants_event ON participants (event_id);
CREATE INDEX participants_category ON participants (category_id);

CREATE TABLE speakers (
    id              TEXT PRIMARY KEY,
    event_id        TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id  TEXT UNIQUE REFERENCES participants (id) ON DELETE SET NULL,
    honorific_en    TEXT NOT NULL,
    honorific_ar    TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    name_ar         TEXT NOT NULL,
    position_en     TEXT NOT NULL,
    position_ar     TEXT NOT NULL,
    organisation_en TEXT NOT NULL,
    organisation_ar TEXT NOT NULL,
    country         TEXT,
    email           TEXT,
    bio_en          TEXT NOT NULL,
    bio_ar          TEXT NOT NULL
) STRICT;
CREATE INDEX speakers_event ON speakers (event_id);

CREATE TABLE session_speakers (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    speaker_id TEXT NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('chair', 'moderator', 'speaker', 'panellist', 'rapporteur')),
    PRIMARY KEY (session_id, speaker_id, role)
) STRICT;
CREATE INDEX session_speakers_speaker ON session_speakers (speaker_id);

CREATE TABLE pledges (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    donor      TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    currency   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('announced', 'committed', 'paid')),
    session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
    speaker_id TEXT REFERENCES speakers (id) ON DELETE SET NULL,
    notes      TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX pledges_event ON pledges (event_id);

CREATE TABLE pledge_years (
    pledge_id    TEXT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    year         INTEGER NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (pledge_id, year)
) STRICT;
