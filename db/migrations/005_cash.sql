-- Schema v5: the cash desk. Money is whole kopecks. Invoices at the price valid on the visit
-- date; payments written as an intent before the fiscal registrar is asked and completed with
-- its fiscal document; personal accounts; DMS guarantee letters; cash shifts.

CREATE TABLE insurers (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  inn  TEXT NOT NULL DEFAULT '' CHECK (inn = '' OR (length(inn) IN (10, 12) AND inn NOT GLOB '*[^0-9]*'))
);

-- A DMS guarantee letter: the insurer pays for these services of this patient, within a limit.
CREATE TABLE guarantee_letters (
  id            INTEGER PRIMARY KEY,
  patient_id    INTEGER NOT NULL REFERENCES patients(id),
  insurer_id    INTEGER NOT NULL REFERENCES insurers(id),
  number        TEXT NOT NULL CHECK (length(trim(number)) BETWEEN 1 AND 64),
  valid_from    TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
  valid_to      TEXT NOT NULL CHECK (date(valid_to, '+0 days') IS valid_to),
  limit_kopecks INTEGER NOT NULL CHECK (limit_kopecks >= 0),
  created_at    INTEGER NOT NULL,
  CHECK (valid_to >= valid_from)
);
CREATE INDEX guarantee_letters_patient ON guarantee_letters(patient_id, valid_to);
CREATE TABLE guarantee_letter_services (
  letter_id  INTEGER NOT NULL REFERENCES guarantee_letters(id) ON DELETE CASCADE,
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (letter_id, service_id)
) WITHOUT ROWID;

-- Family: one patient pays for another (a parent for a child) from his personal account.
CREATE TABLE payer_links (
  payer_id   INTEGER NOT NULL REFERENCES patients(id),
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  relation   TEXT NOT NULL DEFAULT '' CHECK (length(relation) <= 40),
  PRIMARY KEY (payer_id, patient_id),
  CHECK (payer_id <> patient_id)
) WITHOUT ROWID;

CREATE TABLE cash_shifts (
  id                  INTEGER PRIMARY KEY,
  till                TEXT NOT NULL DEFAULT 'main',
  opened_at           INTEGER NOT NULL,
  opened_by           INTEGER REFERENCES users(id),
  cashier_name        TEXT NOT NULL,
  float_kopecks       INTEGER NOT NULL CHECK (float_kopecks >= 0),
  fiscal_shift_number INTEGER,
  closed_at           INTEGER,
  closed_by           INTEGER REFERENCES users(id),
  counted_kopecks     INTEGER CHECK (counted_kopecks IS NULL OR counted_kopecks >= 0),
  expected_kopecks    INTEGER,
  handed_over_kopecks INTEGER CHECK (handed_over_kopecks IS NULL OR handed_over_kopecks >= 0),
  handover_notes      TEXT NOT NULL DEFAULT '' CHECK (length(handover_notes) <= 4000),
  CHECK (closed_at IS NULL OR closed_at >= opened_at)
);
-- One open shift per till, whichever desk opens it.
CREATE UNIQUE INDEX cash_shifts_one_open ON cash_shifts(till) WHERE closed_at IS NULL;
CREATE TRIGGER cash_shifts_closed_stay_closed BEFORE UPDATE ON cash_shifts
WHEN OLD.closed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'cash_shifts: a closed shift cannot be changed');
END;

CREATE TABLE cash_movements (
  id         INTEGER PRIMARY KEY,
  shift_id   INTEGER NOT NULL REFERENCES cash_shifts(id),
  amount     INTEGER NOT NULL CHECK (amount <> 0),  -- + cash in, − cash out
  reason     TEXT NOT NULL CHECK (length(trim(reason)) BETWEEN 1 AND 500),
  created_at INTEGER NOT NULL,
  created_by INTEGER REFERENCES users(id)
);

CREATE TABLE invoices (
  id               INTEGER PRIMARY KEY,
  patient_id       INTEGER NOT NULL REFERENCES patients(id),
  payer_kind       TEXT NOT NULL DEFAULT 'patient'
                   CHECK (payer_kind IN ('patient', 'person', 'company', 'insurer')),
  payer_patient_id INTEGER REFERENCES patients(id),  -- a family member with a card
  payer_name       TEXT NOT NULL DEFAULT '' CHECK (length(payer_name) <= 300),
  payer_inn        TEXT NOT NULL DEFAULT '' CHECK (payer_inn = '' OR (length(payer_inn) IN (10, 12) AND payer_inn NOT GLOB '*[^0-9]*')),
  insurer_id       INTEGER REFERENCES insurers(id),
  letter_id        INTEGER REFERENCES guarantee_letters(id),
  discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_reason  TEXT NOT NULL DEFAULT '' CHECK (length(discount_reason) <= 500),
  discount_approved_by INTEGER REFERENCES users(id),
  total_kopecks    INTEGER NOT NULL DEFAULT 0 CHECK (total_kopecks >= 0),
  paid_kopecks     INTEGER NOT NULL DEFAULT 0 CHECK (paid_kopecks >= 0),
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'paid', 'cancelled')),
  created_at       INTEGER NOT NULL,
  created_by       INTEGER REFERENCES users(id),
  CHECK (payer_kind <> 'insurer' OR insurer_id IS NOT NULL),
  CHECK (paid_kopecks <= total_kopecks OR status = 'cancelled'),
  CHECK (discount_bp = 0 OR length(trim(discount_reason)) > 0)
);
CREATE INDEX invoices_patient ON invoices(patient_id, status);
CREATE INDEX invoices_open ON invoices(status) WHERE status = 'open';

-- A line: one service of one visit at the price in force on the visit's date.
CREATE TABLE invoice_lines (
  id               INTEGER PRIMARY KEY,
  invoice_id       INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  appointment_id   INTEGER REFERENCES appointments(id),
  service_id       INTEGER NOT NULL REFERENCES services(id),
  code             TEXT NOT NULL,
  name             TEXT NOT NULL,
  price_kopecks    INTEGER NOT NULL CHECK (price_kopecks >= 0),
  quantity         INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
  discount_bp      INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
  discount_reason  TEXT NOT NULL DEFAULT '' CHECK (length(discount_reason) <= 500),
  -- What the line costs after its own discount and its share of the invoice's: kept by the
  -- core, and what the receipt shows.
  amount_kopecks   INTEGER NOT NULL CHECK (amount_kopecks >= 0),
  position         INTEGER NOT NULL DEFAULT 0,
  CHECK (discount_bp = 0 OR length(trim(discount_reason)) > 0)
);
CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id, position);
-- A visit's service is billed once (cancelled invoices release it).
CREATE INDEX invoice_lines_appointment ON invoice_lines(appointment_id);

-- A payment: sale, refund, deposit to the personal account or its refund. Written as an
-- 'intent' (synchronous=FULL) before the registrar is asked; 'registered' with the fiscal
-- document once it answers; 'cancelled' when the cashier gives it up unsent.
CREATE TABLE payments (
  id                INTEGER PRIMARY KEY,
  ref               TEXT NOT NULL UNIQUE CHECK (length(ref) BETWEEN 8 AND 64),  -- tag 1192
  till              TEXT NOT NULL DEFAULT 'main',
  kind              TEXT NOT NULL CHECK (kind IN ('invoice', 'refund', 'deposit', 'deposit_refund')),
  invoice_id        INTEGER REFERENCES invoices(id),
  patient_id        INTEGER NOT NULL REFERENCES patients(id),  -- whose account / for whom
  refund_of         INTEGER REFERENCES payments(id),
  cash_kopecks      INTEGER NOT NULL DEFAULT 0 CHECK (cash_kopecks >= 0),
  card_kopecks      INTEGER NOT NULL DEFAULT 0 CHECK (card_kopecks >= 0),
  balance_kopecks   INTEGER NOT NULL DEFAULT 0 CHECK (balance_kopecks >= 0),
  tendered_kopecks  INTEGER NOT NULL DEFAULT 0 CHECK (tendered_kopecks >= 0),
  total_kopecks     INTEGER NOT NULL CHECK (total_kopecks > 0),
  customer_contact  TEXT NOT NULL DEFAULT '' CHECK (length(customer_contact) <= 254),
  reason            TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  card_auth_code    TEXT NOT NULL DEFAULT '' CHECK (length(card_auth_code) <= 32),
  shift_id          INTEGER REFERENCES cash_shifts(id),
  state             TEXT NOT NULL DEFAULT 'intent' CHECK (state IN ('intent', 'registered', 'cancelled')),
  -- The registrar's last document number when the intent was written: after a crash, a newer
  -- document carrying this payment's ref is this payment's receipt.
  doc_before        INTEGER,
  fiscal_number     INTEGER,
  fiscal_sign       TEXT,
  fiscal_shift      INTEGER,
  created_at        INTEGER NOT NULL,
  created_by        INTEGER REFERENCES users(id),
  registered_at     INTEGER,
  CHECK (cash_kopecks + card_kopecks + balance_kopecks = total_kopecks),
  CHECK (tendered_kopecks = 0 OR tendered_kopecks >= cash_kopecks),
  CHECK (kind NOT IN ('refund', 'deposit_refund') OR length(trim(reason)) > 0),
  CHECK (kind <> 'refund' OR refund_of IS NOT NULL),
  CHECK (kind <> 'invoice' OR invoice_id IS NOT NULL),
  CHECK (kind NOT IN ('deposit', 'deposit_refund') OR balance_kopecks = 0),
  CHECK (state <> 'registered' OR (fiscal_number IS NOT NULL AND fiscal_sign IS NOT NULL))
);
CREATE INDEX payments_invoice ON payments(invoice_id);
CREATE INDEX payments_patient ON payments(patient_id, created_at);
CREATE INDEX payments_shift ON payments(shift_id, state);
-- At most one payment in flight per till: reconciliation then only has one candidate.
CREATE UNIQUE INDEX payments_one_intent ON payments(till) WHERE state = 'intent';
CREATE TRIGGER payments_state_forward BEFORE UPDATE OF state ON payments
WHEN OLD.state <> 'intent' AND NEW.state <> OLD.state
BEGIN
  SELECT RAISE(ABORT, 'payments: a registered or cancelled payment is final');
END;
CREATE TRIGGER payments_registered_immutable BEFORE UPDATE ON payments
WHEN OLD.state = 'registered'
BEGIN
  SELECT RAISE(ABORT, 'payments: a registered payment cannot be changed');
END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments: payments are never deleted');
END;

-- The personal account (лицевой счёт): the balance is the sum of its entries, never negative.
CREATE TABLE account_entries (
  id         INTEGER PRIMARY KEY,
  patient_id INTEGER NOT NULL REFERENCES patients(id),
  payment_id INTEGER NOT NULL REFERENCES payments(id),
  amount     INTEGER NOT NULL CHECK (amount <> 0),
  created_at INTEGER NOT NULL
);
CREATE INDEX account_entries_patient ON account_entries(patient_id);
CREATE TRIGGER account_entries_not_negative AFTER INSERT ON account_entries
WHEN (SELECT sum(amount) FROM account_entries WHERE patient_id = NEW.patient_id) < 0
BEGIN
  SELECT RAISE(ABORT, 'account_entries: the personal account cannot go below zero');
END;
CREATE TRIGGER account_entries_append_only BEFORE UPDATE ON account_entries
BEGIN
  SELECT RAISE(ABORT, 'account_entries: entries are append-only');
END;
CREATE TRIGGER account_entries_no_delete BEFORE DELETE ON account_entries
BEGIN
  SELECT RAISE(ABORT, 'account_entries: entries are append-only');
END;

INSERT OR IGNORE INTO settings(key, value) VALUES
  ('cash.discount_limit_bp', '1000'),   -- above 10 % a senior administrator approves
  ('cash.tax_system', '1');             -- tag 1055: 1 general
