// Secrets at work: invitation and unsubscribe tokens, password hashing, the second factor.
export * from "./tokens";
export * from "./passwords";
export * from "./second-factor";
