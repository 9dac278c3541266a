// The sentence shown after "Test the new key": one real call made with it.
import type { CommandError } from "../bindings";
import { describeError } from "../errors";

/** `null` means the call succeeded. */
export function newKeyTestSentence(error: CommandError | null): string {
  if (error === null) return "The new key works: the vendor accepted a call made with it.";
  if (error.kind === "vendor" && error.reason === "unsupported") {
    return "This vendor's API cannot be called with the new key from Keyturn: test it from one consumer instead.";
  }
  if (error.kind === "vendor" && (error.reason === "unauthorized" || error.reason === "forbidden")) {
    return "The vendor refused the new key: do not move consumers to it yet.";
  }
  return `The test could not be completed: ${describeError(error)}`;
}
