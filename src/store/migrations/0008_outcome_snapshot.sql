-- What an adopted outcome version's generated sections (the pledges table, the participation
-- figures) showed when it was adopted, as JSON (`outcome::Generated`), so that later pledges
-- and registrations do not change it. NULL for drafts, and for versions adopted before this
-- column existed: those show the figures as they stand.
-- (Numbered 0008: 0007 belongs to work on another branch.)

ALTER TABLE outcome_versions ADD COLUMN generated TEXT;
