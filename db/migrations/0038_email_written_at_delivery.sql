-- migrate:up

-- A message whose body is written when it is delivered, and what it is written from (null: written
-- already). A completion's thank-you email is recorded by the completion's own statement with its
-- subject only ({"template": "thank-you", "invitationId": …, "language": …}); the mail worker writes
-- the body from the invitation (the person's name, the panel, the wave) as it sends it, then clears this.
alter table emails add column render jsonb;

-- migrate:down

alter table emails drop column render;
