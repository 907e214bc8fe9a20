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
  /** A `visible` trigger's condition: it shows or hides the element whatever `visible` says. */
  visibleTrigger?: Condition;
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
  /** A matrix cell's defaultValueExpression: survey-core fills the cell with it when it is empty. */
  defaultExpression?: string;
}

export type ElementNode = PanelNode | QuestionNode;

export interface CompiledSurvey {
  pages: PanelNode[];
  /** `complete` triggers: the page completes the survey on the page that answers one of `variables` while `condition` holds. */
  completeTriggers: { condition: Condition; variables: string[] }[];
  /**
   * `skip` triggers: on the page that answers one of `variables` while `condition` holds, the page jumps to page
   * `toPage` (the page of its `gotoName`); the pages in between are never shown, so nothing on them is checked.
   */
  skipTriggers: { condition: Condition; variables: string[]; toPage: number }[];
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
  /** Choices copied from another question's (choicesFromQuestion): they stand instead of `choices`. */
  from?: CarriedChoices;
}

/**
 * survey-core's carry-forward: a select question's shown choices (all of them, the selected or the
 * unselected ones, in its order), or the values of a dynamic matrix's or panel's rows under one key.
 */
export type CarriedChoices =
  | {
      kind: "select";
      source: string;
      mode: "all" | "selected" | "unselected";
      choices: Choice[];
      /** The question's own "Other" value, which survey-core keeps in a copied answer (not a ranking's) even when not offered. */
      ownOther?: unknown;
      /** The source's "Other" value and its comment key: a selected other with a comment is offered (mode selected). */
      other?: { value: unknown; commentKey: string };
    }
  | { kind: "rows"; source: string; key?: string };

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
  /** With an input mask: whether a value leaves the mask half filled (survey-core's isMaskInputIncomplete). */
  maskIncomplete?: (value: unknown) => boolean;
  maskText: string;
  /** With an input mask: the value survey-core stores for one given (masked or not, as the mask says). */
  maskValue?: (value: unknown) => unknown;
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
