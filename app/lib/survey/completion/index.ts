// The completion check's front door: a completion checked by the check compiled from its
// questionnaire, or by survey-core's Model where the compiled check does not follow the file.
export { compileQuestionnaire, type CompiledQuestionnaire } from "./check";
export { compileSurvey } from "./compile";
export { expressionProblem } from "./expressions";
export { checkingModel, modelComplete, reusable } from "./model-check";
export { CHOICE_TYPES, checkValue, MAX_TEXT, speak, type AnyQuestion } from "./shape";
