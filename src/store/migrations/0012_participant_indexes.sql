-- Three indexes that others already cover, each written on every registration and on every
-- row of an import (a 100,000-row import spent a quarter of its time in them):
-- participants_event (event_id) is the first column of participants_sort_name and of the
-- (event_id, badge_code) unique index; participants_badge (badge_code) served only the check-in
-- lookup, which always names the event and so uses that unique index; participants_name_key
-- (event_id, name_key, org_key) is covered by participants_sort_name (event_id, name_key, id)
-- for the duplicate checks, where few records share a name.
DROP INDEX participants_event;
DROP INDEX participants_badge;
DROP INDEX participants_name_key;
