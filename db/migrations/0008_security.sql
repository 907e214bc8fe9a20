-- migrate:up

-- Server-side sessions: the cookie holds a random id; only its hash is stored. Signing in makes a
-- new one; signing out, a password or role change, removal or erasure ends them; each expires at
-- a fixed time and after a spell of inactivity.
create table sessions (
  id_hash bytea primary key,
  admin_id bigint references admins (id) on delete cascade,
  panelist_id bigint references panelists (id) on delete cascade,
  -- A panelist signed in from a "results are out" email may read results, not change a profile.
  scope text not null default 'full' check (scope in ('full', 'results')),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  idle_minutes integer not null,
  check ((admin_id is null) <> (panelist_id is null))
);
create index sessions_admin_idx on sessions (admin_id) where admin_id is not null;
create index sessions_panelist_idx on sessions (panelist_id) where panelist_id is not null;

-- Emails are stored without their secrets: each personal link is a placeholder in the text, HTML
-- and headers, and `links` says how to make it when the message is delivered (derived from the
-- server secret, or a new single-use token).
alter table emails add column links jsonb not null default '[]';

-- What a single-use link does beyond its purpose (an email change carries the new address; a
-- rejoin confirmation, the consent it records).
alter table panelist_links add column payload jsonb not null default '{}';
alter table panelist_links drop constraint if exists panelist_links_purpose_check;
alter table panelist_links add constraint panelist_links_purpose_check check (purpose in ('confirm', 'sign-in', 'results', 'email-change'));

-- Rate-limit counters shared by every instance (rate-limiter-flexible's PostgreSQL store).
create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);

-- Links already written into stored emails become placeholders (queued mail keeps them until sent).
update emails set
  text_body = regexp_replace(text_body, 'https?://[^\s"<>]*/(s|me/link|join/confirm|u)/[A-Za-z0-9_.%-]+(\?[^\s"<>]*)?', '[personal link]', 'g'),
  html_body = regexp_replace(html_body, 'https?://[^\s"<>]*/(s|me/link|join/confirm|u)/[A-Za-z0-9_.%-]+(\?[^\s"<>]*)?', '[personal link]', 'g'),
  headers = '{}'
where status <> 'queued';

-- migrate:down
