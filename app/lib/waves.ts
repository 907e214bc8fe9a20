/** Whether a wave takes answers at a moment: "not-open", "open" or "closed". */
export function waveState(wave: { opensAt: Date; closesAt: Date | null }, now = new Date()): "not-open" | "open" | "closed" {
  if (now < wave.opensAt) return "not-open";
  if (wave.closesAt && now >= wave.closesAt) return "closed";
  return "open";
}

/** "22 November 2026" in UTC. */
// One formatter for every call: toLocaleDateString builds a new Intl.DateTimeFormat each time (2.7% of a completion's CPU).
const LONG_DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function longDate(date: Date | string): string {
  return LONG_DATE.format(new Date(date));
}
