-- migrate:up

-- Live results without recounting every response: completed responses are rolled up into counters per
-- (region, organisation type, role category) cell, and a reader adds only the responses completed since.
-- "Since" is a transaction id, not a time: a roll-up covers every response whose completing transaction
-- is older than the oldest one still running when it looked (pg_snapshot_xmin), so none is counted twice
-- or missed, and concurrent completions never wait on a shared counter row.
alter table responses add column completed_xid xid8;

create function responses_set_completed_xid() returns trigger language plpgsql as $$
begin
  new.completed_xid := pg_current_xact_id();
  return new;
end $$;

create trigger responses_completed_xid_on_insert before insert on responses
  for each row when (new.status = 'complete') execute function responses_set_completed_xid();
create trigger responses_completed_xid_on_complete before update of status on responses
  for each row when (old.status <> 'complete' and new.status = 'complete') execute function responses_set_completed_xid();

update responses set completed_xid = '0'::xid8 where status = 'complete';

create index responses_wave_completed_xid_idx on responses (wave_id, completed_xid) where status = 'complete';

-- How far a wave's roll-up goes, and the counter layout it was made with (a changed layout means recount).
create table result_rollup_marks (
  wave_id bigint not null references waves (id) on delete cascade,
  questionnaire_version_id bigint not null references questionnaire_versions (id) on delete cascade,
  upto xid8 not null,
  layout text not null,
  -- How many distinct organisations and countries the roll-up has seen (the keys below).
  organisations integer not null default 0,
  countries integer not null default 0,
  rolled_up_at timestamptz not null default now(),
  primary key (wave_id, questionnaire_version_id)
);

-- One row of counters per cell; '' stands for an unknown profile value.
create table result_rollups (
  wave_id bigint not null,
  questionnaire_version_id bigint not null,
  region text not null,
  organisation_type text not null,
  role_category text not null,
  counters float8[] not null,
  primary key (wave_id, questionnaire_version_id, region, organisation_type, role_category),
  foreign key (wave_id, questionnaire_version_id) references result_rollup_marks (wave_id, questionnaire_version_id) on delete cascade
);

-- Distinct organisations and countries seen by the roll-up (headline figures are not sums).
create table result_rollup_keys (
  wave_id bigint not null,
  questionnaire_version_id bigint not null,
  kind text not null check (kind in ('organisation', 'country')),
  key text not null,
  primary key (wave_id, questionnaire_version_id, kind, key),
  foreign key (wave_id, questionnaire_version_id) references result_rollup_marks (wave_id, questionnaire_version_id) on delete cascade
);

-- A completed response that changes or goes (erasure, a correction by hand) voids its wave's roll-up:
-- the next reader counts again. The lock orders this against a roll-up in progress.
create function responses_void_rollup() returns trigger language plpgsql as $$
begin
  perform pg_advisory_xact_lock(hashtext('results-rollup:' || old.wave_id));
  delete from result_rollup_marks where wave_id = old.wave_id;
  return null;
end $$;

create trigger responses_void_rollup_on_update after update on responses
  for each row when (old.status = 'complete') execute function responses_void_rollup();
create trigger responses_void_rollup_on_delete after delete on responses
  for each row when (old.status = 'complete') execute function responses_void_rollup();

-- migrate:down
drop trigger responses_void_rollup_on_delete on responses;
drop trigger responses_void_rollup_on_update on responses;
drop function responses_void_rollup();
drop table result_rollup_keys;
drop table result_rollups;
drop table result_rollup_marks;
drop trigger responses_completed_xid_on_complete on responses;
drop trigger responses_completed_xid_on_insert on responses;
drop function responses_set_completed_xid();
drop index responses_wave_completed_xid_idx;
alter table responses drop column completed_xid;
