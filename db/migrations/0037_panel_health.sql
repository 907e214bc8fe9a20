-- migrate:up

-- When a person left the panel (unsubscribed or erased), whichever path did it (their link, /me, the
-- API, the admin, erasure): the dashboard's opt-outs in the last 90 days. Cleared when they rejoin.
-- People who left before this migration have no date and are not counted as recent.
alter table panelists add column left_at timestamptz;

create function panelists_left_at() returns trigger language plpgsql as $$
begin
  if new.status in ('unsubscribed', 'erased') then
    if old.status not in ('unsubscribed', 'erased') then
      new.left_at := now();
    end if;
  else
    new.left_at := null;
  end if;
  return new;
end
$$;

create trigger panelists_left_at before update of status on panelists
  for each row execute function panelists_left_at();

-- migrate:down

drop trigger panelists_left_at on panelists;
drop function panelists_left_at();
alter table panelists drop column left_at;
