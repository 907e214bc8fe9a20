-- migrate:up

-- A standing group of people, e.g. the Global Higher Education Executive Panel.
create table panels (
  id bigint generated always as identity primary key,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  consent_text text not null default '',
  consent_version integer not null default 1,
  settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- One person in a panel. Profile columns are nulled when a person erases their data.
create table panelists (
  id bigint generated always as identity primary key,
  panel_id bigint not null references panels (id) on delete cascade,
  email text check (email is null or position('@' in email) > 1),
  name text,
  job_title text,
  role_category text,
  organisation text,
  organisation_type text,
  country char(2) check (country is null or country ~ '^[A-Z]{2}$'),
  region text check (region is null or region in (
    'North America', 'Latin America & Caribbean', 'Europe & Central Asia',
    'Middle East & North Africa', 'Sub-Saharan Africa', 'South Asia', 'East Asia & Pacific')),
  attributes jsonb not null default '{}',
  status text not null default 'active'
    check (status in ('pending', 'active', 'unsubscribed', 'bounced', 'erased')),
  consent_version integer,
  consented_at timestamptz,
  source text not null default 'admin',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status = 'erased' or email is not null)
);
create unique index panelists_panel_email_key on panelists (panel_id, lower(email));
create index panelists_panel_region_idx on panelists (panel_id, region);
create index panelists_panel_status_idx on panelists (panel_id, status);

-- A questionnaire is a SurveyJS file in survey-definitions/; each distinct content is a version.
create table questionnaires (
  id bigint generated always as identity primary key,
  slug text not null unique,
  title text not null,
  current_version_id bigint,
  source_file text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table questionnaire_versions (
  id bigint generated always as identity primary key,
  questionnaire_id bigint not null references questionnaires (id) on delete cascade,
  version integer not null,
  content_hash text not null,
  definition jsonb not null,
  title text not null,
  question_count integer not null,
  created_at timestamptz not null default now(),
  unique (questionnaire_id, version),
  unique (questionnaire_id, content_hash)
);

alter table questionnaires
  add constraint questionnaires_current_version_fkey
  foreign key (current_version_id) references questionnaire_versions (id);

-- Versions are immutable once stored.
create function forbid_update() returns trigger language plpgsql as $$
begin
  raise exception '% rows are immutable', tg_table_name;
end $$;
create trigger questionnaire_versions_immutable
  before update on questionnaire_versions
  for each row execute function forbid_update();

-- One fielding of one questionnaire version to a panel.
create table waves (
  id bigint generated always as identity primary key,
  panel_id bigint not null references panels (id),
  questionnaire_id bigint not null references questionnaires (id),
  questionnaire_version_id bigint not null references questionnaire_versions (id),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  title text not null,
  opens_at timestamptz not null default now(),
  closes_at timestamptz,
  min_group_size integer not null default 5 check (min_group_size between 1 and 1000),
  audience text not null default 'respondents' check (audience in ('respondents', 'panel', 'public')),
  segment jsonb not null default '{}',
  settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (closes_at is null or closes_at > opens_at)
);

-- A panelist asked to answer a wave. Only a hash of the secret link's token is stored.
create table invitations (
  id bigint generated always as identity primary key,
  wave_id bigint not null references waves (id) on delete cascade,
  panelist_id bigint not null references panelists (id),
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  opened_at timestamptz,
  started_at timestamptz,
  used_at timestamptz,
  reminder_count integer not null default 0,
  last_mailed_at timestamptz,
  unique (wave_id, panelist_id)
);
create index invitations_panelist_idx on invitations (panelist_id);

-- The answers to a wave, pinned to the questionnaire version, with the respondent's profile as it was.
create table responses (
  id uuid primary key default gen_random_uuid(),
  wave_id bigint not null references waves (id) on delete cascade,
  invitation_id bigint unique references invitations (id) on delete set null,
  questionnaire_version_id bigint not null references questionnaire_versions (id),
  status text not null default 'partial' check (status in ('partial', 'complete')),
  data jsonb not null default '{}' check (jsonb_typeof(data) = 'object'),
  current_page integer not null default 0,
  submission_id uuid,
  source text not null default 'invitation' check (source in ('invitation', 'open-link', 'api', 'import')),
  country char(2),
  region text,
  organisation_type text,
  role_category text,
  organisation text,
  job_title text,
  started_at timestamptz not null default now(),
  completed_at timestamptz,
  updated_at timestamptz not null default now(),
  check ((status = 'complete') = (completed_at is not null))
);
create unique index responses_wave_submission_key on responses (wave_id, submission_id);
create index responses_wave_status_idx on responses (wave_id, status);

-- migrate:down
