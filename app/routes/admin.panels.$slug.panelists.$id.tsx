import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { recordId } from "~/http/ids";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PanelistForm } from "~/components/PanelistForm";
import { countryList, fieldErrors, profileSchema } from "~/lib/panel";
import { getPanelist, updatePanelist } from "~/models/panelist.server";
import { requirePanelAdmin } from "~/http/session.server";
import { mayOnPanel, type Role } from "~/lib/web";
import { getEnv } from "~/env.server";
import { describeContactLimit, describeRest } from "~/lib/fieldwork";
import { contactState, recentInvitations, setContactExempt } from "~/models/contact.server";
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
  const rule = {
    limit: panel.contactLimit,
    waveId: 0,
    now: new Date(),
    acrossPanels: getEnv().QUORUM_CONTACT_ACROSS_PANELS,
  };
  const [invitations, contact] = await Promise.all([recentInvitations(panelist.id), contactState(panelist.id, rule)]);
  return {
    panel,
    panelist,
    invitations,
    contact: {
      ...contact,
      rule: describeContactLimit(panel.contactLimit),
      rest: contact.rest ? describeRest(contact.rest, panel.contactLimit) : null,
    },
    canEdit: mayOnPanel(admin, panel.id, "editor"),
    countries: countryList().map((c) => [c.code, c.name] as [string, string]),
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, panel, panelist } = await find(request, params, "editor");
  const form = Object.fromEntries(await readForm(request));
  if (form.intent === "contact-exempt") {
    await setContactExempt(panel.id, panelist.id, form.exempt === "yes", { label: admin.email, adminId: admin.id });
    return redirect(`/admin/panels/${panel.slug}/panelists/${panelist.id}?saved=1`);
  }
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
  const { panel, panelist, canEdit, countries, invitations, contact } = useLoaderData<typeof loader>();
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
      <section aria-labelledby="invitations">
        <h2 id="invitations">Recent invitations</h2>
        <p>
          {contact.exempt
            ? "Exempt from the panel's contact rule: they opted in to more."
            : contact.rest
              ? `Resting: ${contact.rest}, so a wave sent now skips them (the panel's rule: ${contact.rule}).`
              : `A wave sent now may invite them (the panel's rule: ${contact.rule}).`}
        </p>
        {invitations.length === 0 ? (
          <p>Not invited yet.</p>
        ) : (
          <table className="table">
            <caption className="visually-hidden">Recent invitations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Wave</th>
                <th scope="col">Invited (UTC)</th>
                <th scope="col">Reminders</th>
                <th scope="col">Answered</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((i) => (
                <tr key={i.waveSlug}>
                  <td>
                    <Link to={`/admin/waves/${i.waveSlug}`}>{i.waveTitle}</Link>
                  </td>
                  <td>{i.sentAt ? new Date(i.sentAt).toISOString().slice(0, 10) : "not emailed"}</td>
                  <td>{i.reminders}</td>
                  <td>{i.answered ? "yes" : "no"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="hint">Whether they answered, never what.</p>
        {canEdit ? (
          <Form method="post">
            <input type="hidden" name="intent" value="contact-exempt" />
            <input type="hidden" name="exempt" value={contact.exempt ? "no" : "yes"} />
            <button type="submit" className="button">
              {contact.exempt
                ? "Apply the contact rule to them again"
                : "Exempt from the contact rule (they opted in to more)"}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
