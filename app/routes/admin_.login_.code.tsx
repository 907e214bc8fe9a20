import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { checkSecondFactor } from "~/flows/second-factor.server";
import { rememberDevice } from "~/http/device.server";
import { readForm } from "~/http/forms.server";
import { forgetPending, readPending } from "~/http/pending-sign-in.server";
import { consume } from "~/http/rate-limit.server";
import { assertSameOrigin, safeRedirect, startSession } from "~/http/session.server";
import { getAdmin } from "~/models/admin.server";

export const meta: MetaFunction = () => [{ title: "Code from your app · Quorum admin" }];

/** The step after a right password for an admin with a second factor. */
export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await readPending(request);
  if (pending?.step !== "code") throw redirect("/admin/login");
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const pending = await readPending(request);
  const admin = pending?.step === "code" ? await getAdmin(pending.adminId) : undefined;
  if (!pending || !admin) throw redirect("/admin/login");
  const code = String((await readForm(request)).get("code") ?? "").trim();
  if (!code) return data({ error: "Type the 6-digit code from your app, or a recovery code." }, { status: 400 });
  const limit = await consume("secondFactor", `admin:${admin.id}`);
  if (limit)
    return data({ error: limit.message }, { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } });
  const verdict = await checkSecondFactor(admin.id, code);
  if (verdict === "used")
    return data(
      { error: "That code was already used. Wait for the app to show the next one and type it." },
      { status: 401 },
    );
  if (verdict === "wrong")
    return data(
      { error: "That code is not right. Type the code your app shows now, or one of your recovery codes." },
      { status: 401 },
    );
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, { adminId: admin.id }));
  headers.append("Set-Cookie", await rememberDevice(request, admin.email));
  headers.append("Set-Cookie", await forgetPending());
  return redirect(safeRedirect(pending.redirectTo), { headers });
}

export default function SecondFactorCode() {
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const error = actionData?.error;
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Code from your app</h1>
      <p>Your password is right. Now type the 6-digit code your authenticator app shows for Quorum.</p>
      <Form method="post" className="form" noValidate>
        {error ? (
          <p className="form-error" role="alert" id="code-error">
            {error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="code">Code from the app, or a recovery code</label>
          <input
            id="code"
            name="code"
            autoComplete="one-time-code"
            required
            autoFocus
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "code-error" : undefined}
          />
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          Sign in
        </button>
      </Form>
      <p>
        Lost your phone and your recovery codes? An owner can reset your second factor (
        <code>npm run quorum -- admin reset-second-factor --email …</code>).
      </p>
      <p>
        <a href="/admin/login">Start again</a>
      </p>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
