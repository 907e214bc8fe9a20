import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { requestPasswordReset, RESET_MINUTES } from "~/flows/admins.server";
import { readForm } from "~/http/forms.server";
import { clientIp } from "~/http/load-context";
import { consume, mailKey } from "~/http/rate-limit.server";
import { assertSameOrigin } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Reset your password · Quorum admin" }];

const schema = z.object({ email: z.string().trim().email("Enter the email address you sign in with.") });

/** POST: mails a reset link when the address is an admin's; the answer is the same either way. */
export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return data({ sent: false, error: parsed.error.issues[0]?.message ?? "" }, { status: 400 });
  const limit = await consume("passwordReset", clientIp(context));
  if (limit)
    return data(
      { sent: false, error: limit.message },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  // One email an hour to an address, whoever asks (as for joins and address changes).
  if (!(await consume("mailToAddress", mailKey(parsed.data.email)))) await requestPasswordReset(parsed.data.email);
  return { sent: true, error: null };
}

export default function ResetRequest() {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Reset your password</h1>
      {result?.sent ? (
        <p role="status">
          If that address belongs to an admin, a link to choose a new password is on its way. It works once and expires
          in {RESET_MINUTES} minutes. We send at most one an hour to an address.
        </p>
      ) : (
        <Form method="post" className="form" noValidate>
          {result?.error ? (
            <p className="form-error" role="alert">
              {result.error}
            </p>
          ) : null}
          <div className="field">
            <label htmlFor="email">Email</label>
            <input id="email" name="email" type="email" autoComplete="username" required />
          </div>
          <button type="submit" className="button primary" disabled={busy}>
            Email me a link
          </button>
        </Form>
      )}
      <p>
        <Link to="/admin/login">Back to sign in</Link>
      </p>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
