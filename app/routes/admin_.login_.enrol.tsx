import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { EnrolForm, RecoveryCodes } from "~/components/SecondFactor";
import { beginEnrolment, finishEnrolment, secondFactorOf } from "~/flows/second-factor.server";
import { rememberDevice } from "~/http/device.server";
import { readForm } from "~/http/forms.server";
import { forgetPending, readPending } from "~/http/pending-sign-in.server";
import { consume } from "~/http/rate-limit.server";
import { assertSameOrigin, safeRedirect, startSession } from "~/http/session.server";
import { getAdmin } from "~/models/admin.server";

export const meta: MetaFunction = () => [{ title: "Set up a second factor · Quorum admin" }];

export const headers = () => ({ "Cache-Control": "no-store" });

async function pendingAdmin(request: Request) {
  const pending = await readPending(request);
  const admin = pending?.step === "enrol" ? await getAdmin(pending.adminId) : undefined;
  if (!pending || !admin) throw redirect("/admin/login");
  return { pending, admin };
}

/** An admin without a second factor, signing in where an owner requires one: enrol before going on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { admin } = await pendingAdmin(request);
  // Read again after the enrolment's own post (a document request): nothing more to enrol.
  if ((await secondFactorOf(admin.id))?.totpSecret) return { enrolment: null };
  const { qrSvg, secret } = await beginEnrolment(admin);
  return { enrolment: { qrSvg, secret } };
}

// The post ends the pending sign-in; the page keeps showing its answer (the recovery codes).
export const shouldRevalidate = () => false;

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const { pending, admin } = await pendingAdmin(request);
  const code = String((await readForm(request)).get("code") ?? "");
  const limit = await consume("secondFactor", `admin:${admin.id}`);
  if (limit)
    return data(
      { error: limit.message, codes: null, next: null },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  const codes = await finishEnrolment(admin, code);
  if (!codes)
    return data(
      {
        error: "That code does not match. Check the app shows Quorum's account and type the code it shows now.",
        codes: null,
        next: null,
      },
      { status: 400 },
    );
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(request, { adminId: admin.id }));
  headers.append("Set-Cookie", await rememberDevice(request, admin.email));
  headers.append("Set-Cookie", await forgetPending());
  return data({ error: null, codes, next: safeRedirect(pending.redirectTo) }, { headers });
}

export default function Enrol() {
  const { enrolment } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <main id="main" className="page narrow">
      <p className="brand">Quorum</p>
      <h1>Set up a second factor</h1>
      {result?.codes ? (
        <>
          <p role="status">Your second factor is on. From now on you type a code from the app after your password.</p>
          <RecoveryCodes codes={result.codes} />
          <p>
            <a className="button primary" href={result.next ?? "/admin"}>
              I have kept them: continue
            </a>
          </p>
        </>
      ) : (
        <>
          <p>
            An owner of this Quorum requires every admin to sign in with a code from an app on their phone as well as
            the password. Set it up now; it takes a minute.
          </p>
          {enrolment ? (
            <EnrolForm enrolment={enrolment} error={result?.error} busy={busy} />
          ) : (
            <p>
              Your second factor is already on: <a href="/admin/login">sign in</a> with a code from the app.
            </p>
          )}
        </>
      )}
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
