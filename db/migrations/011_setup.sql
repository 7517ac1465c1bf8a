-- Schema v11: a clinic sets itself up on screens. Doctors gain what booking needs to know (slot
-- step, first visits, booking from the call centre and online) and the services each performs
-- with his own duration where it differs; a service has a category for the price list; the
-- weekly pattern learns alternating weeks and shift cycles («2 через 2»).

ALTER TABLE services ADD COLUMN category TEXT NOT NULL DEFAULT '' CHECK (length(category) <= 100);

ALTER TABLE doctors ADD COLUMN slot_min INTEGER NOT NULL DEFAULT 15 CHECK (slot_min BETWEEN 5 AND 120);
ALTER TABLE doctors ADD COLUMN first_visits INTEGER NOT NULL DEFAULT 1 CHECK (first_visits IN (0, 1));
ALTER TABLE doctors ADD COLUMN bookable_remote INTEGER NOT NULL DEFAULT 1 CHECK (bookable_remote IN (0, 1));

-- The services a doctor performs. A doctor with no rows here performs the services of his
-- specialties (as before v11); duration_min, when set, replaces the service's own for him.
CREATE TABLE doctor_services (
  doctor_id    INTEGER NOT NULL REFERENCES doctors(id),
  service_id   INTEGER NOT NULL REFERENCES services(id),
  duration_min INTEGER CHECK (duration_min IS NULL OR duration_min BETWEEN 5 AND 720),
  PRIMARY KEY (doctor_id, service_id)
) WITHOUT ROWID;
CREATE INDEX doctor_services_service ON doctor_services(service_id);

-- A rule is either weekly (weekday, in every week or only in even or odd ISO weeks) or a shift
-- cycle (cycle_on working days, then cycle_off days off, counted from valid_from). SQLite cannot
-- relax weekday's NOT NULL in place, so the table is rebuilt with its rows (nothing refers to it).
CREATE TABLE schedule_rules_v11 (
  id          INTEGER PRIMARY KEY,
  doctor_id   INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
  weekday     INTEGER CHECK (weekday BETWEEN 1 AND 7),
  weeks       TEXT NOT NULL DEFAULT 'all' CHECK (weeks IN ('all', 'even', 'odd')),
  cycle_on    INTEGER CHECK (cycle_on BETWEEN 1 AND 14),
  cycle_off   INTEGER CHECK (cycle_off BETWEEN 1 AND 14),
  start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  end_min     INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),
  kind        TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'break')),
  room_id     INTEGER REFERENCES rooms(id),
  valid_from  TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
  valid_until TEXT CHECK (valid_until IS NULL OR
                          (date(valid_until, '+0 days') IS valid_until AND valid_until >= valid_from)),
  CHECK ((weekday IS NULL) = (cycle_on IS NOT NULL)),
  CHECK ((cycle_on IS NULL) = (cycle_off IS NULL)),
  CHECK (cycle_on IS NULL OR weeks = 'all')
);
INSERT INTO schedule_rules_v11(id, doctor_id, weekday, start_min, end_min, kind, room_id, valid_from, valid_until)
  SELECT id, doctor_id, weekday, start_min, end_min, kind, room_id, valid_from, valid_until FROM schedule_rules;
DROP TABLE schedule_rules;
ALTER TABLE schedule_rules_v11 RENAME TO schedule_rules;
CREATE INDEX schedule_rules_doctor ON schedule_rules(doctor_id, weekday);

-- How far ahead the schedule is published: no hours (so no booking) after this date; empty: no limit.
INSERT INTO settings(key, value) VALUES ('schedule.published_until', '');

-- Changing doctors' working schedules is a permission of its own (the senior administrator and
-- the manager by default).
INSERT INTO role_permissions(role, permission) VALUES
  ('senior_admin', 'schedule.edit'), ('manager', 'schedule.edit');
