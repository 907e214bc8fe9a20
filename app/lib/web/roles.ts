export const ROLES = ["viewer", "editor", "owner"] as const;
export type Role = (typeof ROLES)[number];

/** Whether a role includes what another role may do (owner ⊃ editor ⊃ viewer). */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * What an admin or an API key may do: `role` on every panel when `panels` is null; otherwise only
 * the panels listed, each with its own role (`role` is then the highest of them).
 */
export interface Access {
  role: Role;
  panels: Record<string, Role> | null;
}

/** The role an admin or key has on one panel, or undefined when the panel is not theirs. */
export function roleOnPanel(access: Access, panelId: number): Role | undefined {
  if (access.role === "owner" || access.panels === null) return access.role;
  return access.panels[String(panelId)];
}

/** Whether an admin or key may do what `needed` allows on a panel. */
export function mayOnPanel(access: Access, panelId: number, needed: Role): boolean {
  const role = roleOnPanel(access, panelId);
  return role !== undefined && roleAtLeast(role, needed);
}

/** The panels an admin or key may see (null: all of them). */
export function visiblePanelIds(access: Access): number[] | null {
  if (access.role === "owner" || access.panels === null) return null;
  return Object.keys(access.panels).map(Number);
}

/** The highest of some roles (viewer when there are none). */
export function highestRole(roles: Iterable<Role>): Role {
  let best: Role = "viewer";
  for (const role of roles) if (roleAtLeast(role, best)) best = role;
  return best;
}

/** "a viewer", "an editor", "an owner". */
export function withArticle(role: Role): string {
  return role === "viewer" ? "a viewer" : `an ${role}`;
}
