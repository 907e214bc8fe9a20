-- migrate:up

-- How a wave is mailed: Markdown templates with merge fields, the reminder schedule, the thank-you.
alter table waves
  add column invitation_subject text not null default 'Your invitation: {{surveyTitle}}',
  add column invitation_body text not null default '',
  add column reminder_subject text not null default 'Reminder: {{surveyTitle}} closes on {{closeDate}}',
  add column reminder_body text not null default '',
  add column reminder_days integer[] not null default '{4,9}',
  add column max_reminders integer not null default 2 check (max_reminders between 0 and 5),
  add column thank_you boolean not null default true,
  add column open_link_code text unique,
  add column open_link_email_check boolean not null default false,
  add column launched_at timestamptz,
  add column closed_early_at timestamptz;

alter table invitations
  add column emailed_count integer not null default 0,
  add column source text not null default 'segment';
create index invitations_wave_used_idx on invitations (wave_id, used_at);

-- Open-link respondents (no invitation): one response per browser.
alter table responses
  add column browser_key text,
  add column email text;
create unique index responses_wave_browser_key on responses (wave_id, browser_key);
-- With the open link's email check: one response per address.
create unique index responses_wave_email_key on responses (wave_id, lower(email)) where email is not null;
create index responses_wave_completed_idx on responses (wave_id, completed_at) where status = 'complete';

-- migrate:down
