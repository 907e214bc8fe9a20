/** "1 organisation", "60 organisations", "1,058 people": a count with its noun, in English. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
