import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { resetLinkUsable, resetPassword } from "~/flows/admins.server";
import { readForm } from "~/http/forms.server";
import { assertSameOrigin } from "~/http/session.server";

export const meta: MetaFunction = () => [
  { title: "Choose a new password · Quorum admin" },
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  return { usable: await resetLinkUsable(params.token ?? "") };
}

/** POST: sets the new password once, ends every session of the admin, and sends them to sign in. */
export async function action({ request, params }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = await readForm(request);
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? ""))
    return data({ error: "The two passwords differ: type the same one twice." }, { status: 400 });
  const result = await resetPassword(params.token ?? "", password);
  if (!result.ok) return data({ error: result.problem }, { status: result.gone ? 410 : 400 });
  return redirect("/admin/login?reset=1");
}

export default function ResetPassword() {
  const { usable } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Choose a new password</h1>
      {usable ? (
        <Form method="post" className="form" noValidate>
          {result?.error ? (
            <p className="form-error" role="alert">
              {result.error}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="password">New password</label>
            <input
              id="password"
              name="password"
              type="password"
              autoComplete="new-password"
              minLength={12}
              required
              aria-describedby="password-hint"
            />
            <p id="password-hint" className="hint">
              At least 12 characters. Every session of your account ends when it is saved.
            </p>
          </div>
          <div className="field">
            <label htmlFor="confirm">The same password again</label>
            <input id="confirm" name="confirm" type="password" autoComplete="new-password" required />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            Save the new password
          </button>
        </Form>
      ) : (
        <p role="alert">
          This link has been used or has expired. <Link to="/admin/reset">Ask for a new one</Link>.
        </p>
      )}
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
