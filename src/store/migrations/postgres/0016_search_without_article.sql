-- As SQLite's 0016: search keys with an Arabic article are computed again (backfill_keys),
-- now holding the words without it too.
UPDATE participants SET search_key = '' WHERE search_key LIKE '%ال%';
