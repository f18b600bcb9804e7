-- The pledges ledger: joint donors, purpose, in-kind pledges, the USD rate recorded on the
-- pledge, cancellation, and commitment and payment per yearly line (the stage is derived).

CREATE TABLE pledge_donors (
    pledge_id TEXT NOT NULL REFERENCES pledges (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    PRIMARY KEY (pledge_id, position)
) STRICT;
INSERT INTO pledge_donors (pledge_id, position, name) SELECT id, 0, donor FROM pledges;
ALTER TABLE pledges DROP COLUMN donor;

ALTER TABLE pledges ADD COLUMN purpose_en TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN purpose_ar TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN kind TEXT NOT NULL DEFAULT 'financial' CHECK (kind IN ('financial', 'in_kind'));
ALTER TABLE pledges ADD COLUMN in_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN usd_rate TEXT;
ALTER TABLE pledges ADD COLUMN rate_date TEXT;
ALTER TABLE pledges ADD COLUMN rate_source TEXT NOT NULL DEFAULT '';
ALTER TABLE pledges ADD COLUMN cancelled_on TEXT;
ALTER TABLE pledges ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT '';

ALTER TABLE pledge_years ADD COLUMN committed_on TEXT;
ALTER TABLE pledge_years ADD COLUMN paid_minor INTEGER NOT NULL DEFAULT 0 CHECK (paid_minor >= 0);
ALTER TABLE pledge_years ADD COLUMN paid_on TEXT;

-- The single status of the first schema becomes the stage of every line.
UPDATE pledge_years SET committed_on = (SELECT substr(p.created_at, 1, 10) FROM pledges p WHERE p.id = pledge_id)
 WHERE (SELECT p.status FROM pledges p WHERE p.id = pledge_id) IN ('committed', 'paid');
UPDATE pledge_years SET paid_minor = amount_minor, paid_on = committed_on
 WHERE (SELECT p.status FROM pledges p WHERE p.id = pledge_id) = 'paid';
ALTER TABLE pledges DROP COLUMN status;
