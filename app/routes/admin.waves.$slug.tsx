import { useEffect } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useRevalidator,
  useSearchParams,
} from "@remix-run/react";
import { CompletionCurve } from "~/components/CompletionCurve";
import { OptionSelect } from "~/components/forms";
import { describeSegment, ORGANISATION_TYPES } from "~/lib/panel";
import { TIME_ZONES, waveState, zonedToUtc, describeContactLimit } from "~/lib/fieldwork";
import { longDate, plural } from "~/lib/format";
import { contactRule, invite, remind, remindersDue, sendInvitations } from "~/flows/fieldwork.server";
import { isLanguage, LANGUAGES } from "~/lib/language";
import { countInvitationsToSend, waveStatus } from "~/models/fieldwork.server";
import { countSegment } from "~/models/segment.server";
import { setCloseDate } from "~/models/wave.server";
import { requireWaveAdmin } from "~/http/session.server";
import { mayOnPanel } from "~/lib/web";
import { getEnv } from "~/env.server";
import { withdrawal } from "~/models/publication.server";
import { readForm } from "~/http/forms.server";
import { seriesPreview } from "~/flows/series.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.wave.title ?? "Wave"} · Quorum admin` },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug);
  const [status, reach, withdrawn, series] = await Promise.all([
    waveStatus(wave),
    countSegment(wave.panelId, wave.segment),
    withdrawal(wave.id),
    seriesPreview(wave),
  ]);
  return {
    wave: {
      slug: wave.slug,
      title: wave.title,
      opensAt: wave.opensAt,
      closesAt: wave.closesAt,
      minGroupSize: wave.minGroupSize,
      audience: wave.audience,
      launchedAt: wave.launchedAt,
      reminderDays: wave.reminderDays,
      maxReminders: wave.maxReminders,
      identified: wave.identified,
    },
    openLink: wave.openLinkCode ? `${getEnv().publicUrl}/o/${wave.openLinkCode}` : null,
    state: waveState(wave),
    segment: describeSegment(wave.segment),
    reach,
    status,
    canEdit: mayOnPanel(admin, wave.panelId, "editor"),
    withdrawn,
    series,
  };
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { admin, wave } = await requireWaveAdmin(request, params.slug, "editor");
  const actor = { label: admin.email, adminId: admin.id };
  const form = await readForm(request);
  const confirmed = form.get("confirmed") === "yes";
  switch (form.get("intent")) {
    case "send": {
      // Emailing people is said in numbers first, and done only once confirmed.
      if (!confirmed) {
        const rule = await contactRule(wave);
        const { toSend, resting } = await countInvitationsToSend(wave, rule);
        const rest = resting
          ? `${plural(resting, "person was", "people were")} asked too recently (the panel's rule: ${describeContactLimit(rule.limit)}) and will not be invited.`
          : "";
        return toSend === 0
          ? {
              message: `Nobody new to invite: everyone the wave reaches already has their invitation${resting ? ` or rests: ${rest}` : "."}`,
            }
          : {
              confirm: {
                intent: "send",
                count: toSend,
                question: `${plural(toSend, "person", "people")} will be invited: email ${plural(toSend, "invitation")} now?`,
                detail: rest,
                button: `Send ${plural(toSend, "email")}`,
              },
            };
      }
      const invited = await invite(wave, actor);
      const sent = await sendInvitations(wave, actor);
      const skipped = invited.resting.length
        ? `; ${plural(invited.resting.length, "person", "people")} skipped (asked too recently)`
        : "";
      return {
        message: `${plural(invited.created, "new invitation")}; ${plural(sent.queued, "email")} queued${skipped}.`,
      };
    }
    case "remind": {
      if (!confirmed) {
        const count = await remindersDue(wave);
        return count === 0
          ? { message: "Nobody is due a reminder now (at most one every 48 hours, up to the wave's maximum)." }
          : {
              confirm: {
                intent: "remind",
                count,
                question: `Email a reminder to ${plural(count, "person", "people")} who have not answered?`,
                detail: "",
                button: `Send ${plural(count, "reminder")}`,
              },
            };
      }
      return { message: `${plural((await remind(wave, actor)).queued, "reminder")} queued.` };
    }
    case "close":
      await setCloseDate(wave, new Date(), actor, true);
      return { message: "The wave is closed: links now show the closed page." };
    case "extend": {
      const when = zonedToUtc(String(form.get("closesAt") ?? ""), String(form.get("timeZone") ?? "UTC"));
      if (!when || when <= new Date())
        return data({ message: "Give a closing date and time in the future." }, { status: 400 });
      await setCloseDate(wave, when, actor, false);
      return { message: `The wave now closes on ${longDate(when)}.` };
    }
    default:
      return data({ message: "Unknown action." }, { status: 400 });
  }
}

function useLiveRefresh(active: boolean) {
  const { revalidate, state } = useRevalidator();
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => {
      if (state === "idle" && document.visibilityState === "visible") revalidate();
    }, 10_000);
    return () => clearInterval(id);
  }, [active, revalidate, state]);
}

export default function WaveDashboard() {
  const { wave, state, segment, reach, status, canEdit, openLink, withdrawn, series } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  useLiveRefresh(state === "open");
  const figures: [string, number | string][] = [
    ["Invited", status.invited],
    ["Emailed", status.emailed],
    ["Bounced", status.bounced],
    ["Opened", status.opened],
    ["Started", status.started],
    ["Completed", status.completed],
    ["Response rate", `${status.responseRate}%`],
  ];
  return (
    <>
      <p className="crumbs">
        <Link to="/admin/waves">Waves</Link> › {wave.title}
      </p>
      <h1>{wave.title}</h1>
      {withdrawn ? (
        <p className="notice" role="status">
          Results withdrawn from readers on {new Date(withdrawn.at).toISOString().slice(0, 10)}. {withdrawn.reason}{" "}
          <Link to={`/admin/waves/${wave.slug}/results`}>Publish again</Link> to show every figure the protection
          allows.
        </p>
      ) : null}
      <p>
        <strong>{state === "open" ? "Open" : state === "closed" ? "Closed" : "Not open yet"}</strong> ·{" "}
        {longDate(wave.opensAt)} – {wave.closesAt ? longDate(wave.closesAt) : "no closing date"} · reaches{" "}
        {plural(reach, "person", "people")} ({segment}) · k = {wave.minGroupSize} · results for {wave.audience}
        {state === "open" ? " · updates every 10 seconds" : ""}
      </p>
      <p className="notice" role="note">
        {wave.identified ? (
          <>
            <strong>Identified:</strong> declared at launch, so the team may link each response to its person, and
            respondents were told so on the questionnaire&apos;s first page.
          </>
        ) : (
          <>
            <strong>Anonymous to the team:</strong> response downloads carry no name, no id shared with invitations and
            no completion time finer than the week of fieldwork, and profile columns are coarsened until each
            combination describes at least {wave.minGroupSize} responses (k). Viewers see results only as published,
            with groups under k hidden.
          </>
        )}
      </p>
      {series ? (
        <section aria-labelledby="series" className="card">
          <h2 id="series">
            Series: <a href={`/results/series/${series.slug}`}>{series.name}</a>
          </h2>
          <p>
            Its waves, oldest first:{" "}
            {series.waves.map((w, i) => (
              <span key={w.slug}>
                {i > 0 ? ", " : ""}
                {w.current ? <strong>{w.title} (this wave)</strong> : w.title}
                {w.published ? "" : " (not published)"}
              </span>
            ))}
            .
          </p>
          {series.comparedWith.length ? (
            <p>
              The next publication of this wave shows trends against {series.comparedWith.join(", ")} for{" "}
              {plural(series.shared.length, "question")}
              {series.shared.length ? ` (${series.shared.join("; ")})` : ""}, and the change among the same people since{" "}
              {series.samePeopleWith} where at least {wave.minGroupSize} answered both and the number who answered only
              one of the two waves is 0 or at least {wave.minGroupSize}.
              {series.changed.length
                ? ` Not compared, because their answers changed: ${series.changed.join("; ")}.`
                : ""}
            </p>
          ) : (
            <p>No earlier wave of the series is published yet, so its next publication shows no trends.</p>
          )}
        </section>
      ) : null}
      {params.get("created") && !result ? (
        <p className="notice success" role="status">
          The wave is created. Nothing has been sent yet.
        </p>
      ) : null}
      {result && "message" in result && result.message ? (
        <p className="notice" role="status">
          {result.message}
        </p>
      ) : null}
      {result && "confirm" in result && result.confirm ? (
        <div className="notice confirm" role="alertdialog" aria-labelledby="confirm-question">
          <p id="confirm-question">
            <strong>{result.confirm.question}</strong> Each person gets one email with their own link; this cannot be
            undone.
          </p>
          {result.confirm.detail ? <p>{result.confirm.detail}</p> : null}
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value={result.confirm.intent} />
            <input type="hidden" name="confirmed" value="yes" />
            <button type="submit" className="button primary" disabled={busy}>
              {result.confirm.button}
            </button>
            <Link to="." className="button">
              Cancel
            </Link>
          </Form>
        </div>
      ) : null}
      {openLink ? (
        <p>
          Open link for people outside the panel: <code>{openLink}</code>
        </p>
      ) : null}

      {canEdit ? (
        <div className="actions">
          {state !== "closed" ? (
            <>
              <Form method="post">
                <input type="hidden" name="intent" value="send" />
                <button type="submit" className="button primary" disabled={busy}>
                  {wave.launchedAt ? "Invite new matches" : "Send invitations"}
                </button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="remind" />
                <button type="submit" className="button" disabled={busy || state !== "open"}>
                  Remind non-responders
                </button>
              </Form>
            </>
          ) : null}
          {state !== "closed" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="close" />
              <button type="submit" className="button danger" disabled={busy}>
                Close now
              </button>
            </Form>
          ) : null}
          <Form method="post">
            <input type="hidden" name="intent" value="extend" />
            <label htmlFor="extend-closes">New closing time</label>
            <input id="extend-closes" name="closesAt" type="datetime-local" required />
            <label htmlFor="extend-tz" className="visually-hidden">
              Time zone
            </label>
            <OptionSelect
              id="extend-tz"
              name="timeZone"
              options={TIME_ZONES.map((z) => [z, z] as [string, string])}
              defaultValue="UTC"
            />
            <button type="submit" className="button" disabled={busy}>
              {state === "closed" ? "Reopen until" : "Extend"}
            </button>
          </Form>
        </div>
      ) : null}

      <section aria-labelledby="figures">
        <h2 id="figures">Fieldwork</h2>
        <div className="cards-row">
          {figures.map(([label, value]) => (
            <p className="figure" key={label}>
              <span className="value">{typeof value === "number" ? value.toLocaleString("en") : value}</span>
              <span className="label">{label}</span>
            </p>
          ))}
        </div>
        {status.openLinkCompleted ? (
          <p>{status.openLinkCompleted} completed through the open link (not counted above).</p>
        ) : null}
        {status.otherCompleted ? (
          <p>
            {status.otherCompleted.toLocaleString("en")} completed without an invitation (imported or synthetic answers:
            not counted above).
          </p>
        ) : null}
        {status.byLanguage.length ? (
          <p className="by-language">
            {status.openLinkCompleted || status.otherCompleted ? "All completions, by language" : "Completed in"}:{" "}
            {status.byLanguage
              .map(
                (l) =>
                  `${l.language && isLanguage(l.language) ? LANGUAGES[l.language].name : (l.language ?? "not recorded")} ${l.completed.toLocaleString("en")}`,
              )
              .join(" · ")}
          </p>
        ) : null}
        <p>
          <Link to={`/admin/waves/${wave.slug}/results`}>Live results and publishing</Link> ·{" "}
          <Link to={`/admin/waves/${wave.slug}/quotes`}>Quotes</Link> ·{" "}
          <a href={`/admin/waves/${wave.slug}/invitations.csv`}>Download the invitation status of each person (CSV)</a>
          {canEdit ? (
            <>
              {" "}
              · Responses{wave.identified ? "" : " (anonymised)"}:{" "}
              <a href={`/admin/waves/${wave.slug}/responses.csv`}>CSV</a>,{" "}
              <a href={`/admin/waves/${wave.slug}/responses.xlsx`}>XLSX</a>,{" "}
              <a href={`/admin/waves/${wave.slug}/responses.json`}>JSON</a> (each download is recorded in the audit log)
            </>
          ) : null}
        </p>
      </section>

      <section aria-labelledby="curve">
        <h2 id="curve">Completions over time</h2>
        <CompletionCurve points={status.curve} invited={status.invited} />
      </section>

      <div className="counts">
        {(
          [
            ["By region", status.byRegion, (k: string) => k],
            [
              "By organisation type",
              status.byOrganisationType,
              (k: string) => ORGANISATION_TYPES[k as keyof typeof ORGANISATION_TYPES] ?? k,
            ],
          ] as const
        ).map(([title, rows, label]) => (
          <table className="table" key={title}>
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Invited</th>
                <th scope="col">Completed</th>
                <th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <td>{label(r.key)}</td>
                  <td>{r.invited}</td>
                  <td>{r.completed}</td>
                  <td>{r.invited ? Math.round((r.completed / r.invited) * 100) : 0}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>

      <section aria-labelledby="latest">
        <h2 id="latest">Latest activity</h2>
        {!wave.identified ? (
          <p>
            Not listed on an anonymous wave: who opened, saved or answered when would line people up with their
            responses. The figures and the curve above show progress.
          </p>
        ) : status.latest.length === 0 ? (
          <p>Nothing yet.</p>
        ) : (
          <ul>
            {status.latest.map((e, i) => (
              <li key={i}>
                {new Date(e.at).toISOString().replace("T", " ").slice(0, 16)} UTC —{" "}
                {e.email ?? "an open-link respondent"} {e.event}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
