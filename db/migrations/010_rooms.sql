-- Schema v10: a room as the clinic describes it — where it is (floor and a few words for the
-- patient: «2 этаж, направо от лифта») and what is in it (equipment notes for the desk).
ALTER TABLE rooms ADD COLUMN location TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200);
ALTER TABLE rooms ADD COLUMN equipment TEXT NOT NULL DEFAULT '' CHECK (length(equipment) <= 1000);
