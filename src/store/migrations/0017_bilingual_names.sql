-- Venue, city and organisers in English and Arabic, as titles are. The old single value is
-- now the English column; the migration step in Rust (events::split_names_by_script) then
-- moves each value written in Arabic script to the Arabic one.
ALTER TABLE events RENAME COLUMN venue TO venue_en;
ALTER TABLE events ADD COLUMN venue_ar TEXT NOT NULL DEFAULT '';
ALTER TABLE events RENAME COLUMN city TO city_en;
ALTER TABLE events ADD COLUMN city_ar TEXT NOT NULL DEFAULT '';
ALTER TABLE event_organisers RENAME COLUMN name TO name_en;
ALTER TABLE event_organisers ADD COLUMN name_ar TEXT NOT NULL DEFAULT '';
