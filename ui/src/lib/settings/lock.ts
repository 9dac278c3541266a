// The idle lock: the delays offered and how they read.

/** Offered delays in minutes; null is "never". */
export const LOCK_AFTER_CHOICES: readonly (number | null)[] = [1, 5, 10, 15, 30, 60, 120, 240, null];

export function lockAfterLabel(minutes: number | null): string {
  if (minutes === null) return "never";
  if (minutes < 60) return `${minutes} min`;
  return minutes === 60 ? "1 hour" : `${minutes / 60} hours`;
}
