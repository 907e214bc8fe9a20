-- migrate:up

-- A panel's logo, shown on its report, its survey pages and its emails (PNG, JPEG or WebP; small).
alter table panels
  add column logo bytea check (logo is null or octet_length(logo) <= 262144),
  add column logo_type text check (logo_type in ('image/png', 'image/jpeg', 'image/webp')),
  add column logo_updated_at timestamptz,
  add constraint panels_logo_complete check ((logo is null) = (logo_type is null));

-- migrate:down

alter table panels drop constraint panels_logo_complete, drop column logo, drop column logo_type, drop column logo_updated_at;
