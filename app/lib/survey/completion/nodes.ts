import type { Condition } from "./expressions";

/**
 * The shape of a compiled questionnaire: its elements as nodes, and what each question checks
 * beyond "required" and its validators (its rules). compile.ts builds it, rules.ts reads survey-core's
 * objects into rules, run.ts walks it for one completion.
 */
type Json = Record<string, unknown>;
export type SurveyObject = Json & { name: string; getType(): string; toJSON(): Json };

export interface Common {
  name: string;
  visible: boolean;
  visibleIf?: Condition;
  enableIf?: Condition;
  readOnly: boolean;
  isRequired: boolean;
  requiredIf?: Condition;
  requiredText: string;
}

export interface PanelNode extends Common {
  kind: "panel";
  elements: ElementNode[];
  /** A start page: never checked, its values never cleared. */
  startPage: boolean;
}

export interface ValidatorNode {
  expression?: Condition;
  instance: {
    validate(value: unknown, name?: string): { error?: { text?: string; getText?(): string } } | null;
    getErrorText(name: string): string;
  };
}

export interface QuestionNode extends Common {
  kind: "question";
  type: string;
  valueName: string;
  title: string;
  /** survey-core clears the value of a hidden question when the survey completes. */
  clearIfHidden: boolean;
  /** A comment key (`name-Comment`) of its own, kept whatever is chosen. */
  ownComment: boolean;
  validators: ValidatorNode[];
  rules: Rules;
}

export type ElementNode = PanelNode | QuestionNode;

export interface CompiledSurvey {
  pages: PanelNode[];
  calculated: { name: string; expression: string; includeIntoResult: boolean }[];
  suffix: string;
}

export interface Choice {
  value: unknown;
  visibleIf?: Condition;
}

export interface SelectRules {
  kind: "select";
  multiple: boolean;
  choices: Choice[];
  choicesVisibleIf?: Condition;
  hideIfChoicesEmpty: boolean;
  /** Values that are always offered (other, none, refuse, don't know). */
  special: unknown[];
  other?: string;
  otherText: string;
  none: unknown[];
  minSelected: number;
  minText: string;
  /** Respondents may type their own choice: nothing is cleared as unknown. */
  custom: boolean;
  /** A ranking of every shown choice (not select-to-rank): survey-core appends the ones left out. */
  rankAll: boolean;
}

export interface TextRules {
  kind: "text";
  inputType: string;
  min?: unknown;
  max?: unknown;
  step?: number;
  minText: string;
  maxText: string;
  stepText: string;
  emailText?: string;
}

export interface MatrixRules {
  kind: "matrix";
  rows: Choice[];
  rowsVisibleIf?: Condition;
  columns: Choice[];
  columnsVisibleIf?: Condition;
  eachRowRequired: boolean;
  eachRowUnique: boolean;
  hideIfRowsEmpty: boolean;
  allRowsText: string;
  uniqueText: string;
}

export interface TableRules {
  kind: "table";
  dynamic: boolean;
  rows: Choice[];
  rowsVisibleIf?: Condition;
  hideIfRowsEmpty: boolean;
  rowCount: number;
  minRowCount: number;
  columns: QuestionNode[];
  unique: string[];
  caseSensitive: boolean;
  totals: { column: string; expression: string }[];
  minRowsText: string;
  duplicateText: string;
}

export interface PanelsRules {
  kind: "panels";
  elements: ElementNode[];
  panelCount: number;
  minPanelCount: number;
  keyName?: string;
  duplicateText: string;
}

export type Rules =
  | SelectRules
  | TextRules
  | MatrixRules
  | TableRules
  | PanelsRules
  | { kind: "items"; items: QuestionNode[] }
  | { kind: "expression"; expression: string }
  | { kind: "plain" }
  | { kind: "none" };

export interface Builders {
  question(q: SurveyObject, where: string): QuestionNode;
  elements(list: SurveyObject[]): ElementNode[];
}
