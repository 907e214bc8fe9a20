// Email text: Quorum's own emails in each language, the team's wave templates with merge fields, safe
// Markdown, and the personal-link placeholders.
export * from "./email-templates";
export * from "./wave-email";
export * from "./markdown";
export * from "./link-placeholders";
export * from "./outbox-time";
