import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { readForm } from "~/http/forms.server";
import { requirePanelAdmin } from "~/http/session.server";
import { mayOnPanel } from "~/lib/web";
import { imageTypeOf, LOGO_LIMIT, logoPath } from "~/lib/panel";
import { setPanelLogo } from "~/models/panel.server";

export const meta: MetaFunction = () => [{ title: "Panel logo · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug);
  return {
    panel: { slug: panel.slug, name: panel.name, logo: logoPath(panel) },
    canEdit: mayOnPanel(admin, panel.id, "editor"),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug, "editor");
  const actor = { label: admin.email, adminId: admin.id };
  const form = await readForm(request);
  if (form.get("intent") === "remove") {
    await setPanelLogo(panel, null, actor);
    return { message: "The logo is removed: the report, survey pages and emails show the panel's name alone." };
  }
  const file = form.get("logo");
  if (!(file instanceof File) || file.size === 0)
    return data({ message: "Choose an image file to upload." }, { status: 400 });
  if (file.size > LOGO_LIMIT)
    return data(
      {
        message: `This image is ${Math.ceil(file.size / 1024)} KB: a logo can be at most ${LOGO_LIMIT / 1024} KB. Export it smaller (about 400 pixels wide is plenty).`,
      },
      { status: 400 },
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = imageTypeOf(bytes);
  if (!type)
    return data(
      { message: "This file is not a PNG, JPEG or WebP image. (SVG is not accepted: it can carry script.)" },
      { status: 400 },
    );
  await setPanelLogo(panel, { bytes, type }, actor);
  return { message: "The logo is saved: it appears on the panel's reports, survey pages and emails." };
}

export default function PanelLogo() {
  const { panel, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › <Link to={`/admin/panels/${panel.slug}/panelists`}>{panel.name}</Link> › Logo
      </p>
      <h1>Logo</h1>
      <p>
        The panel’s logo stands beside its name at the top of its published reports and survey pages, and of the emails
        it sends.
      </p>
      {result?.message ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      {panel.logo ? (
        <p>
          <img className="panel-logo preview" src={panel.logo} alt={`The logo of ${panel.name}`} />
        </p>
      ) : (
        <p>No logo yet: pages and emails show the panel’s name alone.</p>
      )}
      {canEdit ? (
        <>
          <Form method="post" encType="multipart/form-data" className="form">
            <div className="field">
              <label htmlFor="logo">Image</label>
              <p className="hint" id="logo-hint">
                PNG, JPEG or WebP, at most {LOGO_LIMIT / 1024} KB. It is shown about 48 pixels high.
              </p>
              <input
                id="logo"
                name="logo"
                type="file"
                accept="image/png,image/jpeg,image/webp"
                aria-describedby="logo-hint"
                required
              />
            </div>
            <button type="submit" name="intent" value="upload" className="button primary">
              Save the logo
            </button>
          </Form>
          {panel.logo ? (
            <Form method="post" className="form">
              <button type="submit" name="intent" value="remove" className="button danger">
                Remove the logo
              </button>
            </Form>
          ) : null}
        </>
      ) : null}
    </>
  );
}
