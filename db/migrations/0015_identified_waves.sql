-- migrate:up

-- Issue 21: a wave is anonymous to the panel team unless it was launched as identified. On an anonymous
-- wave response exports carry no direct link to a person (coarse time, shuffled rows, coarsened profile).
-- Waves that exist already become anonymous: nobody told their respondents otherwise.
alter table waves add column identified boolean not null default false;

-- migrate:down

alter table waves drop column identified;
