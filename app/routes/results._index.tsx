import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { longDate } from "~/lib/format";
import { listPublications } from "~/models/publication.server";
import { getPanelistById } from "~/models/panelist.server";
import { getSession } from "~/http/session.server";

export const meta: MetaFunction = () => [{ title: "Published results · Quorum" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const admin = Boolean(session.get("adminId"));
  const panelistId = session.get("panelistId");
  const panelist = panelistId ? await getPanelistById(panelistId) : undefined;
  const all = await listPublications();
  const visible = all.filter(
    (p) => admin || p.audience === "public" || (panelist && p.panelId === panelist.panelId && p.audience === "panel"),
  );
  return {
    publications: visible.map((p) => ({
      slug: p.slug,
      title: p.title,
      publishedAt: p.publishedAt,
      respondents: p.respondents,
      audience: p.audience,
    })),
    signedIn: Boolean(panelist) || admin,
  };
}

export default function ResultsIndex() {
  const { publications, signedIn } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <p className="brand">Quorum</p>
      <h1>Published results</h1>
      {publications.length === 0 ? (
        <p>No results you can see are published yet.</p>
      ) : (
        <ul className="cards">
          {publications.map((p) => (
            <li key={p.slug} className="card">
              <h2 className="card-title">
                <Link to={`/results/${p.slug}`}>{p.title}</Link>
              </h2>
              <p>
                {p.respondents ?? "Fewer than the minimum number of"} respondents · published {longDate(p.publishedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {!signedIn ? (
        <p className="hint">
          Results shared only with a panel or with respondents appear here once you <Link to="/me">sign in</Link>, or
          open from your results email.
        </p>
      ) : null}
    </main>
  );
}
