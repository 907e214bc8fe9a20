-- migrate:up

-- A minimum group size below 3 promises no anonymity ("1 respondents" could be published): the
-- floor is 3 (issue 23). A wave made before with k of 1 or 2 is raised to 3; what it published
-- stays as it was.
update waves set min_group_size = 3 where min_group_size < 3;
alter table waves drop constraint waves_min_group_size_check;
alter table waves add constraint waves_min_group_size_check check (min_group_size >= 3 and min_group_size <= 1000);

-- migrate:down

alter table waves drop constraint waves_min_group_size_check;
alter table waves add constraint waves_min_group_size_check check (min_group_size >= 1 and min_group_size <= 1000);
