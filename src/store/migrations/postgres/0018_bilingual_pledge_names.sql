-- As SQLite's 0018: donors and recipient get an Arabic column beside the English one;
-- pledges::split_names_by_script moves the values in Arabic script to it.
ALTER TABLE pledges RENAME COLUMN recipient TO recipient_en;
ALTER TABLE pledges ADD COLUMN recipient_ar TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE pledge_donors RENAME COLUMN name TO name_en;
ALTER TABLE pledge_donors ADD COLUMN name_ar TEXT COLLATE "C" NOT NULL DEFAULT '';
