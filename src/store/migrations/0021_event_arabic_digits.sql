-- How an event writes numbers in Arabic, in its Arabic window and documents: Arabic-Indic
-- digits (٠١٢٣, the rule before this setting, so every existing event keeps it) or Latin ones.
ALTER TABLE events ADD COLUMN arabic_digits TEXT NOT NULL DEFAULT 'arabic_indic'
    CHECK (arabic_digits IN ('arabic_indic', 'latin'));
