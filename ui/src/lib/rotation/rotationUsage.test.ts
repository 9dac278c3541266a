import { describe, expect, it } from "vitest";
import {
  agoText,
  checkedAgo,
  greenSentence,
  lastUseLine,
  newKeyLine,
  oldKeyLine,
  parseQuietWindow,
  quietLine,
  quietWindowMinutes,
  verificationTodo,
} from "./rotationUsage";
import { apiKey } from "../../test/helpers";
import { verification } from "../../test/rotation";

const NOW = new Date("2026-03-12T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

describe("agoText", () => {
  it("counts seconds under a minute, then uses the keys view's relative time", () => {
    expect(agoText(ago(400), NOW)).toBe("just now");
    expect(agoText(ago(12_000), NOW)).toBe("12 s ago");
    expect(agoText(ago(59_999), NOW)).toBe("59 s ago");
    expect(agoText(ago(3 * 60_000), NOW)).toBe("3 min ago");
    expect(agoText(ago(2 * 3_600_000), NOW)).toBe("2 h ago");
  });

  it("reads a time slightly ahead (clock skew) as just now, and passes unreadable text through", () => {
    expect(agoText(new Date(NOW.getTime() + 2000).toISOString(), NOW)).toBe("just now");
    expect(agoText("yesterday-ish", NOW)).toBe("yesterday-ish");
  });
});

describe("newKeyLine", () => {
  it("says when, from where and with what the new key was first used", () => {
    const v = verification({ newKeyFirstUsed: { at: ago(12_000), ip: "10.0.0.4", userAgent: "curl/8.5.0" } });
    expect(newKeyLine(v, NOW)).toBe("New key first used 12 s ago from 10.0.0.4 (curl 8.5)");
  });

  it("leaves out what the vendor does not report", () => {
    expect(newKeyLine(verification({ newKeyFirstUsed: { at: ago(90_000), ip: null, userAgent: null } }), NOW)).toBe(
      "New key first used 1 min ago",
    );
    expect(
      newKeyLine(verification({ newKeyFirstUsed: { at: ago(5000), ip: null, userAgent: "python-requests/2.31.0" } }), NOW),
    ).toBe("New key first used 5 s ago (Python requests 2.31)");
    expect(newKeyLine(verification(), NOW)).toBe("New key not used yet");
  });
});

describe("oldKeyLine", () => {
  it("says when the old key was last used", () => {
    expect(oldKeyLine(verification({ oldKeyLastUsed: ago(3 * 60_000), lastObservedAt: ago(0) }), NOW)).toBe(
      "Old key last used 3 min ago",
    );
  });

  it("says when it is gone, never used, or not looked at yet", () => {
    expect(oldKeyLine(verification({ oldKeyGone: true, oldKeyLastUsed: ago(1000) }), NOW)).toBe("Old key no longer at the vendor");
    expect(oldKeyLine(verification({ lastObservedAt: ago(0) }), NOW)).toBe("Old key never used");
    expect(oldKeyLine(verification({ signal: "requestCount", lastObservedAt: ago(0) }), NOW)).toBe(
      "Old key not used since Keyturn started watching",
    );
    expect(oldKeyLine(verification(), NOW)).toBe("Old key not checked yet");
  });
});

describe("quietLine", () => {
  it("counts the old key's quiet time against the window", () => {
    expect(quietLine(verification({ oldQuietForSecs: 240 }), 600)).toBe("Quiet for 4 min of the 10 min window");
    expect(quietLine(verification({ oldQuietForSecs: 600 }), 600)).toBe("Quiet for the whole 10 min window");
    expect(quietLine(verification({ oldQuietForSecs: 30 }), 3600)).toBe("Quiet for 30 s of the 1 h window");
  });

  it("has nothing to say when the old key is gone or was not checked", () => {
    expect(quietLine(verification({ oldQuietForSecs: 240, oldKeyGone: true }), 600)).toBeNull();
    expect(quietLine(verification(), 600)).toBeNull();
  });
});

describe("checkedAgo", () => {
  it("says when Keyturn last looked", () => {
    expect(checkedAgo(ago(3000), NOW)).toBe("checked 3 s ago");
    expect(checkedAgo(ago(2 * 60_000), NOW)).toBe("checked 2 min ago");
    expect(checkedAgo(null, NOW)).toBe("not checked yet");
  });
});

describe("green and what is missing", () => {
  it("explains green for usage and for a checklist", () => {
    expect(greenSentence(verification({ green: true }), 600)).toBe(
      "Verified: the new key is in use and the old key has been quiet for 10 min.",
    );
    expect(greenSentence(verification({ green: true, signal: "checklist" }), 600)).toMatch(/every consumer/);
    expect(greenSentence(verification({ green: true, oldKeyGone: true }), 600)).toMatch(/old key is gone/);
  });

  it("lists what verification still waits for", () => {
    expect(verificationTodo(verification({ oldQuietForSecs: 100 }), 600)).toEqual([
      "Waiting for the new key's first use.",
      "Waiting for the old key to stay unused for 10 min.",
    ]);
    expect(verificationTodo(verification({ signal: "checklist" }), 600)).toEqual([
      "Add each consumer that uses the key.",
      "Test the new key.",
    ]);
    expect(
      verificationTodo(verification({ signal: "checklist", consumers: [{ name: "a", checked: false }], newKeyTested: true }), 600),
    ).toEqual(["Tick each consumer once it runs on the new key."]);
    expect(verificationTodo(verification({ green: true }), 600)).toEqual([]);
  });
});

describe("lastUseLine", () => {
  it("gives each key's last use beside it", () => {
    const used = apiKey("k1", { lastUsed: { state: "used", at: ago(15 * 60_000), ip: "203.0.113.24", userAgent: "curl/8.5.0" } });
    expect(lastUseLine(used, NOW)).toBe("last used 15 min ago from 203.0.113.24 (curl 8.5)");
    expect(lastUseLine(apiKey("k2", { lastUsed: { state: "never" } }), NOW)).toBe("never used");
    expect(lastUseLine(apiKey("k3", { requestCount: 182_344 }), NOW)).toBe("182,344 requests");
    expect(lastUseLine(apiKey("k4", { requestCount: 1 }), NOW)).toBe("1 request");
    expect(lastUseLine(apiKey("k5"), NOW)).toBe("last use not reported by the vendor");
  });
});

describe("the quiet window in minutes", () => {
  it("shows seconds as whole minutes", () => {
    expect(quietWindowMinutes(600)).toBe(10);
    expect(quietWindowMinutes(90)).toBe(2);
    expect(quietWindowMinutes(10)).toBe(1);
  });

  it("reads minutes between 1 and 7 days", () => {
    expect(parseQuietWindow(" 15 ")).toEqual({ seconds: 900 });
    expect(parseQuietWindow("1")).toEqual({ seconds: 60 });
    expect(parseQuietWindow("10080")).toEqual({ seconds: 604_800 });
    expect(parseQuietWindow("0")).toEqual({ error: "Enter between 1 and 10080 minutes (7 days)." });
    expect(parseQuietWindow("10081")).toHaveProperty("error");
    expect(parseQuietWindow("2.5")).toEqual({ error: "Enter a whole number of minutes." });
    expect(parseQuietWindow("")).toHaveProperty("error");
  });
});
