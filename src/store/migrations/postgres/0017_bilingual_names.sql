-- As SQLite's 0017: venue, city and organisers get an Arabic column beside the English one;
-- events::split_names_by_script moves the values in Arabic script to it.
ALTER TABLE events RENAME COLUMN venue TO venue_en;
ALTER TABLE events ADD COLUMN venue_ar TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE events RENAME COLUMN city TO city_en;
ALTER TABLE events ADD COLUMN city_ar TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE event_organisers RENAME COLUMN name TO name_en;
ALTER TABLE event_organisers ADD COLUMN name_ar TEXT COLLATE "C" NOT NULL DEFAULT '';
