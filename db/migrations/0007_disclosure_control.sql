-- migrate:up

-- Only verified respondents (personal invitations) count towards a wave's minimum group size, so the
-- roll-up keeps them apart from open-link answers. Existing roll-ups are voided and recounted.
delete from result_rollup_marks;
alter table result_rollups add column verified boolean not null default true;
alter table result_rollups drop constraint result_rollups_pkey;
alter table result_rollups add primary key (wave_id, questionnaire_version_id, region, organisation_type, role_category, verified);

-- What a publication counted, kept for the server only and never served: each published cell's
-- counts and whether a reader could know it, so that a later publication of the same wave can be
-- checked against it (the difference between two publications must not single anyone out either).
alter table publications add column private_cells jsonb not null default '{}';
-- The responses counted and when, to tell how many were added, changed or removed since.
alter table publications add column counted_responses integer not null default 0;

-- A publication's snapshot changes only when an erased person's quote is struck from it; readers'
-- caches key on the revision.
alter table publications add column revision integer not null default 0;

-- The .eml file a message was written to (no SMTP_URL), so erasing a person removes their files too.
alter table emails add column outbox_file text;

-- migrate:down
