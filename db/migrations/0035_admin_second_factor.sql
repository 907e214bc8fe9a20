-- migrate:up
-- An optional second factor for admins (issue 23, item 13): a TOTP secret (encrypted with a key drawn
-- from the server secret), the last time step used (a code works once), single-use recovery codes
-- (SHA-256 only), and the installation's rule that every admin must have one.
alter table admins
  add column totp_secret text,
  add column totp_pending_secret text,
  add column totp_last_step bigint,
  add column totp_enabled_at timestamptz;

create table admin_recovery_codes (
  id bigint generated always as identity primary key,
  admin_id bigint not null references admins (id) on delete cascade,
  code_hash bytea not null unique,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index admin_recovery_codes_admin_idx on admin_recovery_codes (admin_id);

-- One row at most (absent: nothing required).
create table installation_settings (
  id boolean primary key default true check (id),
  require_second_factor boolean not null default false,
  updated_at timestamptz not null default now()
);

-- migrate:down
