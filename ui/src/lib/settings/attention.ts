// The thresholds of "Needs attention" the user picks: the choices offered.

/** Days ahead an expiry is shown (keyturn-core allows 1 to 365). */
export const EXPIRY_WINDOW_CHOICES: readonly number[] = [3, 7, 14, 30, 60, 90];
/** Days without use before an active key is stale (7 to 3650). */
export const STALE_DAYS_CHOICES: readonly number[] = [30, 60, 90, 180, 365];

export function daysLabel(days: number): string {
  return days === 1 ? "1 day" : `${days} days`;
}

/** A connection's "rotate every N days" offered (keyturn-core allows 1 to 3650); off is null. */
export const ROTATE_EVERY_CHOICES: readonly number[] = [30, 60, 90, 180, 365];

export function rotateEveryLabel(days: number | null): string {
  return days === null ? "off (no reminder)" : daysLabel(days);
}
