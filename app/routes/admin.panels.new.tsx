import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { Field } from "~/components/forms";
import { panelSchema } from "~/lib/panel";
import { createPanel } from "~/models/panel.server";
import { requireAdmin } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "New panel · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request, "editor", { allPanels: true });
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, "editor", { allPanels: true });
  const values = Object.fromEntries(await readForm(request)) as Record<string, string>;
  const parsed = panelSchema.safeParse(values);
  if (!parsed.success)
    return data({ errors: parsed.error.flatten().fieldErrors as Record<string, string[]>, values }, { status: 400 });
  const result = await createPanel(parsed.data, { label: admin.email, adminId: admin.id });
  if (!result.ok)
    return data(
      {
        errors: { slug: [`A panel with the address ${parsed.data.slug} already exists.`] } as Record<string, string[]>,
        values,
      },
      { status: 400 },
    );
  return redirect(`/admin/panels/${result.panel.slug}/panelists?created=1`);
}

export default function NewPanel() {
  const result = useActionData<typeof action>();
  const errors = result?.errors ?? {};
  const values = result?.values ?? {};
  return (
    <>
      <p className="crumbs">
        <Link to="/admin">Panels</Link> › New panel
      </p>
      <h1>New panel</h1>
      <Form method="post" className="form narrow-form">
        <Field
          name="name"
          label="Name"
          errors={errors.name}
          hint="As people see it on the join page, in emails and on reports, such as Global Higher Education Executive Panel."
        >
          {(p) => <input {...p} defaultValue={values.name} required maxLength={200} />}
        </Field>
        <Field
          name="slug"
          label="Address"
          errors={errors.slug}
          hint="Lower-case letters, digits and dashes: the join page is /join/ followed by this."
        >
          {(p) => <input {...p} defaultValue={values.slug} required />}
        </Field>
        <Field
          name="description"
          label="Description"
          errors={errors.description}
          hint="One or two sentences for the join page: who is on the panel and what they get."
        >
          {(p) => <textarea {...p} defaultValue={values.description} rows={3} />}
        </Field>
        <Field name="consentText" label="What people agree to when they join" errors={errors.consentText}>
          {(p) => <textarea {...p} defaultValue={values.consentText} rows={4} />}
        </Field>
        <button type="submit" className="button primary">
          Create the panel
        </button>
      </Form>
    </>
  );
}
