import type { MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/GeneralErrorBoundary";
import { listQuestionnaires } from "~/models/questionnaire.server";

export const meta: MetaFunction = () => [
  { title: "Quorum — executive panels, from invitation to published results" },
  { name: "description", content: "Run a standing panel of senior leaders: invite, collect, and publish results that protect small groups." },
];

export async function loader() {
  return { questionnaires: await listQuestionnaires() };
}

export default function Index() {
  const { questionnaires } = useLoaderData<typeof loader>();
  return (
    <main id="main" className="page">
      <header className="masthead">
        <p className="brand">Quorum</p>
        <h1>Executive panels, from invitation to published results</h1>
        <p className="lede">
          Keep a standing panel of senior people, send them short questionnaires with personal links, and publish the
          aggregate results back to them — with small groups suppressed so no one can be singled out.
        </p>
      </header>
      <section aria-labelledby="questionnaires-heading">
        <h2 id="questionnaires-heading">Questionnaires</h2>
        {questionnaires.length === 0 ? (
          <p>No questionnaire is loaded yet: add a SurveyJS JSON file to survey-definitions/ and restart.</p>
        ) : (
          <ul className="cards">
            {questionnaires.map((q) => (
              <li key={q.slug} className="card">
                <h3>{q.title}</h3>
                <p>
                  <code>{q.slug}</code> · version {q.version} · {q.questionCount} questions
                </p>
              </li>
            ))}
          </ul>
        )}
        <p className="hint">Respondents reach a questionnaire through their personal invitation link.</p>
      </section>
    </main>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
