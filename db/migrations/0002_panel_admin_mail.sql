-- migrate:up

create extension if not exists pg_trgm;

-- People who run Quorum. Roles: viewer reads, editor also changes and sends, owner also manages admins and keys.
create table admins (
  id bigint generated always as identity primary key,
  email text not null check (position('@' in email) > 1),
  password_hash text not null,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index admins_email_key on admins (lower(email));

-- Sign-in attempts, for the limit of 5 failures per email in 15 minutes.
create table sign_in_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  ip text,
  succeeded boolean not null,
  at timestamptz not null default now()
);
create index sign_in_attempts_email_at_idx on sign_in_attempts (lower(email), at);

create table api_keys (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 100),
  role text not null check (role in ('owner', 'editor', 'viewer')),
  key_hash bytea not null unique,
  prefix text not null,
  created_by bigint references admins (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Every admin write: who, what, when, the changed fields.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor text not null,
  admin_id bigint references admins (id) on delete set null,
  api_key_id bigint references api_keys (id) on delete set null,
  action text not null,
  entity text not null,
  entity_id text,
  changes jsonb not null default '{}'
);
create index audit_log_at_idx on audit_log (at desc);

-- Single-use links mailed to panelists: confirm a sign-up, sign in to /me.
create table panelist_links (
  id bigint generated always as identity primary key,
  panelist_id bigint not null references panelists (id) on delete cascade,
  purpose text not null check (purpose in ('confirm', 'sign-in')),
  token_hash bytea not null unique,
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index panelist_links_panelist_idx on panelist_links (panelist_id);

-- Every message Quorum sends. A job sends a row once: retries find it already sent.
create table emails (
  id bigint generated always as identity primary key,
  kind text not null,
  panelist_id bigint references panelists (id) on delete set null,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text not null,
  headers jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'sent', 'failed', 'suppressed')),
  dedupe_key text unique,
  message_id text,
  error text,
  attempts integer not null default 0,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index emails_status_idx on emails (status, created_at);
create index emails_panelist_idx on emails (panelist_id);

-- CSV imports: the uploaded file, the column mapping and the outcome (rejected rows kept for download).
create table panelist_imports (
  id bigint generated always as identity primary key,
  panel_id bigint not null references panels (id) on delete cascade,
  admin_id bigint references admins (id) on delete set null,
  file_name text not null,
  content text not null,
  mapping jsonb,
  created_count integer,
  updated_count integer,
  rejected_count integer,
  rejected jsonb,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

-- The panelist list: search by name, email or organisation; filter by region, country, type, role, status.
create index panelists_search_trgm_idx on panelists
  using gin ((coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(organisation, '')) gin_trgm_ops);
create index panelists_panel_country_idx on panelists (panel_id, country);
create index panelists_panel_org_type_idx on panelists (panel_id, organisation_type);
create index panelists_panel_role_idx on panelists (panel_id, role_category);
create index panelists_panel_name_idx on panelists (panel_id, name, id);
-- Counts by region and status read this index alone (an index-only scan).
create index panelists_panel_region_status_idx on panelists (panel_id, region, status);

-- migrate:down
