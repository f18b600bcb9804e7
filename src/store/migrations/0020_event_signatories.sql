-- Who signs an event's certificates of attendance (at most two, checked in the core): a name
-- and a title, each in English and Arabic, in the order the blocks stand on the page. A table
-- beside event_organisers, as the organisers are kept.
CREATE TABLE event_signatories (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name_en  TEXT NOT NULL DEFAULT '',
    name_ar  TEXT NOT NULL DEFAULT '',
    title_en TEXT NOT NULL DEFAULT '',
    title_ar TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, position)
) STRICT;
