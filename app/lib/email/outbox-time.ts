/**
 * When the outbox says a message was written or sent. A thank-you email is written the moment someone
 * completes a survey, so its time to the minute, next to the recipient, would say when that person
 * answered; the panel team sees only the day, as the panelist page says only whether someone answered.
 */
function outboxTime(kind: string, at: Date | string): string {
  const iso = new Date(at).toISOString();
  return kind === "thank-you" ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

/** A message as the outbox hands it to the page: a thank-you's times only to the day. */
export function outboxView<T extends { kind: string; createdAt: Date | string; sentAt?: Date | string | null }>(
  email: T,
): Omit<T, "createdAt" | "sentAt"> & { createdAt: string; sentAt: string | null } {
  return {
    ...email,
    createdAt: outboxTime(email.kind, email.createdAt),
    sentAt: email.sentAt ? outboxTime(email.kind, email.sentAt) : null,
  };
}
