-- Sign-ups to sessions that take them (a workshop with limited seats): who signed up where.
-- The conflict check compares the confirmed sign-ups of a session with its room's capacity.
CREATE TABLE session_signups (
    session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
) STRICT;
CREATE INDEX session_signups_participant ON session_signups (participant_id);
