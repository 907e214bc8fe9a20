-- migrate:up

-- A frozen snapshot of a wave's suppressed results, as readers see them; publishing again makes a new one.
create table publications (
  id bigint generated always as identity primary key,
  wave_id bigint not null references waves (id) on delete cascade,
  snapshot jsonb not null,
  commentary jsonb not null default '{}',
  published_at timestamptz not null default now(),
  published_by text not null,
  unpublished_at timestamptz
);
create index publications_wave_idx on publications (wave_id, published_at desc);

-- migrate:down
