-- An import is one audited action: one entry in the trail (entity 'import') records the file,
-- its SHA-256, who imported it, when, the mapping and the count, and each person it
-- registered points to that entry's id here. People registered before keep their own entry.
ALTER TABLE participants ADD COLUMN import_id TEXT;
