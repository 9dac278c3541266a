// The clipboard clear delay: the choices offered and how they read.

/** Offered delays in seconds, from 10 s to 5 min; null is "never". */
export const CLEAR_DELAY_CHOICES: readonly (number | null)[] = [10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 300, null];

export function durationLabel(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  const rest = s % 60;
  return rest === 0 ? `${min} min` : `${min} min ${rest} s`;
}

export function delayLabel(seconds: number | null): string {
  return seconds === null ? "never" : durationLabel(seconds);
}

/** The line under a copied secret: "Copied — clipboard clears in 30 s". */
export function countdownText(remaining: number | null): string {
  if (remaining === null) return "Copied — Keyturn will not clear the clipboard.";
  if (remaining <= 0) return "Clipboard cleared.";
  return `Copied — clipboard clears in ${durationLabel(remaining)}`;
}
