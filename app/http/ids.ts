/**
 * A record's id from an address or a form: digits only, no sign, point or exponent, at most 15 of
 * them (well inside both bigint and a JavaScript number), else undefined, so "abc", "1.5", "-1",
 * "0x10" and twenty nines are "no such record" instead of a database error.
 */
export function recordId(value: unknown): number | undefined {
  return typeof value === "string" && /^[1-9][0-9]{0,14}$/.test(value) ? Number(value) : undefined;
}

/** The id, or a 404 with the page's sentence. */
export function requireRecordId(value: unknown, sentence: string): number {
  const id = recordId(value);
  if (id === undefined) throw new Response(sentence, { status: 404 });
  return id;
}
