-- Schema v2: scheduling at the front desk — legal status transitions, doctor absences, the
-- waiting list and call tasks.

-- Statuses move forward along the visit, with the undo steps a desk needs; everything else is
-- refused whoever writes. Who and when is in the audit log (appointment.status).
--   booked → confirmed | arrived | no_show | cancelled      confirmed → arrived | no_show | cancelled
--   arrived → in_room | done | cancelled | confirmed (undo)  in_room → done | arrived (undo)
--   done → in_room (undo)    no_show → booked | arrived (came late)    cancelled → booked (restore)
CREATE TRIGGER appointments_status_transitions BEFORE UPDATE OF status ON appointments
WHEN OLD.status <> NEW.status AND (OLD.status || '>' || NEW.status) NOT IN (
  'booked>confirmed', 'booked>arrived', 'booked>no_show', 'booked>cancelled',
  'confirmed>arrived', 'confirmed>no_show', 'confirmed>cancelled', 'confirmed>booked',
  'arrived>in_room', 'arrived>done', 'arrived>cancelled', 'arrived>confirmed',
  'in_room>done', 'in_room>arrived',
  'done>in_room',
  'no_show>booked', 'no_show>arrived',
  'cancelled>booked')
BEGIN
  SELECT RAISE(ABORT, 'status:illegal transition');
END;

-- A cancellation says why.
CREATE TRIGGER appointments_cancel_reason BEFORE UPDATE OF status ON appointments
WHEN NEW.status = 'cancelled' AND length(trim(coalesce(NEW.cancel_reason, ''))) = 0
BEGIN
  SELECT RAISE(ABORT, 'status:cancel needs a reason');
END;

-- A doctor away for whole days (illness, leave, training). Hours on those days are nil.
CREATE TABLE doctor_absences (
  id         INTEGER PRIMARY KEY,
  doctor_id  INTEGER NOT NULL REFERENCES doctors(id),
  from_day   TEXT NOT NULL CHECK (date(from_day, '+0 days') IS from_day),
  to_day     TEXT NOT NULL CHECK (date(to_day, '+0 days') IS to_day AND to_day >= from_day),
  reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL,
  withdrawn  INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1))
);
CREATE INDEX doctor_absences_doctor ON doctor_absences(doctor_id, from_day);

-- Лист ожидания: patients who want an earlier or a not-yet-open time.
CREATE TABLE waiting_list (
  id             INTEGER PRIMARY KEY,
  patient_id     INTEGER NOT NULL REFERENCES patients(id),
  specialty_id   INTEGER REFERENCES specialties(id),
  doctor_id      INTEGER REFERENCES doctors(id),
  service_id     INTEGER REFERENCES services(id),
  from_day       TEXT NOT NULL CHECK (date(from_day, '+0 days') IS from_day),
  to_day         TEXT NOT NULL CHECK (date(to_day, '+0 days') IS to_day AND to_day >= from_day),
  time_from_min  INTEGER NOT NULL DEFAULT 0 CHECK (time_from_min BETWEEN 0 AND 1439),
  time_to_min    INTEGER NOT NULL DEFAULT 1440 CHECK (time_to_min > time_from_min AND time_to_min <= 1440),
  priority       INTEGER NOT NULL DEFAULT 0 CHECK (priority BETWEEN 0 AND 2),  -- 2 is the most urgent
  comment        TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
  status         TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'booked', 'removed')),
  appointment_id INTEGER REFERENCES appointments(id),
  created_by     INTEGER REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  closed_at      INTEGER,
  CHECK (specialty_id IS NOT NULL OR doctor_id IS NOT NULL OR service_id IS NOT NULL),
  CHECK (status <> 'booked' OR appointment_id IS NOT NULL)
);
CREATE INDEX waiting_list_open ON waiting_list(status, from_day);
CREATE INDEX waiting_list_doctor ON waiting_list(doctor_id, status);

-- Work for the desk and the call centre: «сообщить пациенту о переносе» and the like.
CREATE TABLE tasks (
  id             INTEGER PRIMARY KEY,
  kind           TEXT NOT NULL CHECK (kind IN ('call_reschedule', 'call_cancel', 'call')),
  patient_id     INTEGER REFERENCES patients(id),
  appointment_id INTEGER REFERENCES appointments(id),
  title          TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 500),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  result         TEXT NOT NULL DEFAULT '',
  created_by     INTEGER REFERENCES users(id),
  created_at     INTEGER NOT NULL,
  closed_by      INTEGER REFERENCES users(id),
  closed_at      INTEGER
);
CREATE INDEX tasks_open ON tasks(status, created_at);
CREATE INDEX tasks_patient ON tasks(patient_id);

-- Busy time is read by doctor or room and a range of start times, and needs only the end and
-- the status: covering indexes answer the slot finder and the overlap triggers without
-- touching the rows.
DROP INDEX appointments_doctor;
DROP INDEX appointments_room;
CREATE INDEX appointments_doctor ON appointments(doctor_id, start_at, end_at, status);
CREATE INDEX appointments_room ON appointments(room_id, start_at, end_at, status);
