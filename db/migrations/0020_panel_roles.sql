-- migrate:up

-- Roles per panel: an owner is owner of everything; an admin with rows here is an editor or a
-- viewer of those panels only (one may edit one panel and view another). An admin without rows
-- keeps the role of admins.role on every panel, as before.
create table admin_panel_roles (
  admin_id bigint not null references admins (id) on delete cascade,
  panel_id bigint not null references panels (id) on delete cascade,
  role text not null check (role in ('editor', 'viewer')),
  primary key (admin_id, panel_id)
);
create index admin_panel_roles_panel_idx on admin_panel_roles (panel_id);

-- An API key may be limited to one panel; null is every panel, as before.
alter table api_keys add column panel_id bigint references panels (id) on delete cascade;

-- migrate:down

alter table api_keys drop column panel_id;
drop table admin_panel_roles;
