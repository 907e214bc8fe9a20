/** Whether a wave takes answers at a moment: "not-open", "open" or "closed". */
export function waveState(
  wave: { opensAt: Date; closesAt: Date | null },
  now = new Date(),
): "not-open" | "open" | "closed" {
  if (now < wave.opensAt) return "not-open";
  if (wave.closesAt && now >= wave.closesAt) return "closed";
  return "open";
}
