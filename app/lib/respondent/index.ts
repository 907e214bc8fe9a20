// The respondent page's browser side: the copy kept on the device, the page's boot data, random ids, how scales are laid out, and
// survey-core's own strings in Quorum's languages (loaded with this door, on the server and in the browser).
import "./survey-locales";
export * from "./autosave";
export * from "./survey-boot";
export * from "./uuid";
export * from "./scales";
