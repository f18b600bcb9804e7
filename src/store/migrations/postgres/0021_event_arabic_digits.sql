-- As SQLite's 0021: how an event writes numbers in Arabic; existing events keep Arabic-Indic.
ALTER TABLE events ADD COLUMN arabic_digits TEXT COLLATE "C" NOT NULL DEFAULT 'arabic_indic'
    CHECK (arabic_digits IN ('arabic_indic', 'latin'));
