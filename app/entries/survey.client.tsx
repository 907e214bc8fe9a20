// The respondent page's only script. The page is rendered on the server without Remix's client
// runtime (about 39 KB gzip that a questionnaire does not use); this entry mounts the SurveyJS runner
// into it, with the page data the server put in #quorum-survey-data.
import { createRoot } from "react-dom/client";
import SurveyRunner from "~/components/SurveyRunner.client";
import { readPlainAnswers } from "~/components/survey-browser.client";
import type { SurveyBoot } from "~/lib/respondent";

const root = document.getElementById("survey-root");
const data = document.getElementById("quorum-survey-data");
if (root && data?.textContent) {
  const boot = JSON.parse(data.textContent) as SurveyBoot;
  const email = document.getElementById("respondent-email") as HTMLInputElement | null;
  const extra = () => (email ? { email: email.value } : {});
  // The server-rendered first page stays in place, answerable, until the runner's page is drawn beside
  // it (hidden); then, in the same task, what was answered on it is read and carried over, and it goes.
  const plain = root.querySelector<HTMLElement>("[data-plain-page]");
  const mount = plain ? root.appendChild(document.createElement("div")) : root;
  if (plain) mount.hidden = true;
  const takeOver = plain
    ? () => {
        const answers = readPlainAnswers(plain);
        plain.remove();
        mount.hidden = false;
        return answers;
      }
    : undefined;
  createRoot(mount).render(
    <SurveyRunner
      definition={boot.definition}
      extra={extra}
      resume={boot.resume}
      prefill={boot.prefill}
      autosave={boot.autosave}
      language={boot.language}
      text={boot.text}
      version={boot.version}
      takeOver={takeOver}
    />,
  );
}
