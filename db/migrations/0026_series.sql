-- migrate:up

-- A series: waves of one panel that ask the same questions again (issue 28). Trends on a series wave's
-- report compare its published figures with the earlier waves' published figures; "change among the
-- same people" follows panelists who answered two consecutive waves of it.
create table series (
  id bigint generated always as identity primary key,
  panel_id bigint not null references panels (id),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now(),
  unique (id, panel_id)
);

-- A wave belongs to at most one series, and only to a series of its own panel.
alter table waves add column series_id bigint;
alter table waves
  add constraint waves_series_fkey foreign key (series_id, panel_id) references series (id, panel_id);
create index waves_series_idx on waves (series_id) where series_id is not null;

-- migrate:down

drop index waves_series_idx;
alter table waves drop constraint waves_series_fkey;
alter table waves drop column series_id;
drop table series;
