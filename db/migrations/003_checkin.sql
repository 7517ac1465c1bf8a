-- Schema v3: check-in at the kiosk and the desk — when and by whom a patient arrived, the day's
-- queue numbers, the desk's notifications, and the kiosk's record of phone + birth-date guesses.

ALTER TABLE appointments ADD COLUMN checked_in_at INTEGER;
ALTER TABLE appointments ADD COLUMN checked_in_by TEXT;  -- 'kiosk:lobby', 'user:3'

-- One number per patient per day, printed on the ticket and called in the lobby.
CREATE TABLE queue_tickets (
  day        TEXT NOT NULL CHECK (date(day, '+0 days') IS day),
  number     INTEGER NOT NULL CHECK (number > 0),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  issued_at  INTEGER NOT NULL,
  issued_by  TEXT NOT NULL,
  PRIMARY KEY (day, number),
  UNIQUE (day, patient_id)
) WITHOUT ROWID;

-- What the desk must see at once, whichever process wrote it: a kiosk arrival, a patient sent to
-- the desk, the kiosk's printer out of paper. The desks read new rows when data_version changes.
CREATE TABLE desk_events (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('arrival', 'to_desk', 'printer', 'kiosk')),
  message        TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  patient_id     INTEGER REFERENCES patients(id),
  appointment_id INTEGER REFERENCES appointments(id),
  source         TEXT NOT NULL  -- 'kiosk:lobby', 'user:3'
);

-- Phone + birth-date tries at a kiosk: after too many misses in a row the kiosk waits.
CREATE TABLE kiosk_guesses (
  kiosk TEXT NOT NULL,
  at    INTEGER NOT NULL,
  ok    INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX kiosk_guesses_kiosk ON kiosk_guesses(kiosk, at);

CREATE INDEX appointments_checked_in ON appointments(checked_in_at) WHERE checked_in_at IS NOT NULL;
