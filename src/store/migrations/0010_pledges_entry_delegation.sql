-- How a pledge's amounts were entered (per year, a total over the years, or year by year), so
-- that the form reopens a pledge the way it was announced. NULL for pledges recorded before:
-- they read back from their lines.
ALTER TABLE pledges ADD COLUMN entry_mode TEXT CHECK (entry_mode IN ('per_year', 'total', 'lines'));

-- The delegation on whose behalf a pledge was announced; deleting the delegation keeps the
-- pledge.
ALTER TABLE pledges ADD COLUMN delegation_id TEXT REFERENCES delegations (id) ON DELETE SET NULL;
