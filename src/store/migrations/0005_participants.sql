-- Participants, issue 5: matching keys, extra answers from imports, category colours.
-- The keys are computed in Rust (participants::normalise) and written with every change;
-- rows that existed before this migration get theirs right after it, in the same transaction.

ALTER TABLE participants ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN org_key TEXT NOT NULL DEFAULT '';
ALTER TABLE participants ADD COLUMN email_key TEXT;
CREATE INDEX participants_email_key ON participants (event_id, email_key) WHERE email_key IS NOT NULL;
CREATE INDEX participants_name_key ON participants (event_id, name_key, org_key) WHERE name_key <> '';
CREATE INDEX participants_badge ON participants (badge_code);

-- Columns of an imported file that are none of a participant's fields, kept as answers.
CREATE TABLE participant_answers (
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    question       TEXT NOT NULL,
    answer         TEXT NOT NULL,
    PRIMARY KEY (participant_id, position)
) STRICT;

-- The colour of a category's band on badges, as #rrggbb.
ALTER TABLE categories ADD COLUMN colour TEXT NOT NULL DEFAULT '#6b7280'
    CHECK (length(colour) = 7 AND colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]');
UPDATE categories SET colour = CASE key
    WHEN 'member_state' THEN '#1d4ed8'
    WHEN 'international_organisation' THEN '#0f766e'
    WHEN 'regional_organisation' THEN '#7c3aed'
    WHEN 'civil_society' THEN '#ca8a04'
    WHEN 'un' THEN '#0284c7'
    WHEN 'donor' THEN '#b91c1c'
    WHEN 'media' THEN '#ea580c'
    ELSE '#6b7280' END;
