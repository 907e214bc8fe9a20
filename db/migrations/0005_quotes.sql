-- migrate:up

-- Free-text answers the panel team chose to publish, edited to remove names, with their attribution.
create table quotes (
  id bigint generated always as identity primary key,
  wave_id bigint not null references waves (id) on delete cascade,
  response_id uuid not null references responses (id) on delete cascade,
  question text not null,
  text text not null check (length(text) between 1 and 2000),
  attribution text not null,
  approved_by text not null,
  approved_at timestamptz not null default now(),
  unique (response_id, question)
);
create index quotes_wave_idx on quotes (wave_id);

-- migrate:down
