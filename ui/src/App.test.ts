import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import App from "./App.svelte";
import type { ProfileSummary, ProfilesView } from "./lib/bindings";
import { describeError } from "./lib/errors";
import {
  allByTestId,
  apiKey,
  byTestId,
  click,
  deferred,
  keyList,
  profile,
  render,
  settle,
} from "./test/helpers";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
});

function show() {
  const r = render(App, {});
  destroy = r.destroy;
  return r.target;
}

const PROFILES: ProfileSummary[] = [
  profile({ id: "p-sandbox", name: "Acme Sandbox", environment: "sandbox" }),
  profile({ id: "p-live", name: "Acme Production", environment: "live", vendor: "kayle" }),
];

type Answer = unknown | { reject: unknown };

/** Mocks both commands; list_profiles answers come from a queue. */
function mockBackend(profileAnswers: Answer[]) {
  const log: Array<{ cmd: string; payload?: InvokeArgs }> = [];
  let profileCalls = 0;
  mockIPC((cmd, payload) => {
    log.push({ cmd, payload });
    if (cmd === "list_profiles") {
      const answer = profileAnswers[Math.min(profileCalls++, profileAnswers.length - 1)];
      if (answer && typeof answer === "object" && "reject" in answer) {
        return Promise.reject((answer as { reject: unknown }).reject);
      }
      return Array.isArray(answer) ? { profiles: answer, lastProfileId: null, notice: null } : answer;
    }
    if (cmd === "list_keys") {
      const id = (payload as { profileId: string }).profileId;
      return keyList(id, [apiKey(`${id}_key`)]);
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  return log;
}

describe("App", () => {
  it("shows a loading indicator until the profiles arrive", async () => {
    const pending = deferred<ProfilesView>();
    mockBackend([pending.promise]);
    const target = show();
    await settle();

    expect(byTestId(target, "loading-indicator")?.getAttribute("aria-label")).toBe("Loading profiles");
    expect(allByTestId(target, "profile-button")).toHaveLength(0);

    pending.resolve({ profiles: PROFILES, lastProfileId: null, notice: null });
    await settle();

    expect(target.textContent).not.toContain("Loading profiles");
    expect(allByTestId(target, "profile-button")).toHaveLength(2);
  });

  it("lists the profiles and shows the keys of the first one", async () => {
    const log = mockBackend([PROFILES]);
    const target = show();
    await settle();

    expect(target.querySelector("h1")?.textContent?.trim()).toBe("Keyturn");
    const buttons = allByTestId(target, "profile-button");
    expect(buttons.map((b) => b.textContent)).toEqual([
      expect.stringContaining("Acme Sandbox"),
      expect.stringContaining("Acme Production"),
    ]);
    expect(buttons[0].getAttribute("aria-current")).toBe("true");
    expect(buttons[1].hasAttribute("aria-current")).toBe(false);

    expect(byTestId(target, "profile-name")?.textContent).toBe("Acme Sandbox");
    expect(log.filter((c) => c.cmd === "list_keys")).toEqual([
      { cmd: "list_keys", payload: { profileId: "p-sandbox" } },
    ]);
    expect(allByTestId(target, "key-row").map((r) => r.dataset.keyId)).toEqual(["p-sandbox_key"]);
  });

  it("switches to another profile when its button is pressed", async () => {
    const log = mockBackend([PROFILES]);
    const target = show();
    await settle();

    click(allByTestId(target, "profile-button")[1]);
    await settle();

    const buttons = allByTestId(target, "profile-button");
    expect(buttons[1].getAttribute("aria-current")).toBe("true");
    expect(buttons[0].hasAttribute("aria-current")).toBe(false);
    expect(byTestId(target, "profile-name")?.textContent).toBe("Acme Production");
    expect(log.filter((c) => c.cmd === "list_keys").map((c) => c.payload)).toEqual([
      { profileId: "p-sandbox" },
      { profileId: "p-live" },
    ]);
    expect(allByTestId(target, "key-row").map((r) => r.dataset.keyId)).toEqual(["p-live_key"]);
  });

  it("shows the error and recovers with Try again when profiles cannot be loaded", async () => {
    const err = { kind: "keychainUnavailable", detail: "org.freedesktop.secrets not provided" };
    const log = mockBackend([{ reject: err }, PROFILES]);
    const target = show();
    await settle();

    const alert = byTestId(target, "error-message");
    expect(alert?.getAttribute("role")).toBe("alert");
    expect(alert?.textContent).toContain(describeError({ kind: "keychainUnavailable", detail: "" }));
    expect(allByTestId(target, "profile-button")).toHaveLength(0);

    const retry = Array.from(alert!.querySelectorAll("button")).find(
      (b) => b.textContent?.trim() === "Try again",
    );
    click(retry ?? null);
    await settle();

    expect(log.filter((c) => c.cmd === "list_profiles")).toHaveLength(2);
    expect(byTestId(target, "error-message")).toBeNull();
    expect(allByTestId(target, "profile-button")).toHaveLength(2);
  });

  it("says so when there are no profiles", async () => {
    const log = mockBackend([[]]);
    const target = show();
    await settle();

    expect(target.textContent).toContain("No profiles yet");
    expect(log.some((c) => c.cmd === "list_keys")).toBe(false);
  });
});
