-- migrate:up

-- Whether a sign-in attempt came from a browser the account had signed in from (its signed device
-- cookie): such a browser is not slowed by failures others made from its network address, only by
-- its own (issue 23).
alter table sign_in_attempts add column known_device boolean not null default false;

-- migrate:down

alter table sign_in_attempts drop column known_device;
