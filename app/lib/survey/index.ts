// The questionnaire and completion checks: a SurveyJS file checked with line and column, the languages it has,
// the profile questions it asks, and a completion's answers checked (completion/ is the compiled check).
export * from "./answers";
export * from "./survey-check";
export * from "./json-position";
export * from "./questionnaire-languages";
export * from "./profile-questions";
export * from "./plain-page";
export { compileQuestionnaire } from "./completion";
