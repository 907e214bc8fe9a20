-- migrate:up

-- A quote can be shown next to the finding it supports (another question of the questionnaire),
-- not only under the free-text question it answered. Null: under its own question.
alter table quotes add column shown_with text;

-- migrate:down

alter table quotes drop column shown_with;
