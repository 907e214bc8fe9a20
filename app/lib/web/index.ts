// What pages and the HTTP edge share: the CSP nonce, the cross-site check, admin roles, and the
// sentence for a database that is unavailable.
export * from "./nonce";
export * from "./same-origin";
export * from "./db-errors";
export * from "./roles";
