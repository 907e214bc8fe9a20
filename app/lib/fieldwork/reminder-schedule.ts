const DAY = 24 * 60 * 60 * 1000;

/** No mail to the same person about the same wave within this time. */
export const MIN_GAP_MS = 48 * 60 * 60 * 1000;

/** How many reminders a wave's automatic schedule has made due by now (days after launch). */
export function dueReminders(
  wave: { launchedAt: Date | null; reminderDays: number[]; maxReminders: number },
  now: Date,
): number {
  if (!wave.launchedAt) return 0;
  const days = (now.getTime() - wave.launchedAt.getTime()) / DAY;
  return Math.min(wave.maxReminders, [...wave.reminderDays].sort((a, b) => a - b).filter((d) => d <= days).length);
}
