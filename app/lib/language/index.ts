// Languages: the ones Quorum speaks, which one a reader gets, the browser's Accept-Language.
export * from "./languages";
export * from "./browser-languages";
