-- Schema v1: the clinic, its people, its price list, schedules, patients and appointments.
-- Invariants live here so that every process that writes obeys them.
-- Instants are UTC seconds since the epoch; civil dates are 'YYYY-MM-DD' in the clinic's zone;
-- money is integer kopecks. Dates are checked with date(x, '+0 days') IS x: plain date()
-- accepts '2025-02-30'.

CREATE TABLE clinic (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  name              TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name        TEXT NOT NULL DEFAULT '',
  legal_address     TEXT NOT NULL DEFAULT '',
  actual_address    TEXT NOT NULL DEFAULT '',
  phone             TEXT NOT NULL DEFAULT '',
  email             TEXT NOT NULL DEFAULT '',
  ogrn              TEXT NOT NULL DEFAULT ''
                    CHECK (ogrn = '' OR (length(ogrn) = 13 AND ogrn NOT GLOB '*[^0-9]*')),
  inn               TEXT NOT NULL DEFAULT ''
                    CHECK (inn = '' OR (length(inn) IN (10, 12) AND inn NOT GLOB '*[^0-9]*')),
  kpp               TEXT NOT NULL DEFAULT ''
                    CHECK (kpp = '' OR (length(kpp) = 9 AND kpp NOT GLOB '*[^0-9A-Z]*')),
  licence_number    TEXT NOT NULL DEFAULT '',
  licence_date      TEXT CHECK (licence_date IS NULL OR date(licence_date, '+0 days') IS licence_date),
  licence_authority TEXT NOT NULL DEFAULT '',
  head_position     TEXT NOT NULL DEFAULT '',
  head_name         TEXT NOT NULL DEFAULT '',
  time_zone         TEXT NOT NULL DEFAULT 'Europe/Moscow' CHECK (length(time_zone) > 0),
  desk_location     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
  id         INTEGER PRIMARY KEY,
  login      TEXT NOT NULL UNIQUE CHECK (length(login) BETWEEN 1 AND 64),
  full_name  TEXT NOT NULL,
  role       TEXT NOT NULL CHECK (role IN ('admin', 'senior', 'operator', 'doctor', 'kiosk')),
  pin_hash   TEXT,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
);

CREATE TABLE specialties (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0)
);

CREATE TABLE rooms (
  id     INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),
  name   TEXT NOT NULL DEFAULT '',
  floor  INTEGER,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE doctors (
  id              INTEGER PRIMARY KEY,
  surname         TEXT NOT NULL CHECK (length(trim(surname)) > 0),
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  patronymic      TEXT NOT NULL DEFAULT '',
  position        TEXT NOT NULL,          -- as printed on documents: «врач-стоматолог-терапевт»
  default_room_id INTEGER REFERENCES rooms(id),
  user_id         INTEGER REFERENCES users(id),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  sort_order      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE doctor_specialties (
  doctor_id    INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
  specialty_id INTEGER NOT NULL REFERENCES specialties(id),
  PRIMARY KEY (doctor_id, specialty_id)
) WITHOUT ROWID;
CREATE INDEX doctor_specialties_specialty ON doctor_specialties(specialty_id);

-- The price list. Codes follow the nomenclature of medical services (order 804н).
CREATE TABLE services (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL CHECK (code GLOB '[AB][0-9][0-9].[0-9][0-9]*.[0-9][0-9][0-9]*'),
  name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
  specialty_id INTEGER REFERENCES specialties(id),
  duration_min INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 720),
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);
CREATE INDEX services_code ON services(code);

-- Price history: a new price is a new row; the price on a date is the latest row not after it.
CREATE TABLE service_prices (
  service_id    INTEGER NOT NULL REFERENCES services(id),
  active_from   TEXT NOT NULL CHECK (date(active_from, '+0 days') IS active_from),
  price_kopecks INTEGER NOT NULL CHECK (price_kopecks >= 0),
  PRIMARY KEY (service_id, active_from)
) WITHOUT ROWID;
CREATE TRIGGER service_prices_keep_history BEFORE UPDATE ON service_prices
BEGIN
  SELECT RAISE(ABORT, 'service_prices: add a new price from a date instead of editing one');
END;
CREATE TRIGGER service_prices_keep_past BEFORE DELETE ON service_prices
WHEN OLD.active_from <= date('now')
BEGIN
  SELECT RAISE(ABORT, 'service_prices: a price already in force cannot be deleted');
END;

-- Weekly working pattern of a doctor (ISO weekday, 1 = Monday), minutes from local midnight.
CREATE TABLE schedule_rules (
  id          INTEGER PRIMARY KEY,
  doctor_id   INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
  weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
  end_min     INTEGER NOT NULL CHECK (end_min > start_min AND end_min <= 1440),
  kind        TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'break')),
  room_id     INTEGER REFERENCES rooms(id),
  valid_from  TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
  valid_until TEXT CHECK (valid_until IS NULL OR
                          (date(valid_until, '+0 days') IS valid_until AND valid_until >= valid_from))
);
CREATE INDEX schedule_rules_doctor ON schedule_rules(doctor_id, weekday);

-- A date that does not follow the weekly pattern. Rows for a date replace the pattern that day;
-- 'off' marks a day off.
CREATE TABLE schedule_days (
  id        INTEGER PRIMARY KEY,
  doctor_id INTEGER NOT NULL REFERENCES doctors(id) ON DELETE CASCADE,
  day       TEXT NOT NULL CHECK (date(day, '+0 days') IS day),
  start_min INTEGER NOT NULL DEFAULT 0 CHECK (start_min BETWEEN 0 AND 1439),
  end_min   INTEGER NOT NULL DEFAULT 1440 CHECK (end_min > start_min AND end_min <= 1440),
  kind      TEXT NOT NULL DEFAULT 'work' CHECK (kind IN ('work', 'break', 'off')),
  room_id   INTEGER REFERENCES rooms(id)
);
CREATE INDEX schedule_days_doctor ON schedule_days(doctor_id, day);
CREATE INDEX schedule_days_day ON schedule_days(day);

CREATE TABLE referral_sources (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE patients (
  id                 INTEGER PRIMARY KEY,
  card_no            TEXT NOT NULL UNIQUE CHECK (length(card_no) BETWEEN 1 AND 32),
  surname            TEXT NOT NULL CHECK (length(trim(surname)) BETWEEN 1 AND 100),
  name               TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  patronymic         TEXT NOT NULL DEFAULT '' CHECK (length(patronymic) <= 100),
  -- Folded forms (lower case, ё = е) written by the core; the search index is built from them.
  surname_norm       TEXT NOT NULL,
  name_norm          TEXT NOT NULL,
  patronymic_norm    TEXT NOT NULL,
  birth_date         TEXT NOT NULL CHECK (date(birth_date, '+0 days') IS birth_date),
  sex                TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  email              TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 254),
  address            TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  id_doc_type        TEXT NOT NULL DEFAULT 'passport_ru',
  id_doc_series      TEXT NOT NULL DEFAULT '',
  id_doc_number      TEXT NOT NULL DEFAULT '',
  id_doc_issued_by   TEXT NOT NULL DEFAULT '',
  id_doc_issued_on   TEXT CHECK (id_doc_issued_on IS NULL OR date(id_doc_issued_on, '+0 days') IS id_doc_issued_on),
  oms_enp            TEXT CHECK (oms_enp IS NULL OR
                                 (length(oms_enp) = 16 AND oms_enp NOT GLOB '*[^0-9]*')),
  snils              TEXT CHECK (snils IS NULL OR
                                 (length(snils) = 11 AND snils NOT GLOB '*[^0-9]*')),
  referral_source_id INTEGER REFERENCES referral_sources(id),
  marketing_consent  INTEGER NOT NULL DEFAULT 0 CHECK (marketing_consent IN (0, 1)),
  notes              TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE UNIQUE INDEX patients_oms_enp ON patients(oms_enp) WHERE oms_enp IS NOT NULL;
CREATE INDEX patients_birth_date ON patients(birth_date);

-- Phones as E.164 digits; phone_rev (the digits reversed) makes "last 4 digits" an index range.
CREATE TABLE patient_phones (
  patient_id INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  phone      TEXT NOT NULL CHECK (length(phone) BETWEEN 5 AND 15 AND phone NOT GLOB '*[^0-9]*'),
  phone_rev  TEXT NOT NULL CHECK (length(phone_rev) = length(phone)),
  kind       TEXT NOT NULL DEFAULT 'mobile' CHECK (kind IN ('mobile', 'home', 'work', 'other')),
  position   INTEGER NOT NULL DEFAULT 0,   -- 0 is the number to call first
  PRIMARY KEY (patient_id, phone)
) WITHOUT ROWID;
CREATE INDEX patient_phones_rev ON patient_phones(phone_rev);

-- The name search index: one row for the whole folded surname (part 0) and one for each part
-- after a hyphen, so «Корсакова» finds «Римская-Корсакова». Covering and ordered by part first:
-- a page of results is one index range per part, real surnames before second halves.
CREATE TABLE patient_name_keys (
  key             TEXT NOT NULL,
  name_norm       TEXT NOT NULL,
  patronymic_norm TEXT NOT NULL,
  birth_date      TEXT NOT NULL,
  patient_id      INTEGER NOT NULL REFERENCES patients(id) ON DELETE CASCADE,
  part            INTEGER NOT NULL CHECK (part BETWEEN 0 AND 3),
  PRIMARY KEY (part, key, name_norm, patronymic_norm, birth_date, patient_id)
) WITHOUT ROWID;
CREATE INDEX patient_name_keys_patient ON patient_name_keys(patient_id, part);

CREATE TABLE appointments (
  id            INTEGER PRIMARY KEY,
  patient_id    INTEGER NOT NULL REFERENCES patients(id),
  doctor_id     INTEGER NOT NULL REFERENCES doctors(id),
  room_id       INTEGER REFERENCES rooms(id),
  start_at      INTEGER NOT NULL,
  end_at        INTEGER NOT NULL,
  status        TEXT NOT NULL DEFAULT 'booked'
                CHECK (status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done',
                                  'no_show', 'cancelled')),
  visit_kind    TEXT NOT NULL CHECK (visit_kind IN ('first', 'repeat')),
  channel       TEXT NOT NULL CHECK (channel IN ('phone', 'walk_in', 'website', 'kiosk', 'desk')),
  note          TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  cancel_reason TEXT,
  created_by    INTEGER REFERENCES users(id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  -- What the day grid shows, kept by the triggers below so that a day of hundreds of
  -- appointments reads without a lookup per row: «Иванова А. П.» and «Приём терапевта +1».
  patient_label TEXT NOT NULL DEFAULT '',
  summary       TEXT NOT NULL DEFAULT '',
  -- At most 12 hours: the overlap checks below look back that far and no further.
  CHECK (end_at > start_at AND end_at - start_at <= 43200)
);
CREATE INDEX appointments_start ON appointments(start_at);
CREATE INDEX appointments_doctor ON appointments(doctor_id, start_at);
CREATE INDEX appointments_room ON appointments(room_id, start_at);
CREATE INDEX appointments_patient ON appointments(patient_id, start_at);

-- No two active appointments overlap for one doctor, one room or one patient, whoever writes.
-- Cancelled and no-show appointments free their time.
CREATE TRIGGER appointments_no_overlap_insert BEFORE INSERT ON appointments
WHEN NEW.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done')
BEGIN
  SELECT RAISE(ABORT, 'overlap:doctor') WHERE EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.doctor_id = NEW.doctor_id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
  SELECT RAISE(ABORT, 'overlap:room') WHERE NEW.room_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.room_id = NEW.room_id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
  SELECT RAISE(ABORT, 'overlap:patient') WHERE EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.patient_id = NEW.patient_id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
END;

CREATE TRIGGER appointments_no_overlap_update
BEFORE UPDATE OF patient_id, doctor_id, room_id, start_at, end_at, status ON appointments
WHEN NEW.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done')
BEGIN
  SELECT RAISE(ABORT, 'overlap:doctor') WHERE EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.doctor_id = NEW.doctor_id AND a.id <> NEW.id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
  SELECT RAISE(ABORT, 'overlap:room') WHERE NEW.room_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.room_id = NEW.room_id AND a.id <> NEW.id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
  SELECT RAISE(ABORT, 'overlap:patient') WHERE EXISTS (
    SELECT 1 FROM appointments a
     WHERE a.patient_id = NEW.patient_id AND a.id <> NEW.id
       AND a.start_at > NEW.start_at - 43200 AND a.start_at < NEW.end_at
       AND a.end_at > NEW.start_at
       AND a.status IN ('booked', 'confirmed', 'arrived', 'in_room', 'done'));
END;

-- The grid's cached patient label follows the patient's name, whoever edits it.
CREATE TRIGGER appointments_label_on_insert AFTER INSERT ON appointments
BEGIN
  UPDATE appointments SET patient_label = (
    SELECT p.surname || ' ' || substr(p.name, 1, 1) || '.' ||
           CASE WHEN p.patronymic <> '' THEN ' ' || substr(p.patronymic, 1, 1) || '.' ELSE '' END
      FROM patients p WHERE p.id = NEW.patient_id)
   WHERE id = NEW.id;
END;
CREATE TRIGGER appointments_label_on_patient_change AFTER UPDATE OF patient_id ON appointments
BEGIN
  UPDATE appointments SET patient_label = (
    SELECT p.surname || ' ' || substr(p.name, 1, 1) || '.' ||
           CASE WHEN p.patronymic <> '' THEN ' ' || substr(p.patronymic, 1, 1) || '.' ELSE '' END
      FROM patients p WHERE p.id = NEW.patient_id)
   WHERE id = NEW.id;
END;
CREATE TRIGGER patients_label_on_rename AFTER UPDATE OF surname, name, patronymic ON patients
BEGIN
  UPDATE appointments SET patient_label =
    NEW.surname || ' ' || substr(NEW.name, 1, 1) || '.' ||
    CASE WHEN NEW.patronymic <> '' THEN ' ' || substr(NEW.patronymic, 1, 1) || '.' ELSE '' END
   WHERE patient_id = NEW.id;
END;

CREATE TABLE appointment_services (
  appointment_id INTEGER NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
  service_id     INTEGER NOT NULL REFERENCES services(id),
  quantity       INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
  position       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (appointment_id, service_id)
) WITHOUT ROWID;

-- The grid's summary: the first service's name, and how many more there are.
CREATE TRIGGER appointment_services_summary_insert AFTER INSERT ON appointment_services
BEGIN
  UPDATE appointments SET summary = coalesce((
    SELECT s.name FROM appointment_services x JOIN services s ON s.id = x.service_id
     WHERE x.appointment_id = NEW.appointment_id ORDER BY x.position LIMIT 1), '') ||
    coalesce((SELECT ' +' || (count(*) - 1) FROM appointment_services
               WHERE appointment_id = NEW.appointment_id HAVING count(*) > 1), '')
   WHERE id = NEW.appointment_id;
END;
CREATE TRIGGER appointment_services_summary_delete AFTER DELETE ON appointment_services
BEGIN
  UPDATE appointments SET summary = coalesce((
    SELECT s.name FROM appointment_services x JOIN services s ON s.id = x.service_id
     WHERE x.appointment_id = OLD.appointment_id ORDER BY x.position LIMIT 1), '') ||
    coalesce((SELECT ' +' || (count(*) - 1) FROM appointment_services
               WHERE appointment_id = OLD.appointment_id HAVING count(*) > 1), '')
   WHERE id = OLD.appointment_id;
END;

-- Who did what, when. Append-only: the database itself refuses edits and deletions.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  at_ms     INTEGER NOT NULL,
  actor     TEXT NOT NULL CHECK (length(actor) > 0),   -- 'user:3', 'kiosk:lobby', 'system'
  action    TEXT NOT NULL,
  entity    TEXT NOT NULL,
  entity_id INTEGER,
  details   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
