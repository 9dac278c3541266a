// Why the rotation machine refused an action, and a vendor failure it recorded,
// as one sentence each: what happened and what to do about it.
import type { CommandError, RotationError, RotationProblem } from "../bindings";
import { stepLabel } from "./rotationSteps";
import { relativeTime } from "../text/time";

function assertNever(x: never): never {
  throw new Error(`Unhandled refusal: ${JSON.stringify(x)}`);
}

const ACTION_LABELS: Readonly<Record<string, string>> = {
  choose: "Choosing a key",
  create: "Creating the new key",
  secretStored: "Confirming the secret is stored",
  consumerChecked: "Ticking a consumer",
  consumerRemoved: "Removing a consumer",
  testedNewKey: "Recording the test of the new key",
  setQuietWindow: "Changing the quiet window",
  retire: "Moving on to retiring the old key",
  disable: "Disabling the old key",
  revoke: "Revoking the old key",
  finish: "Finishing",
  revokeOrphan: "Revoking a key from the lost create",
  dismissOrphans: "Leaving the keys from the lost create",
  refresh: "Refreshing",
  cancel: "Cancelling",
  keyCreated: "Recording the new key",
  createFailed: "Recording the failed create",
  disabled: "Recording the disable",
  revoked: "Recording the revoke",
  observed: "Reading the key list",
  vendorFailed: "Recording the vendor's failure",
};

/** "10 min", "2 h", "7 days", "1 h 30 min": a length of time in words. */
export function durationWords(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const parts: string[] = [];
  if (days > 0) parts.push(days === 1 ? "1 day" : `${days} days`);
  if (hours > 0) parts.push(`${hours} h`);
  if (minutes > 0) parts.push(`${minutes} min`);
  if (rest > 0 || parts.length === 0) parts.push(`${rest} s`);
  return parts.join(" ");
}

/**
 * One sentence per refusal. `now` makes a "used 12 min ago" out of the in-use
 * guard's time; without it the sentence speaks of the last hour.
 */
export function refusalSentence(refusal: RotationError, now?: Date): string {
  switch (refusal.reason) {
    case "notNow": {
      const action = ACTION_LABELS[refusal.event] ?? `“${refusal.event}”`;
      return `${action} is not possible while the rotation is at “${stepLabel(refusal.step)}”: carry on from the step shown.`;
    }
    case "finished":
      return "This rotation has already ended: close the wizard, and start a new rotation if a key still needs replacing.";
    case "busy":
      return "The vendor has not answered the previous request yet: wait a moment, then try again.";
    case "unknownKey":
      return `Key ${refusal.keyId} is not one this step can act on (it may have been revoked meanwhile): refresh and choose again.`;
    case "keyInUse": {
      const when = now ? relativeTime(refusal.lastUsedAt, now).label : "within the last hour";
      return `Key ${refusal.keyId} was used ${when}: retiring it before its replacement exists cuts off whatever uses it, so tick “I know it is in use” to go ahead anyway.`;
    }
    case "cannotDisable":
      return "This vendor cannot disable keys: revoke the old key instead.";
    case "alreadyDisabled":
      return "The old key is already disabled: revoke it once nothing breaks.";
    case "disableFirst":
      return "Disable the old key first and check that nothing breaks, then revoke it.";
    case "confirmationMismatch":
      return "The confirmation does not match: type the old key's name or id exactly.";
    case "notVerified":
      return "The new key is not verified yet: wait for verification, or tick the early-revoke override to revoke the old key now.";
    case "lastActiveKey":
      return "The vendor does not allow revoking an account's last active key: make sure the new key is active before revoking the old one.";
    case "oldKeyRemains":
      return "The old key still exists: retire it, or cancel the rotation.";
    case "noOldKey":
      return "There is no old key left to retire: finish the rotation.";
    case "quietWindowOutOfRange":
      return `The quiet window must be between ${durationWords(refusal.minSecs)} and ${durationWords(refusal.maxSecs)}.`;
    case "emptyConsumerName":
      return "Give the consumer a name, such as the service or host that uses the key.";
    default:
      return assertNever(refusal);
  }
}

/** A vendor failure the rotation recorded, in the shape the error alert shows. */
export function problemAsError(problem: RotationProblem): CommandError {
  return {
    kind: "vendor",
    reason: problem.reason,
    status: null,
    code: problem.code,
    message: problem.message,
    requestId: problem.requestId,
    retryAfterSeconds: null,
    field: null,
    orphanCandidates: [],
    orphanCheckFailed: false,
  };
}
