-- A pledge's donors and recipient in English and Arabic, as the event's names since 0017. The
-- single value becomes the English column; pledges::split_names_by_script (Rust) then moves
-- each value written in Arabic script to the Arabic one.
ALTER TABLE pledges RENAME COLUMN recipient TO recipient_en;
ALTER TABLE pledges ADD COLUMN recipient_ar TEXT NOT NULL DEFAULT '';
ALTER TABLE pledge_donors RENAME COLUMN name TO name_en;
ALTER TABLE pledge_donors ADD COLUMN name_ar TEXT NOT NULL DEFAULT '';
