// Formatting: dates, plurals, sentence templates, CSV export, audit lines, and significance marks.
export * from "./dates";
export * from "./plural";
export * from "./fill";
export * from "./audit-text";
export * from "./csv-export.server"; // server-only: csv-stringify needs Node's Buffer, which the browser has not
export * from "./significance";
