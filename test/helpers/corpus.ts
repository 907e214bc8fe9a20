// The questionnaire corpus: real-world shapes written for the tests (HR review, NPS, clinical intake,
// event registration, rankings, consent with signatures and files, localized, other-in-value, edge
// cases, the rich benchmark), SurveyJS's own demos (surveyjs-*.json, MIT: see SOURCES.md there) and
// the two questionnaires we ship.
import { readdirSync, readFileSync } from "node:fs";

export const CORPUS_DIR = "test/fixtures/questionnaires";

export const CORPUS_FILES = [
  ...readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => `${CORPUS_DIR}/${f}`),
  "survey-definitions/micro-credentials-2021.json",
  "survey-definitions/for-credit-micro-credentials-2024.json",
];

export const loadQuestionnaire = (file: string) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
