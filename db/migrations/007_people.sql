-- Schema v7: what the documents need to be signed as the law asks. The people around a patient
-- (a legal representative, those who may be told about the patient's health, a relative who
-- pays), companies that pay, the forms of names in the cases the documents need (confirmed by
-- the desk once), numbers that documents keep, and the requisites of doctors, services and
-- patients that the statistical coupon and the tax certificate print.

-- A person the patient's card keeps. One row per person; the flags say what they are to the
-- patient. A person with a card of their own here points at it.
CREATE TABLE patient_persons (
  id                INTEGER PRIMARY KEY,
  patient_id        INTEGER NOT NULL REFERENCES patients(id),
  person_patient_id INTEGER REFERENCES patients(id),
  relation          TEXT NOT NULL DEFAULT '' CHECK (length(relation) <= 60),  -- «мать», «опекун», «дочь»
  surname           TEXT NOT NULL CHECK (length(trim(surname)) BETWEEN 1 AND 100),
  name              TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
  patronymic        TEXT NOT NULL DEFAULT '' CHECK (length(patronymic) <= 100),
  sex               TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  birth_date        TEXT CHECK (birth_date IS NULL OR date(birth_date, '+0 days') IS birth_date),
  address           TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  phone             TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 15 AND phone NOT GLOB '*[^0-9]*'),
  id_doc_type       TEXT NOT NULL DEFAULT 'passport_ru',
  id_doc_series     TEXT NOT NULL DEFAULT '' CHECK (length(id_doc_series) <= 16),
  id_doc_number     TEXT NOT NULL DEFAULT '' CHECK (length(id_doc_number) <= 32),
  id_doc_issued_by  TEXT NOT NULL DEFAULT '' CHECK (length(id_doc_issued_by) <= 300),
  id_doc_issued_on  TEXT CHECK (id_doc_issued_on IS NULL OR date(id_doc_issued_on, '+0 days') IS id_doc_issued_on),
  inn               TEXT NOT NULL DEFAULT '' CHECK (inn = '' OR (length(inn) = 12 AND inn NOT GLOB '*[^0-9]*')),
  -- A legal representative (parent, adoptive parent, guardian, trustee) signs for the patient;
  -- `authority` is the document of authority («свидетельство о рождении II-МЮ № 123456 от …»).
  representative    INTEGER NOT NULL DEFAULT 0 CHECK (representative IN (0, 1)),
  authority         TEXT NOT NULL DEFAULT '' CHECK (length(authority) <= 300),
  -- May be told about the patient's health (323-ФЗ art. 19 part 5 p. 5): named in the consent.
  informed          INTEGER NOT NULL DEFAULT 0 CHECK (informed IN (0, 1)),
  active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at        INTEGER NOT NULL,
  updated_at        INTEGER NOT NULL,
  CHECK (person_patient_id IS NULL OR person_patient_id <> patient_id)
);
CREATE INDEX patient_persons_patient ON patient_persons(patient_id, active);

-- A company that pays for patients (an employer, a school): what the contract names.
CREATE TABLE payer_companies (
  id                 INTEGER PRIMARY KEY,
  name               TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
  inn                TEXT NOT NULL DEFAULT '' CHECK (inn = '' OR (length(inn) IN (10, 12) AND inn NOT GLOB '*[^0-9]*')),
  kpp                TEXT NOT NULL DEFAULT '' CHECK (kpp = '' OR (length(kpp) = 9 AND kpp NOT GLOB '*[^0-9A-Z]*')),
  ogrn               TEXT NOT NULL DEFAULT '' CHECK (ogrn = '' OR (length(ogrn) IN (13, 15) AND ogrn NOT GLOB '*[^0-9]*')),
  address            TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
  phone              TEXT NOT NULL DEFAULT '' CHECK (length(phone) <= 32),
  signatory_position TEXT NOT NULL DEFAULT '' CHECK (length(signatory_position) <= 200),  -- «Генеральный директор»
  signatory_name     TEXT NOT NULL DEFAULT '' CHECK (length(signatory_name) <= 300),      -- «Петров Иван Сергеевич»
  signatory_sex      TEXT CHECK (signatory_sex IS NULL OR signatory_sex IN ('M', 'F')),
  authority          TEXT NOT NULL DEFAULT '' CHECK (length(authority) <= 300),  -- «Устава», «доверенности № 7 от …»
  active             INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at         INTEGER NOT NULL,
  updated_at         INTEGER NOT NULL
);
CREATE UNIQUE INDEX payer_companies_inn ON payer_companies(inn, kpp) WHERE inn <> '';

-- How a name or a phrase reads in a case, as the desk confirmed it: used before the rules.
CREATE TABLE name_forms (
  nominative TEXT NOT NULL CHECK (length(trim(nominative)) BETWEEN 1 AND 300),
  sex        TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'M', 'F')),
  gram_case  TEXT NOT NULL CHECK (gram_case IN ('genitive', 'dative', 'accusative', 'instrumental', 'prepositional')),
  form       TEXT NOT NULL CHECK (length(trim(form)) BETWEEN 1 AND 300),
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (nominative, sex, gram_case)
) WITHOUT ROWID;

-- Numbers documents keep: the same visit's contract always carries the same number, numbers
-- run per series and year without repeating.
CREATE TABLE document_numbers (
  series     TEXT NOT NULL CHECK (series IN ('contract', 'act', 'coupon', 'tax_certificate')),
  subject    TEXT NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),  -- 'appointment:17', 'tax:45:p45:2026'
  year       INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
  number     INTEGER NOT NULL CHECK (number > 0),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (series, subject),
  UNIQUE (series, year, number)
);

-- The number and date a printed document carries: the act names its contract by them, the tax
-- certificate counts its corrections by them.
ALTER TABLE printed_documents ADD COLUMN number TEXT NOT NULL DEFAULT '';
ALTER TABLE printed_documents ADD COLUMN doc_date TEXT
  CHECK (doc_date IS NULL OR date(doc_date, '+0 days') IS doc_date);
CREATE INDEX printed_documents_number ON printed_documents(kind, number) WHERE number <> '';

-- The doctor's code as the statistical coupon prints it (items 41, 43: the regional code of the
-- medical worker), not a database id.
ALTER TABLE doctors ADD COLUMN code TEXT NOT NULL DEFAULT '' CHECK (length(code) <= 32);
-- The tax certificate's service code: 1 ordinary medical services, 2 expensive treatment.
ALTER TABLE services ADD COLUMN tax_code INTEGER NOT NULL DEFAULT 1 CHECK (tax_code IN (1, 2));
-- The taxpayer's INN on the tax certificate.
ALTER TABLE patients ADD COLUMN inn TEXT NOT NULL DEFAULT ''
  CHECK (inn = '' OR (length(inn) = 12 AND inn NOT GLOB '*[^0-9]*'));
-- Who pays an invoice, when it is a person from the card or a known company.
ALTER TABLE invoices ADD COLUMN payer_person_id INTEGER REFERENCES patient_persons(id);
ALTER TABLE invoices ADD COLUMN payer_company_id INTEGER REFERENCES payer_companies(id);

-- Requisites the documents now print (the clinic fills them in under Settings → Реквизиты).
INSERT INTO settings(key, value) VALUES
  ('clinic.licence.authority_instrumental', ''),  -- «выданной Департаментом здравоохранения …»
  ('clinic.licence.authority_address', ''),        -- the licensing body's address (PP 736/659)
  ('clinic.licence.authority_phone', ''),
  ('documents.pd.processors', ''),                 -- who processes data for the clinic (152-ФЗ art. 9 p. 4)
  ('documents.contract.waiting_terms', ''),        -- when paid services are provided (waiting times)
  ('documents.contract.company_payment_terms', ''), -- how a company pays (by invoice, after the act)
  ('clinic.registration', '')                      -- the EGRUL record: «12.04.2017 Межрайонной ИФНС …»
ON CONFLICT (key) DO NOTHING;
