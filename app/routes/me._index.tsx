import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Field } from "~/components/forms";
import { clientIp } from "~/http/load-context";
import { consume, mailKey } from "~/http/rate-limit.server";
import { PageErrorBoundary } from "~/components/GeneralErrorBoundary";
import { PanelistForm } from "~/components/PanelistForm";
import { countryCodes, fieldErrors, profileSchema } from "~/lib/panel";
import { catalogue } from "~/i18n";
import { fill } from "~/lib/format";
import { browserLanguages, chooseLanguage, directionOf } from "~/lib/language";
import { erasePanelist, requestEmailChange, requestSignInLater } from "~/flows/membership.server";
import { getPanelById } from "~/models/panel.server";
import {
  otherSubscribedPanels,
  unsubscribe,
  unsubscribeEverywhere,
  updateOwnProfile,
} from "~/models/membership.server";
import { currentPanelist } from "~/http/me.server";
import { assertSameOrigin, commitSession, destroySession } from "~/http/session.server";
import { readForm } from "~/http/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.text.title ?? "Your panel profile"} · Quorum` },
  { name: "robots", content: "noindex" },
];

const SPOKEN = ["en", "es", "fr", "pt"];

/** The person's own language, else their browser's, among those the catalogue speaks fully. */
function meLanguage(request: Request, own: string | null | undefined) {
  return chooseLanguage(SPOKEN, [own, ...browserLanguages(request.headers.get("accept-language"))], "en");
}

/** Everything the page says, in its language, with the form's words and lists. */
function meText(language: string) {
  const c = catalogue(language);
  const names = new Intl.DisplayNames([language], { type: "region", fallback: "code" });
  return {
    language,
    dir: directionOf(language),
    text: c.me,
    form: c.join,
    roles: c.profile.roles as Record<string, string>,
    organisationTypes: c.profile.organisationTypes as Record<string, string>,
    countries: countryCodes()
      .map((code) => [code, names.of(code) ?? code] as [string, string])
      .sort((a, b) => a[1].localeCompare(b[1], language)),
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { panelist, resultsOnly } = await currentPanelist(request);
  const panel = panelist ? await getPanelById(panelist.panelId) : undefined;
  const others = panelist && panelist.status !== "unsubscribed" ? await otherSubscribedPanels(panelist.id) : [];
  return {
    panelist: panelist ?? null,
    panelName: panel?.name ?? "",
    otherPanels: others.length,
    resultsOnly,
    ...meText(meLanguage(request, panelist?.language)),
  };
}

/** A field's error as a sentence in the page's language that says what to do. */
function errorsIn(t: ReturnType<typeof catalogue>["join"], errors: Record<string, string[]>): Record<string, string[]> {
  const say: Record<string, string> = {
    name: t.errorName,
    email: t.errorEmail,
    country: t.errorCountry,
    jobTitle: t.errorText,
    organisation: t.errorText,
    roleCategory: t.errorChoice,
    organisationType: t.errorChoice,
    language: t.errorChoice,
  };
  return Object.fromEntries(Object.entries(errors).map(([field, list]) => [field, [say[field] ?? list[0] ?? ""]]));
}

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request);
  const form = Object.fromEntries(await readForm(request));
  const { session, panelist } = await currentPanelist(request);
  const t = catalogue(meLanguage(request, panelist?.language)).me;
  if (form.intent === "request-link") {
    const email = z.string().trim().email().safeParse(form.email);
    if (!email.success)
      return data(
        {
          sent: false,
          errors: { email: [t.errorEmail] } as Record<string, string[]>,
          values: form,
        },
        { status: 400 },
      );
    const limit =
      (await consume("magicLink", clientIp(context))) ?? (await consume("magicLinkEmail", mailKey(email.data)));
    if (limit) {
      return data(
        { sent: false, errors: { email: [limit.message] } as Record<string, string[]>, values: form },
        { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
      );
    }
    // The answer does not wait for the lookup or the mail: it takes as long for nobody's address.
    requestSignInLater(email.data);
    return { sent: true, errors: {} as Record<string, string[]>, values: {} };
  }
  if (!panelist) return redirect("/me");
  switch (form.intent) {
    case "update": {
      const parsed = profileSchema.safeParse({ ...form, attributes: panelist.attributes });
      if (!parsed.success)
        return data(
          {
            sent: false,
            errors: errorsIn(catalogue(meLanguage(request, panelist.language)).join, fieldErrors(parsed.error)),
            values: form,
          },
          { status: 400 },
        );
      const { email, ...rest } = parsed.data;
      await updateOwnProfile(panelist.id, rest);
      // A new address takes effect once confirmed from it; the old one hears of it. Said the same
      // way whether or not someone else on the panel uses it.
      if (email.toLowerCase() !== (panelist.email ?? "").toLowerCase()) {
        const panel = await getPanelById(panelist.panelId);
        // One address-change (or join) email an hour to an address, whoever asks.
        if (!(await consume("mailToAddress", mailKey(email))))
          await requestEmailChange(panelist.id, email, panel?.name ?? "panel");
        return redirect("/me?saved=1&confirm-email=1");
      }
      return redirect("/me?saved=1");
    }
    case "leave":
      if (form.scope === "every") {
        await unsubscribeEverywhere(panelist.id);
        return redirect("/me?left=every");
      }
      await unsubscribe(panelist.id);
      return redirect("/me?left=1");
    case "erase": {
      if (form.confirm !== "yes")
        return data(
          {
            sent: false,
            errors: { confirm: [t.eraseError] } as Record<string, string[]>,
            values: {},
          },
          { status: 400 },
        );
      await erasePanelist(panelist.id, `panelist:${panelist.id}`);
      return redirect("/me?erased=1", { headers: { "Set-Cookie": await destroySession(session) } });
    }
    case "sign-out":
      return redirect("/me", { headers: { "Set-Cookie": await destroySession(session) } });
    default:
      return redirect("/me", { headers: { "Set-Cookie": await commitSession(session) } });
  }
}

export default function Me() {
  const {
    panelist,
    panelName,
    otherPanels,
    countries,
    resultsOnly,
    text,
    form,
    roles,
    organisationTypes,
    language,
    dir,
  } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors = (actionData?.errors ?? {}) as Record<string, string[]>;

  if (!panelist) {
    return (
      <main id="main" className="page narrow" lang={language} dir={dir}>
        <p className="brand">Quorum</p>
        <h1>{text.title}</h1>
        {params.get("erased") ? (
          <p className="notice success" role="status">
            {text.erased}
          </p>
        ) : null}
        {resultsOnly ? (
          <p className="notice" role="status">
            {text.resultsOnly}
          </p>
        ) : null}
        {actionData?.sent ? (
          <div className="notice" role="status">
            <p>{text.linkSent}</p>
          </div>
        ) : (
          <Form method="post" className="form" noValidate>
            <p>{text.intro}</p>
            <input type="hidden" name="intent" value="request-link" />
            <Field name="email" label={form.email} errors={errors.email}>
              {(p) => <input {...p} type="email" autoComplete="email" required />}
            </Field>
            <button type="submit" className="button primary">
              {text.sendLink}
            </button>
          </Form>
        )}
      </main>
    );
  }
  return (
    <main id="main" className="page narrow" lang={language} dir={dir}>
      <p className="brand">Quorum</p>
      <h1>{text.title}</h1>
      {params.get("saved") ? (
        <p className="notice success" role="status">
          {text.saved}
          {params.get("confirm-email") ? text.confirmEmail : ""}
        </p>
      ) : null}
      {panelist.status === "unsubscribed" ? (
        <p className="notice" role="status">
          {params.get("left") === "every" ? text.leftEvery : text.left}
        </p>
      ) : null}
      <PanelistForm
        values={(actionData?.values as Record<string, string> | undefined) ?? panelist}
        errors={errors}
        countries={countries}
        submitLabel={text.save}
        text={form}
        roles={roles}
        organisationTypes={organisationTypes}
      >
        <input type="hidden" name="intent" value="update" />
      </PanelistForm>

      <section aria-labelledby="my-data">
        <h2 id="my-data">{text.dataTitle}</h2>
        <p>{text.dataText}</p>
        <a className="button" href="/me/data.json" download>
          {text.dataButton}
        </a>
      </section>

      {panelist.status !== "unsubscribed" ? (
        <section aria-labelledby="leave" className="danger-zone">
          <h2 id="leave">{text.leaveTitle}</h2>
          <p>{text.leaveText}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="leave" />
            {otherPanels > 0 ? (
              <fieldset>
                <legend className="visually-hidden">{text.leaveTitle}</legend>
                <label className="check">
                  <input type="radio" name="scope" value="this" defaultChecked />{" "}
                  {fill(text.leaveThis, { panel: panelName })}
                </label>
                <label className="check">
                  <input type="radio" name="scope" value="every" />{" "}
                  {fill(otherPanels + 1 === 1 ? text.leaveEvery.one : text.leaveEvery.other, {
                    count: otherPanels + 1,
                  })}
                </label>
              </fieldset>
            ) : null}
            <button type="submit" className="button">
              {text.leaveButton}
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="erase" className="danger-zone">
        <h2 id="erase">{text.eraseTitle}</h2>
        <p>{text.eraseText}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="erase" />
          <label className="check">
            <input type="checkbox" name="confirm" value="yes" aria-invalid={errors.confirm ? true : undefined} />{" "}
            {text.eraseConfirm}
          </label>
          {errors.confirm ? <p className="field-error">{errors.confirm[0]}</p> : null}
          <button type="submit" className="button danger">
            {text.eraseButton}
          </button>
        </Form>
      </section>

      <Form method="post">
        <input type="hidden" name="intent" value="sign-out" />
        <button type="submit" className="button link">
          {text.signOut}
        </button>
      </Form>
    </main>
  );
}

export { PageErrorBoundary as ErrorBoundary };
