-- Team mode: the whole schema at version 13 for PostgreSQL, equal to what SQLite's migrations
-- 0001-0013 build. Team databases begin at 13; from here on each schema change is a pair of
-- files with one number, one per engine.
--
-- Text compares byte by byte (COLLATE "C"), as in SQLite, so that ids, ISO times and sort keys
-- order the same on both engines whatever the server's locale. Integers are BIGINT throughout,
-- flags 0/1 as in SQLite.

CREATE TABLE events (
    id             TEXT COLLATE "C" PRIMARY KEY,
    title_en       TEXT COLLATE "C" NOT NULL,
    title_ar       TEXT COLLATE "C" NOT NULL,
    description_en TEXT COLLATE "C" NOT NULL,
    description_ar TEXT COLLATE "C" NOT NULL,
    venue          TEXT COLLATE "C" NOT NULL,
    city           TEXT COLLATE "C" NOT NULL,
    country        TEXT COLLATE "C",
    timezone       TEXT COLLATE "C" NOT NULL,
    start_date     TEXT COLLATE "C" NOT NULL,
    end_date       TEXT COLLATE "C" NOT NULL CHECK (end_date >= start_date),
    status         TEXT COLLATE "C" NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'archived')),
    created_at     TEXT COLLATE "C" NOT NULL,
    updated_at     TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE TABLE event_organisers (
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name     TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE TABLE categories (
    id       TEXT COLLATE "C" PRIMARY KEY,
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    key      TEXT COLLATE "C" NOT NULL,
    name_en  TEXT COLLATE "C" NOT NULL,
    name_ar  TEXT COLLATE "C" NOT NULL,
    position BIGINT NOT NULL,
    colour TEXT COLLATE "C" NOT NULL DEFAULT '#6b7280'
    CHECK (colour ~ '^#[0-9a-f]{6}$'),
    UNIQUE (event_id, key)
);
CREATE TABLE delegations (
    id         TEXT COLLATE "C" PRIMARY KEY,
    event_id   TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en    TEXT COLLATE "C" NOT NULL,
    name_ar    TEXT COLLATE "C" NOT NULL,
    country    TEXT COLLATE "C",
    head_id    TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE INDEX delegations_event ON delegations (event_id);
CREATE TABLE rooms (
    id       TEXT COLLATE "C" PRIMARY KEY,
    event_id TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en  TEXT COLLATE "C" NOT NULL,
    name_ar  TEXT COLLATE "C" NOT NULL,
    capacity BIGINT CHECK (capacity >= 0),
    parallel BIGINT NOT NULL DEFAULT 0 CHECK (parallel IN (0, 1)),
    opens TEXT COLLATE "C",
    closes TEXT COLLATE "C" CHECK ((opens IS NULL) = (closes IS NULL) AND (closes IS NULL OR closes > opens)),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE INDEX rooms_event ON rooms (event_id);
CREATE TABLE sessions (
    id             TEXT COLLATE "C" PRIMARY KEY,
    event_id       TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    room_id        TEXT COLLATE "C" REFERENCES rooms (id) ON DELETE SET NULL,
    title_en       TEXT COLLATE "C" NOT NULL,
    title_ar       TEXT COLLATE "C" NOT NULL,
    description_en TEXT COLLATE "C" NOT NULL,
    description_ar TEXT COLLATE "C" NOT NULL,
    kind           TEXT COLLATE "C" NOT NULL CHECK (kind IN ('opening', 'plenary', 'panel', 'workshop', 'side_event', 'break', 'closing')),
    starts_at      TEXT COLLATE "C" NOT NULL,
    ends_at        TEXT COLLATE "C" NOT NULL CHECK (ends_at > starts_at),
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE INDEX sessions_event ON sessions (event_id, starts_at);
CREATE TABLE participants (
    id              TEXT COLLATE "C" PRIMARY KEY,
    event_id        TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en         TEXT COLLATE "C" NOT NULL,
    name_ar         TEXT COLLATE "C" NOT NULL,
    email           TEXT COLLATE "C",
    phone           TEXT COLLATE "C",
    organisation_en TEXT COLLATE "C" NOT NULL,
    organisation_ar TEXT COLLATE "C" NOT NULL,
    country         TEXT COLLATE "C",
    category_id     TEXT COLLATE "C" NOT NULL REFERENCES categories (id),
    status          TEXT COLLATE "C" NOT NULL CHECK (status IN ('interest_registered', 'confirmed', 'declined', 'waitlisted', 'checked_in')),
    badge_code      TEXT COLLATE "C" NOT NULL,
    consent         BIGINT NOT NULL CHECK (consent IN (0, 1)),
    registered_at   TEXT COLLATE "C" NOT NULL,
    search_key TEXT COLLATE "C" NOT NULL DEFAULT '',
    name_key TEXT COLLATE "C" NOT NULL DEFAULT '',
    org_key TEXT COLLATE "C" NOT NULL DEFAULT '',
    email_key TEXT COLLATE "C",
    delegation_id TEXT COLLATE "C",
    honorific TEXT COLLATE "C" NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0),
    UNIQUE (event_id, badge_code)
);
CREATE INDEX participants_category ON participants (category_id);
CREATE TABLE speakers (
    id              TEXT COLLATE "C" PRIMARY KEY,
    event_id        TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    participant_id  TEXT COLLATE "C" UNIQUE REFERENCES participants (id) ON DELETE SET NULL,
    honorific_en    TEXT COLLATE "C" NOT NULL,
    honorific_ar    TEXT COLLATE "C" NOT NULL,
    name_en         TEXT COLLATE "C" NOT NULL,
    name_ar         TEXT COLLATE "C" NOT NULL,
    position_en     TEXT COLLATE "C" NOT NULL,
    position_ar     TEXT COLLATE "C" NOT NULL,
    organisation_en TEXT COLLATE "C" NOT NULL,
    organisation_ar TEXT COLLATE "C" NOT NULL,
    country         TEXT COLLATE "C",
    email           TEXT COLLATE "C",
    bio_en          TEXT COLLATE "C" NOT NULL,
    bio_ar          TEXT COLLATE "C" NOT NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE INDEX speakers_event ON speakers (event_id);
CREATE TABLE session_speakers (
    session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    speaker_id TEXT COLLATE "C" NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('chair', 'moderator', 'speaker', 'panellist', 'rapporteur')),
    -- The order of assignment, which SQLite reads from its rowid.
    seq        BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (session_id, speaker_id, role)
);
CREATE INDEX session_speakers_speaker ON session_speakers (speaker_id);
CREATE TABLE pledges (
    id         TEXT COLLATE "C" PRIMARY KEY,
    event_id   TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    recipient  TEXT COLLATE "C" NOT NULL,
    currency   TEXT COLLATE "C" NOT NULL,
    session_id TEXT COLLATE "C" REFERENCES sessions (id) ON DELETE SET NULL,
    speaker_id TEXT COLLATE "C" REFERENCES speakers (id) ON DELETE SET NULL,
    notes      TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    purpose_en TEXT COLLATE "C" NOT NULL DEFAULT '',
    purpose_ar TEXT COLLATE "C" NOT NULL DEFAULT '',
    kind TEXT COLLATE "C" NOT NULL DEFAULT 'financial' CHECK (kind IN ('financial', 'in_kind')),
    in_kind TEXT COLLATE "C" NOT NULL DEFAULT '',
    usd_rate TEXT COLLATE "C",
    rate_date TEXT COLLATE "C",
    rate_source TEXT COLLATE "C" NOT NULL DEFAULT '',
    cancelled_on TEXT COLLATE "C",
    cancel_reason TEXT COLLATE "C" NOT NULL DEFAULT '',
    entry_mode TEXT COLLATE "C" CHECK (entry_mode IN ('per_year', 'total', 'lines')),
    delegation_id TEXT COLLATE "C" REFERENCES delegations (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1 CHECK (version > 0));
CREATE INDEX pledges_event ON pledges (event_id);
CREATE TABLE pledge_years (
    pledge_id    TEXT COLLATE "C" NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    year         BIGINT NOT NULL,
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    committed_on TEXT COLLATE "C",
    paid_minor BIGINT NOT NULL DEFAULT 0 CHECK (paid_minor >= 0),
    paid_on TEXT COLLATE "C",
    PRIMARY KEY (pledge_id, year)
);
CREATE TABLE pledge_donors (
    pledge_id TEXT COLLATE "C" NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    name      TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (pledge_id, position)
);
CREATE TABLE audit_log (
    id        BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at        TEXT COLLATE "C" NOT NULL,
    actor     TEXT COLLATE "C" NOT NULL,
    entity    TEXT COLLATE "C" NOT NULL,
    entity_id TEXT COLLATE "C" NOT NULL,
    event_id  TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    action    TEXT COLLATE "C" NOT NULL,
    before    TEXT COLLATE "C",
    after     TEXT COLLATE "C"
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_event ON audit_log (event_id, id);
CREATE TABLE speaker_availability (
    speaker_id TEXT COLLATE "C" NOT NULL REFERENCES speakers (id) ON DELETE CASCADE,
    starts_at  TEXT COLLATE "C" NOT NULL,
    ends_at    TEXT COLLATE "C" NOT NULL CHECK (ends_at > starts_at),
    PRIMARY KEY (speaker_id, starts_at)
);
CREATE TABLE programme_settings (
    event_id              TEXT COLLATE "C" PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    travel_buffer_minutes BIGINT NOT NULL DEFAULT 0 CHECK (travel_buffer_minutes BETWEEN 0 AND 1440)
);
CREATE TABLE releases (
    id         TEXT COLLATE "C" PRIMARY KEY,
    event_id   TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name       TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL,
    snapshot   TEXT COLLATE "C" NOT NULL,
    UNIQUE (event_id, name)
);
CREATE INDEX participants_email_key ON participants (event_id, email_key) WHERE email_key IS NOT NULL;
CREATE TABLE participant_answers (
    participant_id TEXT COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    position       BIGINT NOT NULL,
    question       TEXT COLLATE "C" NOT NULL,
    answer         TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (participant_id, position)
);
CREATE TABLE outcome_versions (
    id         TEXT COLLATE "C" PRIMARY KEY,
    event_id   TEXT COLLATE "C" NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    number     BIGINT NOT NULL CHECK (number >= 1),
    created_at TEXT COLLATE "C" NOT NULL,
    adopted_at TEXT COLLATE "C",
    adopted_by TEXT COLLATE "C" NOT NULL DEFAULT '',
    generated TEXT COLLATE "C",
    UNIQUE (event_id, number)
);
CREATE TABLE outcome_sections (
    version_id TEXT COLLATE "C" NOT NULL REFERENCES outcome_versions (id) ON DELETE CASCADE,
    key        TEXT COLLATE "C" NOT NULL,
    position   BIGINT NOT NULL,
    kind       TEXT COLLATE "C" NOT NULL,
    title_en   TEXT COLLATE "C" NOT NULL,
    title_ar   TEXT COLLATE "C" NOT NULL,
    body_en    TEXT COLLATE "C" NOT NULL,
    body_ar    TEXT COLLATE "C" NOT NULL,
    -- When each language was last written; NULL: never.
    updated_en TEXT COLLATE "C",
    updated_ar TEXT COLLATE "C",
    actor_en   TEXT COLLATE "C" NOT NULL,
    actor_ar   TEXT COLLATE "C" NOT NULL,
    speaker_id TEXT COLLATE "C" REFERENCES speakers (id) ON DELETE SET NULL,
    PRIMARY KEY (version_id, key)
);
CREATE INDEX outcome_sections_key ON outcome_sections (key);
CREATE TABLE outcome_section_sessions (
    version_id  TEXT COLLATE "C" NOT NULL,
    section_key TEXT COLLATE "C" NOT NULL,
    position    BIGINT NOT NULL,
    session_id  TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    PRIMARY KEY (version_id, section_key, position),
    FOREIGN KEY (version_id, section_key) REFERENCES outcome_sections (version_id, key) ON DELETE CASCADE
);
CREATE INDEX participants_delegation ON participants (delegation_id) WHERE delegation_id IS NOT NULL;
CREATE INDEX participants_sort_name ON participants (event_id, name_key, id);
CREATE TABLE session_signups (
    session_id     TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT COLLATE "C" NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX session_signups_participant ON session_signups (participant_id);
CREATE TABLE event_logos (
    event_id   TEXT COLLATE "C" PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    format     TEXT COLLATE "C" NOT NULL CHECK (format IN ('png', 'jpeg')),
    width      BIGINT NOT NULL,
    height     BIGINT NOT NULL,
    image      BYTEA NOT NULL,
    updated_at TEXT COLLATE "C" NOT NULL
);
CREATE TABLE deleted_events (
    id       BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event_id TEXT COLLATE "C" NOT NULL,
    title_en TEXT COLLATE "C" NOT NULL,
    title_ar TEXT COLLATE "C" NOT NULL,
    at       TEXT COLLATE "C" NOT NULL,
    actor    TEXT COLLATE "C" NOT NULL,
    backup   TEXT COLLATE "C"
);

-- The two tables refer to each other; SQLite resolves that lazily, PostgreSQL needs both first.
ALTER TABLE participants ADD FOREIGN KEY (delegation_id) REFERENCES delegations (id) ON DELETE SET NULL;
ALTER TABLE delegations ADD FOREIGN KEY (head_id) REFERENCES participants (id) ON DELETE SET NULL;

-- Every committed change tells the desks that listen which table it touched, whoever wrote it
-- (an app, the CLI, an admin by hand): channel `muntada`, the table's name as payload.
-- PostgreSQL sends each distinct payload once per transaction, at commit.
CREATE FUNCTION muntada_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('muntada', TG_TABLE_NAME);
    RETURN NULL;
END
$$;
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['events', 'rooms', 'sessions', 'speakers', 'session_speakers', 'participants', 'delegations', 'pledges', 'pledge_years', 'outcome_versions', 'outcome_sections'] LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION muntada_notify()', t || '_notify', t);
    END LOOP;
END
$$;
