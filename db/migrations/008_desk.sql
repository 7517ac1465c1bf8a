-- Schema v8: the desk's everyday work. A kiosk arrival says whether the desk must act first (the
-- contract of a first visit, a debt, an expired DMS letter), and a service has a short name for
-- lists and grids.

-- desk_events gains two kinds of arrival; SQLite cannot change a CHECK in place, so the table is
-- rebuilt with its rows (nothing refers to it).
CREATE TABLE desk_events_v8 (
  id             INTEGER PRIMARY KEY,
  at             INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('arrival', 'arrival_contract', 'arrival_attention', 'to_desk',
                                               'printer', 'kiosk')),
  message        TEXT NOT NULL CHECK (length(message) BETWEEN 1 AND 500),
  patient_id     INTEGER REFERENCES patients(id),
  appointment_id INTEGER REFERENCES appointments(id),
  source         TEXT NOT NULL  -- 'kiosk:lobby', 'user:3'
);
INSERT INTO desk_events_v8(id, at, kind, message, patient_id, appointment_id, source)
  SELECT id, at, kind, message, patient_id, appointment_id, source FROM desk_events;
DROP TABLE desk_events;
ALTER TABLE desk_events_v8 RENAME TO desk_events;

-- «Приём терапевта первичный» where the full name («Приём (осмотр, консультация) врача-терапевта
-- первичный») does not fit; empty means the full name is used.
ALTER TABLE services ADD COLUMN short_name TEXT NOT NULL DEFAULT '' CHECK (length(short_name) <= 60);

-- The grid's summary names the first service by its short name when it has one.
DROP TRIGGER appointment_services_summary_insert;
DROP TRIGGER appointment_services_summary_delete;
CREATE TRIGGER appointment_services_summary_insert AFTER INSERT ON appointment_services
BEGIN
  UPDATE appointments SET summary = coalesce((
    SELECT coalesce(nullif(s.short_name, ''), s.name) FROM appointment_services x JOIN services s ON s.id = x.service_id
     WHERE x.appointment_id = NEW.appointment_id ORDER BY x.position LIMIT 1), '') ||
    coalesce((SELECT ' +' || (count(*) - 1) FROM appointment_services
               WHERE appointment_id = NEW.appointment_id HAVING count(*) > 1), '')
   WHERE id = NEW.appointment_id;
END;
CREATE TRIGGER appointment_services_summary_delete AFTER DELETE ON appointment_services
BEGIN
  UPDATE appointments SET summary = coalesce((
    SELECT coalesce(nullif(s.short_name, ''), s.name) FROM appointment_services x JOIN services s ON s.id = x.service_id
     WHERE x.appointment_id = OLD.appointment_id ORDER BY x.position LIMIT 1), '') ||
    coalesce((SELECT ' +' || (count(*) - 1) FROM appointment_services
               WHERE appointment_id = OLD.appointment_id HAVING count(*) > 1), '')
   WHERE id = OLD.appointment_id;
END;
