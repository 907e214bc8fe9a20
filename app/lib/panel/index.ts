// The panel and its people: profiles, countries and regions, segments, panelist filters, panel input,
// CSV import of panelists, the panel's logo.
export * from "./profile";
export * from "./profile-options";
export * from "./countries";
export * from "./regions";
export * from "./segment";
export * from "./panelist-filters";
export * from "./panel-input";
export * from "./import-fields";
export * from "./csv-import";
export * from "./csv-parse.server";
export * from "./diff";
export * from "./images";
