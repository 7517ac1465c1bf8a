-- Schema v4: printed documents. Every document printed is recorded with what is needed to print
-- it again byte for byte: the template's text (stored once per distinct text, by its SHA-256),
-- the data it was filled with (JSON), and the SHA-256 of the PDF that came out.

-- Each distinct text of a template, kept for ever: a reprint uses the text printed then, not
-- today's edited one.
CREATE TABLE document_templates (
  sha256      TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  template_id TEXT NOT NULL CHECK (length(trim(template_id)) BETWEEN 1 AND 64),
  version     INTEGER NOT NULL CHECK (version > 0),
  body        TEXT NOT NULL,
  first_used  INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX document_templates_id ON document_templates(template_id, version);
CREATE TRIGGER document_templates_immutable BEFORE UPDATE ON document_templates
BEGIN
  SELECT RAISE(ABORT, 'document_templates: a stored template text never changes');
END;
CREATE TRIGGER document_templates_no_delete BEFORE DELETE ON document_templates
BEGIN
  SELECT RAISE(ABORT, 'document_templates: a stored template text is kept for reprints');
END;

CREATE TABLE printed_documents (
  id               INTEGER PRIMARY KEY,
  kind             TEXT NOT NULL CHECK (length(trim(kind)) BETWEEN 1 AND 64),  -- 'contract', …
  patient_id       INTEGER REFERENCES patients(id),
  appointment_id   INTEGER REFERENCES appointments(id),
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL CHECK (template_version > 0),
  template_sha256  TEXT NOT NULL REFERENCES document_templates(sha256),
  -- The layout engine's own version: a reprint made by a different layout is not byte-identical.
  renderer         TEXT NOT NULL,
  data_json        TEXT NOT NULL CHECK (json_valid(data_json)),
  pdf_sha256       TEXT NOT NULL CHECK (length(pdf_sha256) = 64 AND pdf_sha256 NOT GLOB '*[^0-9a-f]*'),
  pdf_bytes        INTEGER NOT NULL CHECK (pdf_bytes > 0),
  pages            INTEGER NOT NULL CHECK (pages > 0),
  copies           INTEGER NOT NULL DEFAULT 1 CHECK (copies BETWEEN 1 AND 20),
  reprint_of       INTEGER REFERENCES printed_documents(id),
  printed_by       TEXT NOT NULL CHECK (length(printed_by) > 0),  -- 'user:3', 'kiosk:lobby'
  user_id          INTEGER REFERENCES users(id),
  printed_at       INTEGER NOT NULL
);
CREATE INDEX printed_documents_patient ON printed_documents(patient_id, printed_at);
CREATE INDEX printed_documents_appointment ON printed_documents(appointment_id);
CREATE TRIGGER printed_documents_no_update BEFORE UPDATE ON printed_documents
BEGIN
  SELECT RAISE(ABORT, 'printed_documents is append-only');
END;
CREATE TRIGGER printed_documents_no_delete BEFORE DELETE ON printed_documents
BEGIN
  SELECT RAISE(ABORT, 'printed_documents is append-only');
END;

-- Requisites the documents need beyond the clinic table; the clinic edits them in settings.
INSERT OR IGNORE INTO settings(key, value) VALUES
  ('clinic.licence.works', ''),        -- works and services under the licence, as on its register
  ('clinic.head.authority', 'Устава'), -- «действующего на основании …»
  ('clinic.bank.name', ''),
  ('clinic.bank.bik', ''),
  ('clinic.bank.account', ''),
  ('clinic.bank.corr_account', ''),
  ('clinic.city', ''),                 -- where contracts are signed: «г. Москва»
  ('clinic.website', ''),
  ('documents.contract.payment_terms', 'Оплата производится в день оказания услуг до их оказания наличными денежными средствами или в безналичном порядке.'),
  ('documents.contract.quality_terms', 'Платные медицинские услуги оказываются в соответствии с порядками оказания медицинской помощи, на основе клинических рекомендаций и с учётом стандартов медицинской помощи.');
