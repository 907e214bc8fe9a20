-- migrate:up

-- Which disclosure engine made a publication: 1 before issue 21 (relations listed by hand), 2 after
-- (relations from the questionnaire itself, audited by a linear-programming reader). Publications
-- made by engine 1 are checked again when the app starts (flows/recheck-publications.server.ts): one
-- the new engine would not publish as it stands is withdrawn, with the reason kept here.
alter table publications add column engine smallint not null default 1;
alter table publications alter column engine set default 2;
alter table publications add column withdrawn_reason text;

-- migrate:down

alter table publications drop column withdrawn_reason;
alter table publications drop column engine;
