-- migrate:up
-- Password resets by email (issue 23, item 13): a single-use link, stored only as its SHA-256, that expires.
create table admin_password_resets (
  id bigint generated always as identity primary key,
  admin_id bigint not null references admins (id) on delete cascade,
  token_hash bytea not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index admin_password_resets_admin_idx on admin_password_resets (admin_id);

-- migrate:down
