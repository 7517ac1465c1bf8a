-- Schema v9: each person signs in. Accounts with a position, several roles, a password and a
-- quick PIN, blocked by whom and why; what each role may do as a table the manager edits (with
-- the defaults below); every sign-in attempt (the limit per login and per desk) and session;
-- the desk each audit row was written at.

ALTER TABLE users ADD COLUMN position TEXT NOT NULL DEFAULT '' CHECK (length(position) <= 100);
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN doctor_id INTEGER REFERENCES doctors(id);
ALTER TABLE users ADD COLUMN created_by INTEGER REFERENCES users(id);
ALTER TABLE users ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN blocked_at INTEGER;
ALTER TABLE users ADD COLUMN blocked_by INTEGER REFERENCES users(id);
ALTER TABLE users ADD COLUMN blocked_reason TEXT NOT NULL DEFAULT '' CHECK (length(blocked_reason) <= 300);
-- Set by whoever reset the password: the person chooses their own at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1));
CREATE UNIQUE INDEX users_doctor ON users(doctor_id) WHERE doctor_id IS NOT NULL;

-- A person may hold several roles (an administrator who is also the cashier).
CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role    TEXT NOT NULL CHECK (role IN ('admin', 'senior_admin', 'operator', 'cashier', 'doctor', 'manager',
                                        'sysadmin')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
INSERT INTO user_roles(user_id, role)
  SELECT id, CASE role WHEN 'senior' THEN 'senior_admin' ELSE role END FROM users
   WHERE role IN ('admin', 'senior', 'operator', 'doctor');
-- The old single role (and its 'kiosk' value: a kiosk is not a person) gives way to user_roles.
ALTER TABLE users DROP COLUMN role;

-- What each role may do. The core reads it inside every guarded operation, so a change counts
-- at once, at every desk. Permissions are named by the code (db/staff.h).
CREATE TABLE role_permissions (
  role       TEXT NOT NULL CHECK (role IN ('admin', 'senior_admin', 'operator', 'cashier', 'doctor', 'manager',
                                           'sysadmin')),
  permission TEXT NOT NULL CHECK (length(permission) BETWEEN 1 AND 64),
  PRIMARY KEY (role, permission)
) WITHOUT ROWID;
INSERT INTO role_permissions(role, permission) VALUES
  ('admin', 'patients.edit'), ('admin', 'appointments.book'), ('admin', 'visits.flow'),
  ('admin', 'cash.invoices'), ('admin', 'cash.payments'), ('admin', 'documents.print'), ('admin', 'calls.work'),
  ('senior_admin', 'patients.edit'), ('senior_admin', 'appointments.book'), ('senior_admin', 'visits.flow'),
  ('senior_admin', 'schedule.absences'), ('senior_admin', 'cash.invoices'), ('senior_admin', 'cash.payments'),
  ('senior_admin', 'cash.refunds'), ('senior_admin', 'cash.discount_over_limit'),
  ('senior_admin', 'cash.cancel_unsent'), ('senior_admin', 'documents.print'), ('senior_admin', 'calls.work'),
  ('senior_admin', 'reports.view'), ('senior_admin', 'patients.export'),
  ('operator', 'patients.edit'), ('operator', 'appointments.book'), ('operator', 'calls.work'),
  ('cashier', 'cash.invoices'), ('cashier', 'cash.payments'),
  ('doctor', 'doctor.own_day'), ('doctor', 'documents.print'),
  ('manager', 'schedule.absences'), ('manager', 'cash.refunds'), ('manager', 'cash.discount_over_limit'),
  ('manager', 'templates.edit'), ('manager', 'prices.edit'), ('manager', 'settings.edit'),
  ('manager', 'staff.manage'), ('manager', 'permissions.edit'), ('manager', 'reports.view'),
  ('manager', 'audit.view'), ('manager', 'patients.export'),
  ('sysadmin', 'settings.edit'), ('sysadmin', 'staff.manage');

-- Every try to sign in, unlock or approve: the limit per login and per desk counts them.
CREATE TABLE sign_in_attempts (
  id    INTEGER PRIMARY KEY,
  at    INTEGER NOT NULL,
  place TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 100),   -- 'desk:reg-1'
  login TEXT NOT NULL DEFAULT '' CHECK (length(login) <= 64),    -- '' when a PIN alone was typed
  ok    INTEGER NOT NULL CHECK (ok IN (0, 1))
);
CREATE INDEX sign_in_attempts_login ON sign_in_attempts(login, at);
CREATE INDEX sign_in_attempts_place ON sign_in_attempts(place, at);

-- Who worked at which desk, from when to when.
CREATE TABLE sessions (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  place      TEXT NOT NULL CHECK (length(place) BETWEEN 1 AND 100),
  method     TEXT NOT NULL CHECK (method IN ('password', 'pin')),
  started_at INTEGER NOT NULL,
  ended_at   INTEGER,
  ended_how  TEXT CHECK (ended_how IS NULL OR ended_how IN ('sign_out', 'switch', 'closed'))
);
CREATE INDEX sessions_user ON sessions(user_id, started_at);

-- The desk (or kiosk) each audit row was written at; rows before v9 have none.
ALTER TABLE audit_log ADD COLUMN place TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_log_at ON audit_log(at_ms);
CREATE INDEX audit_log_actor ON audit_log(actor, at_ms);
