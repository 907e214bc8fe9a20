import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "~/components/forms";
import { readForm } from "~/http/forms.server";
import { requirePanelAdmin } from "~/http/session.server";
import { contactLimitSchema, describeContactLimit } from "~/lib/fieldwork";
import { mayOnPanel } from "~/lib/web";
import { getEnv } from "~/env.server";
import { setContactLimit } from "~/models/panel.server";

export const meta: MetaFunction = () => [{ title: "Contact rule · Quorum admin" }];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug);
  return {
    panel: { slug: panel.slug, name: panel.name, contactLimit: panel.contactLimit },
    rule: describeContactLimit(panel.contactLimit),
    acrossPanels: getEnv().QUORUM_CONTACT_ACROSS_PANELS,
    canEdit: mayOnPanel(admin, panel.id, "editor"),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel } = await requirePanelAdmin(request, params.slug, "editor");
  const parsed = contactLimitSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success)
    return data(
      { message: null, errors: parsed.error.flatten().fieldErrors as Record<string, string[]> },
      { status: 400 },
    );
  await setContactLimit(panel, parsed.data, { label: admin.email, adminId: admin.id });
  return { message: `Saved: ${describeContactLimit(parsed.data)}.`, errors: {} as Record<string, string[]> };
}

export default function ContactRule() {
  const { panel, rule, acrossPanels, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › <Link to={`/admin/panels/${panel.slug}/panelists`}>{panel.name}</Link> ›
        Contact rule
      </p>
      <h1>How often one person is asked</h1>
      <p>
        Panels live on goodwill. Sending a wave skips anyone the rule says must rest, and says how many before anything
        is sent. Reminders of a wave do not count; people who opted in to more can be exempted on their page.{" "}
        {acrossPanels
          ? "Invitations to the same address in every panel of this installation count together."
          : "Only this panel's invitations count (QUORUM_CONTACT_ACROSS_PANELS=1 counts every panel's)."}
      </p>
      <p>
        Now: <strong>{rule}</strong>.
      </p>
      {result?.message ? (
        <p className="notice success" role="status">
          {result.message}
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" className="form" noValidate>
          <Field name="invitations" label="At most this many invitations" errors={errors.invitations}>
            {(p) => (
              <input {...p} type="number" min={1} max={1000} required defaultValue={panel.contactLimit.invitations} />
            )}
          </Field>
          <Field name="days" label="In any this many days" errors={errors.days}>
            {(p) => <input {...p} type="number" min={1} max={3650} required defaultValue={panel.contactLimit.days} />}
          </Field>
          <Field
            name="gapDays"
            label="And none within this many days of the last"
            errors={errors.gapDays}
            hint="0 for no gap."
          >
            {(p) => (
              <input {...p} type="number" min={0} max={3650} required defaultValue={panel.contactLimit.gapDays} />
            )}
          </Field>
          <button type="submit" className="button primary">
            Save the rule
          </button>
        </Form>
      ) : null}
    </>
  );
}
