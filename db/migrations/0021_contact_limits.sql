-- migrate:up

-- How often a panel may ask one person: at most contact_invitations invitations in any
-- contact_days days, and none within contact_gap_days of the last (reminders of a wave do not count).
alter table panels
  add column contact_invitations integer not null default 3 check (contact_invitations between 1 and 1000),
  add column contact_days integer not null default 90 check (contact_days between 1 and 3650),
  add column contact_gap_days integer not null default 14 check (contact_gap_days between 0 and 3650);

-- A person who opted in to more may be exempted by the team.
alter table panelists add column contact_exempt boolean not null default false;

-- When each person was last asked (and, across panels, by address).
create index invitations_panelist_sent_idx on invitations (panelist_id, sent_at) where sent_at is not null;
create index panelists_email_idx on panelists (lower(email));

-- migrate:down

drop index panelists_email_idx;
drop index invitations_panelist_sent_idx;
alter table panelists drop column contact_exempt;
alter table panels drop column contact_invitations, drop column contact_days, drop column contact_gap_days;
