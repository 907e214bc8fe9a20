import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { EnrolForm, RecoveryCodes } from "~/components/SecondFactor";
import {
  beginEnrolment,
  finishEnrolment,
  renewRecoveryCodes,
  requireSecondFactor,
  secondFactorOf,
  secondFactorRequired,
  turnOffSecondFactor,
} from "~/flows/second-factor.server";
import { readForm } from "~/http/forms.server";
import { consume } from "~/http/rate-limit.server";
import { requireAdmin } from "~/http/session.server";
import { adminsWithoutSecondFactor } from "~/models/second-factor.server";

export const meta: MetaFunction = () => [{ title: "Your account · Quorum admin" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request);
  const [factor, required] = await Promise.all([secondFactorOf(admin.id), secondFactorRequired()]);
  return {
    on: Boolean(factor?.totpSecret),
    recoveryCodesLeft: factor?.recoveryCodesLeft ?? 0,
    required,
    owner: admin.role === "owner",
    without: admin.role === "owner" ? await adminsWithoutSecondFactor() : 0,
  };
}

type Answer = {
  error?: string;
  enrolment?: { qrSvg: string; secret: string };
  codes?: string[];
  done?: string;
};

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  const code = String(form.get("code") ?? "");
  if (intent === "begin") {
    const { qrSvg, secret } = await beginEnrolment(admin, true);
    return data<Answer>({ enrolment: { qrSvg, secret } });
  }
  if (intent === "confirm" || intent === "off") {
    const limit = await consume("secondFactor", `admin:${admin.id}`);
    if (limit) return data<Answer>({ error: limit.message }, { status: 429 });
  }
  if (intent === "confirm") {
    const codes = await finishEnrolment(admin, code);
    if (codes) return data<Answer>({ codes, done: "Your second factor is on." });
    const { qrSvg, secret } = await beginEnrolment(admin);
    return data<Answer>(
      { error: "That code does not match. Type the code the app shows now.", enrolment: { qrSvg, secret } },
      { status: 400 },
    );
  }
  if (intent === "renew") {
    const codes = await renewRecoveryCodes(admin);
    return codes
      ? data<Answer>({ codes, done: "New recovery codes: the old ones no longer work." })
      : data<Answer>({ error: "Turn the second factor on first." }, { status: 400 });
  }
  if (intent === "off") {
    const outcome = await turnOffSecondFactor(admin, code);
    if (outcome === "required")
      return data<Answer>(
        { error: "An owner requires a second factor of every admin, so it cannot be turned off." },
        { status: 403 },
      );
    if (outcome === "wrong")
      return data<Answer>({ error: "That code is not right: type the code your app shows now." }, { status: 400 });
    // Every session of the account ends with it, this one too: sign in again with the password alone.
    return redirect("/admin/login");
  }
  if (intent === "require" || intent === "release") {
    if (admin.role !== "owner")
      return data<Answer>({ error: "Only an owner decides what every admin needs." }, { status: 403 });
    await requireSecondFactor(intent === "require", { label: admin.email, adminId: admin.id });
    return data<Answer>({
      done:
        intent === "require"
          ? "Every admin now needs a second factor: those without one set it up at their next sign-in."
          : "A second factor is no longer required (admins who have one keep it).",
    });
  }
  return data<Answer>({ error: "Choose what to do." }, { status: 400 });
}

export default function Account() {
  const state = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>Your account</h1>
      {answer?.done ? <p role="status">{answer.done}</p> : null}
      {answer?.error && !answer.enrolment ? (
        <p className="form-error" role="alert">
          {answer.error}
        </p>
      ) : null}
      {answer?.codes ? <RecoveryCodes codes={answer.codes} /> : null}
      <section aria-labelledby="second-factor">
        <h2 id="second-factor">Second factor</h2>
        {answer?.enrolment ? (
          <EnrolForm enrolment={answer.enrolment} error={answer.error} busy={busy} />
        ) : state.on ? (
          <>
            <p>
              On: after your password you type a code from your authenticator app. {state.recoveryCodesLeft} of your
              recovery codes are unused.
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="renew" className="button" disabled={busy}>
                Make new recovery codes
              </button>
            </Form>
            {state.required ? (
              <p>An owner requires a second factor of every admin, so it stays on.</p>
            ) : (
              <Form method="post" className="form">
                <div className="field">
                  <label htmlFor="off-code">Code from the app, to turn it off</label>
                  <input id="off-code" name="code" autoComplete="one-time-code" required />
                </div>
                <button type="submit" name="intent" value="off" className="button" disabled={busy}>
                  Turn the second factor off
                </button>
              </Form>
            )}
          </>
        ) : (
          <>
            <p>
              Off: your password alone signs you in.
              {state.required ? " An owner requires a second factor: you will set it up at your next sign-in." : ""}
            </p>
            <Form method="post">
              <button type="submit" name="intent" value="begin" className="button primary" disabled={busy}>
                Set up a second factor
              </button>
            </Form>
          </>
        )}
      </section>
      {state.owner ? (
        <section aria-labelledby="every-admin">
          <h2 id="every-admin">Every admin</h2>
          <p>
            {state.required
              ? "A second factor is required of every admin."
              : "A second factor is optional: each admin chooses."}{" "}
            {state.without === 0
              ? "Every admin has one."
              : `${state.without} ${state.without === 1 ? "admin has" : "admins have"} none yet${state.required ? " and will set it up at their next sign-in" : ""}.`}
          </p>
          <Form method="post">
            <button
              type="submit"
              name="intent"
              value={state.required ? "release" : "require"}
              className="button"
              disabled={busy}
            >
              {state.required ? "Stop requiring a second factor" : "Require a second factor of every admin"}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
