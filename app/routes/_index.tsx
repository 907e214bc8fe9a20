import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { listPanels } from "~/models/panel.server";
import { listPublications } from "~/models/publication.server";

export const meta: MetaFunction = () => [
  { title: "Quorum — executive panels, from invitation to published results" },
  {
    name: "description",
    content: "Run a standing panel of senior leaders: invite, collect, and publish results that protect small groups.",
  },
];

export async function loader() {
  const [panels, publications] = await Promise.all([listPanels(), listPublications()]);
  return {
    panels: panels.map((p) => ({ slug: p.slug, name: p.name, description: p.description })),
    published: publications.length,
  };
}

export default function Index() {
  const { panels, published } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <header className="masthead">
        <p className="brand">Quorum</p>
        <h1>Executive panels, from invitation to published results</h1>
        <p className="lede">
          A standing panel of senior people answers short questionnaires through personal links, and gets the aggregate
          results back — with small groups held back so no one can be singled out.
        </p>
      </header>
      <nav aria-label="Where to go" className="home-links">
        <ul className="cards">
          <li className="card">
            <h2>
              <Link to="/results">Published results</Link>
            </h2>
            <p>
              {published === 0
                ? "Nothing is published yet."
                : `${published} ${published === 1 ? "report" : "reports"} from the panels' questionnaires.`}
            </p>
          </li>
          {panels.map((panel) => (
            <li key={panel.slug} className="card">
              <h2>
                <Link to={`/join/${panel.slug}`}>Join the {panel.name}</Link>
              </h2>
              <p>{panel.description || "Answer a few short questionnaires a year and see what your peers think."}</p>
            </li>
          ))}
          <li className="card">
            <h2>
              <Link to="/me">Your answers and settings</Link>
            </h2>
            <p>Panel members: change your details, your language or your email, see your answers, or leave.</p>
          </li>
          <li className="card">
            <h2>
              <Link to="/admin">Panel team</Link>
            </h2>
            <p>Sign in to keep the panel, send questionnaires, follow fieldwork and publish results.</p>
          </li>
        </ul>
      </nav>
      <p className="hint">Invited to a questionnaire? Open the personal link in your invitation email.</p>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
