import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireRecordId } from "~/http/ids";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Field, OptionSelect } from "~/components/forms";
import { ROLES } from "~/lib/web";
import { createApiKey, listApiKeys, revokeApiKey } from "~/models/api-key.server";
import { listAdmins } from "~/models/admin.server";
import { getPanelBySlug, listPanels } from "~/models/panel.server";
import { requireAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "API keys · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "owner");
  const [keys, panels, admins] = await Promise.all([listApiKeys(), listPanels(), listAdmins()]);
  const slugOf = new Map(panels.map((p) => [String(p.id), p.slug]));
  return {
    keys,
    panels: panels.map((p) => [p.slug, p.name] as [string, string]),
    admins: admins.map((a) => ({
      email: a.email,
      roles:
        a.panels === null
          ? `${a.role} of every panel`
          : Object.entries(a.panels)
              .map(([id, role]) => `${role} of ${slugOf.get(id) ?? id}`)
              .join(", "),
    })),
  };
}

const createSchema = z.object({
  name: z.string().trim().min(1, "Give the key a name, such as the tool that will use it.").max(100),
  role: z.enum(ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
  panel: z.string().optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "owner");
  const actor = { label: admin.email, adminId: admin.id };
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "revoke") {
    await revokeApiKey(requireRecordId(form.id, "There is no such API key."), actor);
    return { created: null, errors: {} };
  }
  const parsed = createSchema.safeParse(form);
  if (!parsed.success) return data({ created: null, errors: parsed.error.flatten().fieldErrors }, { status: 400 });
  const panel = parsed.data.panel ? await getPanelBySlug(parsed.data.panel) : undefined;
  if (parsed.data.panel && !panel)
    return data({ created: null, errors: { panel: ["There is no such panel."] } }, { status: 400 });
  if (panel && parsed.data.role === "owner")
    return data(
      { created: null, errors: { panel: ["An owner key owns every panel: choose every panel, or another role."] } },
      { status: 400 },
    );
  const { key, apiKey } = await createApiKey(parsed.data.name, parsed.data.role, actor, panel?.id ?? null);
  return { created: { key, name: apiKey.name }, errors: {} };
}

export default function ApiKeys() {
  const { keys, panels, admins } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;
  return (
    <>
      <h1>API keys</h1>
      {actionData?.created ? (
        <div className="notice success" role="status">
          <p>
            The key <strong>{actionData.created.name}</strong> — copy it now, it is not shown again:
          </p>
          <p>
            <code className="secret">{actionData.created.key}</code>
          </p>
        </div>
      ) : null}
      <Form method="post" className="form inline-form">
        <input type="hidden" name="intent" value="create" />
        <Field name="name" label="Name" errors={errors.name} />
        <Field name="role" label="Role" errors={errors.role}>
          {(p) => <OptionSelect {...p} options={ROLES.map((r) => [r, r] as [string, string])} defaultValue="viewer" />}
        </Field>
        <Field name="panel" label="Panels" errors={errors.panel}>
          {(p) => (
            <select {...p} defaultValue="">
              <option value="">Every panel</option>
              {panels.map(([slug, name]) => (
                <option key={slug} value={slug}>
                  Only {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button primary">
          Create API key
        </button>
      </Form>
      <table className="table">
        <caption className="visually-hidden">API keys</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Panels</th>
            <th scope="col">Starts with</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{k.role}</td>
              <td>{k.panelSlug ?? "every panel"}</td>
              <td>
                <code>{k.prefix}…</code>
              </td>
              <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toISOString().slice(0, 16).replace("T", " ") : "never"}</td>
              <td>
                {k.revokedAt ? (
                  "revoked"
                ) : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="id" value={k.id} />
                    <button type="submit" className="button link" aria-label={`Revoke ${k.name}`}>
                      Revoke
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>People</h2>
      <p>
        Who may do what, panel by panel. Give someone a role on one panel with{" "}
        <code>npm run quorum -- admin create --email … --password … --role editor --panel &lt;slug&gt;</code> (again
        with another <code>--panel</code> for a second panel); without <code>--panel</code> the role is on every panel.
      </p>
      <table className="table">
        <caption className="visually-hidden">Admins and their roles</caption>
        <thead>
          <tr>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
          </tr>
        </thead>
        <tbody>
          {admins.map((a) => (
            <tr key={a.email}>
              <td>{a.email}</td>
              <td>{a.roles}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
