// Secrets at work: invitation and unsubscribe tokens, password hashing.
export * from "./tokens";
export * from "./passwords";
