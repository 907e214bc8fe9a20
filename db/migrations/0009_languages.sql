-- migrate:up

-- A panel speaks a default language; each person may prefer another (null: the panel's).
alter table panels add column default_language text not null default 'en' check (default_language ~ '^[a-z]{2}$');
alter table panelists add column language text check (language ~ '^[a-z]{2}$');
-- The language a respondent chose on the page (remembered for their next visit), and the one each
-- response was given in (answers are stored as choice values whatever the language).
alter table invitations add column language text check (language ~ '^[a-z]{2}$');
alter table responses add column language text check (language ~ '^[a-z]{2}$');
-- A wave's email templates in other languages: {"es": {"invitationSubject": …, "invitationBody": …,
-- "reminderSubject": …, "reminderBody": …}}; English (the existing columns) is the fallback.
alter table waves add column translations jsonb not null default '{}' check (jsonb_typeof(translations) = 'object');

-- migrate:down

alter table waves drop column translations;
alter table responses drop column language;
alter table invitations drop column language;
alter table panelists drop column language;
alter table panels drop column default_language;
