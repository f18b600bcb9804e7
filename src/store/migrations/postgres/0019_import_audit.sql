-- As SQLite's 0019: the people an import registered point to its one audit entry.
ALTER TABLE participants ADD COLUMN import_id TEXT;
