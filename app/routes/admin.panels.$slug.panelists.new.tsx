import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PanelistForm } from "~/components/PanelistForm";
import { countryList, fieldErrors, profileSchema } from "~/lib/panel";
import { addPanelist } from "~/models/panelist.server";
import { requirePanelAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "Add a panelist · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { panel } = await requirePanelAdmin(request, params.slug, "editor");
  return { panel, countries: countryList().map((c) => [c.code, c.name] as [string, string]) };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug, "editor");
  const form = Object.fromEntries(await readForm(request));
  const parsed = profileSchema.safeParse(form);
  if (!parsed.success) return data({ errors: fieldErrors(parsed.error), values: form }, { status: 400 });
  const result = await addPanelist(panel.id, parsed.data, { label: admin.email, adminId: admin.id });
  if (!result.ok)
    return data(
      { errors: { email: ["Someone with this email is already on the panel."] }, values: form },
      { status: 400 },
    );
  return redirect(`/admin/panels/${panel.slug}/panelists/${result.id}?saved=1`);
}

export default function NewPanelist() {
  const { panel, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › <Link to={`/admin/panels/${panel.slug}/panelists`}>{panel.name}</Link> › Add
      </p>
      <h1>Add a panelist</h1>
      <PanelistForm
        values={(actionData?.values ?? {}) as Record<string, string>}
        errors={(actionData?.errors ?? {}) as Record<string, string[]>}
        countries={countries}
        submitLabel="Add panelist"
      />
    </>
  );
}
