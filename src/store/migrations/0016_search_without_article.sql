-- The search key now also holds Arabic words without their article (عتيبي finds العتيبي):
-- emptied here for the rows with an Arabic article, and computed again in Rust at the end of
-- the migration (participants::backfill_keys).
UPDATE participants SET search_key = '' WHERE search_key LIKE '%ال%';
