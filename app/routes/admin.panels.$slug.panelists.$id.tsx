import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { recordId } from "~/http/ids";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PanelistForm } from "~/components/PanelistForm";
import { countryList, fieldErrors, profileSchema } from "~/lib/panel";
import { getPanelist, updatePanelist } from "~/models/panelist.server";
import { requirePanelAdmin } from "~/http/session.server";
import { mayOnPanel, type Role } from "~/lib/web";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.panelist.name ?? "Panelist"} · Quorum admin` },
];

const EDITABLE_STATUSES = ["active", "pending", "unsubscribed", "bounced"] as const;

async function find(request: Request, params: { slug?: string; id?: string }, needed: Role) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug, needed);
  const id = recordId(params.id);
  const panelist = id === undefined ? undefined : await getPanelist(panel.id, id);
  if (!panelist || panelist.status === "erased") throw new Response("There is no such panelist.", { status: 404 });
  return { admin, panel, panelist };
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, panel, panelist } = await find(request, params, "viewer");
  return {
    panel,
    panelist,
    canEdit: mayOnPanel(admin, panel.id, "editor"),
    countries: countryList().map((c) => [c.code, c.name] as [string, string]),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel, panelist } = await find(request, params, "editor");
  const form = Object.fromEntries(await readForm(request));
  const parsed = profileSchema.safeParse({ ...form, attributes: panelist.attributes });
  const status = z.enum(EDITABLE_STATUSES).safeParse(form.status);
  if (!parsed.success || !status.success) {
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    if (!status.success) errors.status = ["Choose a status from the list."];
    return data({ errors, values: form }, { status: 400 });
  }
  const result = await updatePanelist(
    panel.id,
    panelist.id,
    parsed.data,
    { label: admin.email, adminId: admin.id },
    status.data,
  );
  if (!result.ok) {
    if (result.reason === "email-taken")
      return data({ errors: { email: ["Someone else on the panel has this email."] }, values: form }, { status: 400 });
    if (result.reason === "left")
      return data(
        {
          errors: {
            status: [
              "This person left the panel: only they can come back, by asking to join again and confirming from their email.",
            ],
          },
          values: form,
        },
        { status: 400 },
      );
    throw new Response("There is no such panelist.", { status: 404 });
  }
  return redirect(`/admin/panels/${panel.slug}/panelists/${panelist.id}?saved=1`);
}

export default function EditPanelist() {
  const { panel, panelist, canEdit, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › <Link to={`/admin/panels/${panel.slug}/panelists`}>{panel.name}</Link> ›{" "}
        {panelist.name}
      </p>
      <h1>{panelist.name}</h1>
      {params.get("saved") && !actionData ? (
        <p className="notice success" role="status">
          Saved.
        </p>
      ) : null}
      <p className="hint">
        Region: {panelist.region ?? "unknown"} · consent{" "}
        {panelist.consentedAt
          ? `given ${new Date(panelist.consentedAt).toISOString().slice(0, 10)} (version ${panelist.consentVersion})`
          : "not recorded"}
      </p>
      {canEdit ? (
        <PanelistForm
          values={(actionData?.values as Record<string, string> | undefined) ?? panelist}
          errors={(actionData?.errors ?? {}) as Record<string, string[]>}
          countries={countries}
          submitLabel="Save changes"
          statusOptions={[...EDITABLE_STATUSES]}
        />
      ) : (
        <dl className="facts">
          <dt>Email</dt>
          <dd>{panelist.email}</dd>
          <dt>Organisation</dt>
          <dd>{panelist.organisation}</dd>
          <dt>Status</dt>
          <dd>{panelist.status}</dd>
        </dl>
      )}
    </>
  );
}
