import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { clientIp } from "~/http/load-context";
import { consume } from "~/http/rate-limit.server";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { signIn } from "~/flows/admins.server";
import { assertSameOrigin, getSession, safeRedirect, startSession } from "~/http/session.server";
import { isKnownDevice, rememberDevice } from "~/http/device.server";
import { readForm } from "~/http/forms.server";
import { rememberPending } from "~/http/pending-sign-in.server";
import { stepAfterPassword } from "~/flows/second-factor.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  if (session.get("adminId")) return redirect("/admin");
  return null;
}

const schema = z.object({
  email: z.string().trim().min(1, "Enter your email.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const parsed = schema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) {
    return data({ fieldErrors: parsed.error.flatten().fieldErrors, formError: null }, { status: 400 });
  }
  const ip = clientIp(context);
  const limit = await consume("signIn", ip);
  if (limit) {
    return data(
      { fieldErrors: {}, formError: limit.message },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const result = await signIn(
    parsed.data.email,
    parsed.data.password,
    ip === "unknown" ? null : ip,
    await isKnownDevice(request, parsed.data.email),
  );
  if (result.kind === "throttled") {
    const wait =
      result.retryInSeconds < 90
        ? `${result.retryInSeconds} seconds`
        : `${Math.ceil(result.retryInSeconds / 60)} minutes`;
    const formError =
      result.scope === "address"
        ? `Too many attempts for this email from your network: try again in ${wait}.`
        : result.scope === "device"
          ? `Too many wrong passwords from this browser: try again in ${wait}.`
          : `Too many attempts for this email: try again in ${wait}, or sign in from a device you have used before.`;
    return data(
      { fieldErrors: {}, formError },
      { status: 429, headers: { "Retry-After": String(result.retryInSeconds) } },
    );
  }
  if (result.kind === "wrong") {
    return data(
      { fieldErrors: {}, formError: "That email and password do not match. Check both and try again." },
      { status: 401 },
    );
  }
  // With a second factor (or one the installation requires and the admin lacks), no session yet: the
  // browser holds a signed note that the password was right, for 10 minutes, and types a code or enrols.
  const next = await stepAfterPassword(result.admin.id);
  if (next !== "done") {
    const cookie = await rememberPending(result.admin.id, next, safeRedirect(parsed.data.redirectTo ?? null));
    return redirect(next === "code" ? "/admin/login/code" : "/admin/login/enrol", {
      headers: { "Set-Cookie": cookie },
    });
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, { adminId: result.admin.id }));
  headers.append("Set-Cookie", await rememberDevice(request, result.admin.email));
  return redirect(safeRedirect(parsed.data.redirectTo ?? null), { headers });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.fieldErrors ?? {}) as Record<string, string[] | undefined>;
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Sign in</h1>
      {params.get("reset") ? <p role="status">Your new password is saved. Sign in with it.</p> : null}
      <Form method="post" className="form" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/admin"} />
        {actionData?.formError ? (
          <p className="form-error" role="alert">
            {actionData.formError}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
          {errors.email ? (
            <p id="email-error" className="field-error">
              {errors.email[0]}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
          {errors.password ? (
            <p id="password-error" className="field-error">
              {errors.password[0]}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button primary" disabled={busy}>
          Sign in
        </button>
      </Form>
      <p>
        <Link to="/admin/reset">Forgot your password?</Link>
      </p>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
