-- Web app accounts, sessions and the audit log (src/server). Passwords are argon2id hashes; session
-- tokens are kept only as SHA-256 hashes, so a copy of the store file holds no live session.
CREATE TABLE IF NOT EXISTS app_user (
  username TEXT PRIMARY KEY,
  -- admin | analyst | practitioner | viewer
  role TEXT NOT NULL,
  -- may see restricted themes (OCG, Prevent, CSE detail)
  restricted_clearance BOOLEAN NOT NULL DEFAULT false,
  organisation TEXT,
  password_hash TEXT NOT NULL,
  disabled BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS app_session (
  token_sha256 TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  -- epoch milliseconds
  expires_at_ms BIGINT NOT NULL
);

-- Every view and change of restricted data, every workshop, gap and source change, and every sign-in.
CREATE SEQUENCE IF NOT EXISTS audit_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
  audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
  logged_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  username TEXT,
  -- sign-in | sign-in-refused | sign-out | view | create | update | delete
  action TEXT NOT NULL,
  -- what was seen or changed, e.g. 'theme-issue:prevent', 'workshop:<id>', 'gap:<id>'
  object TEXT NOT NULL,
  -- JSON of the change, or the client address for sign-ins
  detail TEXT
);
