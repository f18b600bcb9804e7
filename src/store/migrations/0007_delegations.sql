-- Delegations (issue 5): the people of one member state or organisation at an event, with an
-- optional head of delegation. A participant belongs to at most one delegation (a column, not
-- a link table); deleting a delegation leaves its members without one. Also the participant's
-- honorific (H.E., Dr), printed on badges.

CREATE TABLE delegations (
    id         TEXT PRIMARY KEY,
    event_id   TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    name_en    TEXT NOT NULL,
    name_ar    TEXT NOT NULL,
    country    TEXT,
    head_id    TEXT REFERENCES participants (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX delegations_event ON delegations (event_id);

ALTER TABLE participants ADD COLUMN delegation_id TEXT REFERENCES delegations (id) ON DELETE SET NULL;
ALTER TABLE participants ADD COLUMN honorific TEXT NOT NULL DEFAULT '';
CREATE INDEX participants_delegation ON participants (delegation_id) WHERE delegation_id IS NOT NULL;
CREATE INDEX participants_sort_name ON participants (event_id, name_key, id);
