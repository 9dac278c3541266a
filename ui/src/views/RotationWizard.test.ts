// The rotation wizard, driven from the keys view against a mocked backend.
import { afterEach, describe, expect, it, vi } from "vitest";
import { flushSync } from "svelte";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { InvokeArgs } from "@tauri-apps/api/core";
import KeysView from "./KeysView.svelte";
import type {
  ApiKey,
  Capabilities,
  CommandError,
  KeyList,
  Rotation,
  RotationAction,
  RotationView,
} from "../lib/bindings";
import { localDate } from "../lib/text/time";
import { clearToasts } from "../lib/ui/toasts.svelte";
import {
  allByTestId,
  apiKey,
  byTestId,
  callsOf,
  capabilities,
  click,
  deferred,
  mockBackend,
  press,
  connection,
  render,
  settle,
  typeInto,
  type Handler,
} from "../test/helpers";
import { keyRef, opened, revealedKey, rotation, rotationView, verification } from "../test/rotation";

let destroy: (() => void) | null = null;

afterEach(() => {
  destroy?.();
  destroy = null;
  clearMocks();
  clearToasts();
  vi.useRealTimers();
});

const SECRET = "sk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
const USAGE_CAPS: Partial<Capabilities> = {
  maxNameLength: 100,
  lastUsed: { at: true, ip: true, userAgent: true, requestCount: false },
  scopeChoice: "one",
  scopes: ["read", "read-write"],
  createFields: [
    { field: "name", required: true },
    { field: "scopes", required: false },
  ],
};

function keysOf(keys: ApiKey[], caps: Partial<Capabilities> = USAGE_CAPS): KeyList {
  return { connectionId: "p-sandbox", keys, capabilities: capabilities(caps), fetchedAt: new Date().toISOString() };
}

function show(handlers: Record<string, Handler | unknown>, p = connection({ vendor: "apiKeys" })) {
  const log = mockBackend({ open_rotations: opened([]), forget_secret: true, ...handlers });
  const r = render(KeysView, { connection: p, vendorName: "API Keys" });
  destroy = r.destroy;
  return { target: r.target, log };
}

const actionsOf = (log: ReturnType<typeof mockBackend>) =>
  callsOf(log, "rotation_action").map((p) => (p as { action: RotationAction }).action);

const stepOf = (target: HTMLElement) => byTestId(target, "rotation-step")?.dataset.step;

function refusal(r: Extract<CommandError, { kind: "rotation" }>["refusal"]): Promise<never> {
  return Promise.reject({ kind: "rotation", refusal: r } satisfies CommandError);
}

/** With fake timers: let IPC answers and handlers run, then flush Svelte. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(0);
    flushSync();
  }
}

async function advance(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flush();
}

describe("a full rotation", () => {
  it("starts, chooses (override refused, then given), creates, reveals once, verifies by polling, retires and finishes", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-12T12:00:00Z") });
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const oldUsedAt = ago(5 * 60_000);
    const oldKey = apiKey("key_old", {
      name: "CI deploys",
      scopes: ["read-write"],
      lastUsed: { state: "used", at: oldUsedAt, ip: "203.0.113.24", userAgent: "curl/8.5.0" },
    });
    const other = apiKey("key_other", { name: "Dashboard", lastUsed: { state: "never" } });
    const created = revealedKey("key_new", SECRET, "CI deploys");

    let r: Rotation = rotation({
      state: { step: "chooseRetiring", keys: [oldKey, other], inUseKeyIds: ["key_old"] },
    });
    const view = (): RotationView => rotationView(r);
    let polls = 0;
    const { target, log } = show({
      list_keys: () => keysOf([oldKey, other]),
      copy_secret: { clearsAfterSeconds: 30 },
      start_rotation: view,
      rotation_action: (p: InvokeArgs | undefined) => {
        const a = (p as { action: RotationAction }).action;
        switch (a.action) {
          case "choose":
            if (!a.overrideInUse) return refusal({ reason: "keyInUse", keyId: a.keyId, lastUsedAt: oldUsedAt });
            r = { ...r, oldKey: keyRef("key_old", "CI deploys"), state: { step: "readyToCreate" } };
            return view();
          case "create":
            created.key.name = a.draft.name;
            r = { ...r, newKey: keyRef("key_new", a.draft.name), state: { step: "created" } };
            return rotationView(r, created);
          case "secretStored":
            r = {
              ...r,
              state: { step: "verifying" },
              verification: verification({
                since: ago(0),
                lastObservedAt: ago(0),
                oldKeyLastUsed: oldUsedAt,
                oldQuietSince: oldUsedAt,
                oldQuietForSecs: 300,
              }),
            };
            return view();
          case "setQuietWindow":
            r = { ...r, quietWindowSecs: a.seconds };
            return view();
          case "retire":
            r = { ...r, state: { step: "retiring", action: null } };
            return view();
          case "revoke":
            r = { ...r, oldKeyRevoked: true, state: { step: "done" } };
            return view();
          default:
            return refusal({ reason: "notNow", step: r.state.step, event: a.action });
        }
      },
      poll_rotation: () => {
        polls++;
        const v = r.verification!;
        if (polls === 1) {
          r = { ...r, verification: { ...v, lastObservedAt: ago(0), newKeyFirstUsed: { at: ago(12_000), ip: "10.0.0.4", userAgent: "curl/8.5.0" } } };
        } else if (polls === 2) {
          r = { ...r, verification: { ...v, lastObservedAt: ago(0), oldQuietForSecs: 306, green: true } };
        } else {
          r = { ...r, verification: { ...v, lastObservedAt: ago(0) } };
        }
        return view();
      },
    });
    await flush();
    expect(callsOf(log, "open_rotations")).toHaveLength(1);
    expect(byTestId(target, "rotation-resume-banner")).toBeNull();

    // 1. Check slots
    click(byTestId(target, "start-rotation"));
    await flush();
    expect(callsOf(log, "start_rotation")).toEqual([{ connectionId: "p-sandbox" }]);
    const wizard = byTestId(target, "rotation-wizard")!;
    expect(stepOf(target)).toBe("chooseRetiring");
    expect(wizard.querySelector("[aria-current=step]")?.textContent).toContain("Check slots");
    expect(byTestId(wizard, "rotation-slots")?.textContent).toBe("2 keys");
    const radios = allByTestId(wizard, "rotation-choose-key") as HTMLInputElement[];
    expect(radios.map((i) => i.dataset.keyId)).toEqual(["key_old", "key_other"]);
    expect(allByTestId(wizard, "rotation-key-last-used").map((e) => e.textContent)).toEqual([
      "last used 5 min ago from 203.0.113.24 (curl 8.5)",
      "never used",
    ]);
    expect((byTestId(wizard, "rotation-choose") as HTMLButtonElement).disabled).toBe(true);
    click(radios[0]);
    expect(byTestId(wizard, "rotation-override-in-use")).toBeNull();
    click(byTestId(wizard, "rotation-choose"));
    await flush();
    expect(stepOf(target)).toBe("chooseRetiring");
    expect(byTestId(wizard, "error-message")?.textContent).toContain(
      "Key key_old was used 5 min ago: retiring it before its replacement exists cuts off whatever uses it",
    );
    click(byTestId(wizard, "rotation-override-in-use"));
    click(byTestId(wizard, "rotation-choose"));
    await flush();
    expect(actionsOf(log)).toEqual([
      { action: "choose", keyId: "key_old", overrideInUse: false },
      { action: "choose", keyId: "key_old", overrideInUse: true },
    ]);

    // 2. Create, reveal once, stored
    expect(stepOf(target)).toBe("readyToCreate");
    expect(document.activeElement?.textContent).toBe("Create the new key");
    expect(byTestId(wizard, "error-message")).toBeNull();
    const name = byTestId(wizard, "rotation-new-name") as HTMLInputElement;
    expect(name.value).toBe(`CI deploys ${localDate(new Date())}`);
    expect(byTestId(wizard, "rotation-carried")?.textContent).toContain("Permissions: read-write");
    click(byTestId(wizard, "rotation-create"));
    await flush();
    expect(actionsOf(log)[2]).toEqual({
      action: "create",
      draft: {
        name: `CI deploys ${localDate(new Date())}`,
        description: null,
        environment: null,
        scopes: ["read-write"],
        expiresAt: null,
        metadata: {},
      },
    });
    expect(stepOf(target)).toBe("created");
    expect(byTestId(wizard, "reveal-warning")?.textContent).toContain("shown only now");
    const secretField = byTestId(wizard, "revealed-secret") as HTMLInputElement;
    expect(secretField.value).toBe(SECRET);
    expect(secretField.type).toBe("password");
    expect(document.body.innerHTML).not.toContain(SECRET);
    click(byTestId(wizard, "copy-secret"));
    await flush();
    expect(callsOf(log, "copy_secret")).toEqual([{ revealId: "reveal-key_new" }]);
    expect(byTestId(wizard, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 30 s");
    await advance(1000);
    expect(byTestId(wizard, "clipboard-countdown")?.textContent).toBe("Copied — clipboard clears in 29 s");
    expect(callsOf(log, "forget_secret")).toEqual([]);

    click(byTestId(wizard, "rotation-secret-stored"));
    await flush();
    expect(actionsOf(log)[3]).toEqual({ action: "secretStored" });
    expect(callsOf(log, "forget_secret")).toEqual([{ revealId: "reveal-key_new" }]);
    expect(created.secret).toBe("");
    expect(document.body.innerHTML).not.toContain(SECRET);
    for (const input of Array.from(document.querySelectorAll("input"))) expect(input.value).not.toBe(SECRET);

    // 3. Roll out and verify: polls every 3 s
    expect(stepOf(target)).toBe("verifying");
    expect(byTestId(wizard, "rotation-verification")).not.toBeNull();
    expect(byTestId(wizard, "rotation-new-key-use")?.textContent).toBe("New key not used yet");
    expect(byTestId(wizard, "rotation-old-key-use")?.textContent).toBe("Old key last used 5 min ago");
    expect(byTestId(wizard, "rotation-quiet")?.textContent).toBe("Quiet for 5 min of the 10 min window");
    expect(byTestId(wizard, "rotation-green")).toBeNull();
    expect(polls).toBe(0);

    await advance(2000);
    expect(byTestId(wizard, "rotation-checked-ago")?.textContent).toBe("checked 2 s ago");
    expect(polls).toBe(0);
    await advance(1000);
    expect(polls).toBe(1);
    expect(callsOf(log, "poll_rotation")).toEqual([{ rotationId: r.id }]);
    expect(byTestId(wizard, "rotation-new-key-use")?.textContent).toBe("New key first used 12 s ago from 10.0.0.4 (curl 8.5)");
    expect(byTestId(wizard, "rotation-checked-ago")?.textContent).toBe("checked just now");

    const quiet = byTestId(wizard, "rotation-quiet-window") as HTMLInputElement;
    expect(quiet.value).toBe("10");
    typeInto(quiet, "0");
    expect(byTestId(wizard, "rotation-verification")?.textContent).toContain("Enter between 1 and 10080 minutes");
    expect(actionsOf(log)).toHaveLength(4);
    typeInto(quiet, "5");
    await flush();
    expect(actionsOf(log)[4]).toEqual({ action: "setQuietWindow", seconds: 300 });

    await advance(3000);
    expect(polls).toBe(2);
    expect(byTestId(wizard, "rotation-green")?.textContent).toContain(
      "Verified: the new key is in use and the old key has been quiet for 5 min.",
    );

    // 4. Retire: typed confirmation, no override needed once green
    click(byTestId(wizard, "rotation-retire"));
    await flush();
    expect(stepOf(target)).toBe("retiring");
    expect(byTestId(wizard, "rotation-force")).toBeNull();
    const del = byTestId(wizard, "rotation-revoke") as HTMLButtonElement;
    expect(del.disabled).toBe(true);
    typeInto(byTestId(wizard, "rotation-revoke-input"), "CI deploy");
    expect(del.disabled).toBe(true);
    typeInto(byTestId(wizard, "rotation-revoke-input"), "CI deploys");
    expect(del.disabled).toBe(false);
    click(del);
    await flush();
    expect(actionsOf(log)[6]).toEqual({ action: "revoke", confirmation: "CI deploys", force: false });

    // 5. Done: polling stops, Close closes and refreshes the list
    expect(stepOf(target)).toBe("done");
    expect(byTestId(wizard, "rotation-summary")?.textContent).toBe(
      `The old key \u2068CI deploys\u2069 is revoked and \u2068CI deploys ${localDate(new Date())}\u2069 replaces it.`,
    );
    const pollsAtDone = polls;
    await advance(30_000);
    expect(polls).toBe(pollsAtDone);
    const listed = callsOf(log, "list_keys").length;
    click(byTestId(wizard, "rotation-done"));
    await flush();
    expect(byTestId(target, "rotation-wizard")).toBeNull();
    expect(byTestId(target, "rotation-resume-banner")).toBeNull();
    expect(callsOf(log, "list_keys")).toHaveLength(listed + 1);
    expect(callsOf(log, "rotation_action").some((p) => (p as { action: RotationAction }).action.action === "cancel")).toBe(false);
  });
});

describe("polling", () => {
  const verifying = (overrides: Partial<Rotation> = {}) =>
    rotation({
      oldKey: keyRef("key_old", "CI deploys"),
      newKey: keyRef("key_new", "CI deploys 2026"),
      state: { step: "verifying" },
      verification: verification({ lastObservedAt: new Date().toISOString() }),
      ...overrides,
    });

  async function resumeAt(r: Rotation, handlers: Record<string, Handler | unknown>) {
    const shown = show({ list_keys: keysOf([apiKey("key_old", { name: "CI deploys" })]), open_rotations: opened([rotationView(r)]), ...handlers });
    await flush();
    click(byTestId(shown.target, "rotation-resume"));
    await flush();
    return shown;
  }

  it("backs off when nothing changes, and when polls fail", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-12T12:00:00Z") });
    const r = verifying();
    let fail = false;
    const { target, log } = await resumeAt(r, {
      poll_rotation: () =>
        fail ? Promise.reject({ kind: "rotationNotFound", rotationId: r.id }) : rotationView(r),
    });
    const polled = () => callsOf(log, "poll_rotation").length;
    // 3 s, 3 s, then 6 s, 12 s, 15 s between looks when nothing changes.
    const times: number[] = [];
    for (let t = 0; t < 60; t++) {
      await advance(1000);
      if (polled() > times.length) times.push(t + 1);
    }
    expect(times.slice(0, 6)).toEqual([3, 6, 9, 15, 27, 42]);

    fail = true;
    const before = polled();
    await advance(15_000);
    expect(polled()).toBe(before + 1);
    expect(byTestId(target, "rotation-poll-error")?.textContent).toMatch(/the last check failed: This rotation is no longer open/);
  });

  it("never sends an action while a poll is in flight, nor polls while an action is", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-12T12:00:00Z") });
    const r = verifying();
    const pollAnswer = deferred<RotationView>();
    const actionAnswer = deferred<RotationView>();
    const { target, log } = await resumeAt(r, {
      poll_rotation: () => pollAnswer.promise,
      rotation_action: () => actionAnswer.promise,
    });
    await advance(3000);
    expect(callsOf(log, "poll_rotation")).toHaveLength(1);

    click(byTestId(target, "rotation-retire"));
    await flush();
    expect(callsOf(log, "rotation_action")).toEqual([]);
    expect((byTestId(target, "rotation-retire") as HTMLButtonElement).disabled).toBe(true);

    pollAnswer.resolve(rotationView(r));
    await flush();
    expect(actionsOf(log)).toEqual([{ action: "retire" }]);
    await advance(20_000);
    expect(callsOf(log, "poll_rotation")).toHaveLength(1);

    actionAnswer.resolve(rotationView({ ...r, state: { step: "retiring", action: null } }));
    await flush();
    expect(stepOf(target)).toBe("retiring");
    await advance(3000);
    expect(callsOf(log, "poll_rotation")).toHaveLength(2);
  });

  it("does not poll a checklist vendor", async () => {
    vi.useFakeTimers({ now: new Date("2026-03-12T12:00:00Z") });
    const { target, log } = await resumeAt(verifying({ verification: verification({ signal: "checklist" }) }), {});
    await advance(20_000);
    expect(callsOf(log, "poll_rotation")).toEqual([]);
    expect(byTestId(target, "rotation-checked-ago")).toBeNull();
  });
});

describe("resuming", () => {
  const interrupted = rotation({
    id: "rot_interrupted",
    oldKey: keyRef("key_old", "CI deploys"),
    newKey: keyRef("key_new"),
    state: { step: "verifying" },
    verification: verification({ signal: "checklist", consumers: [{ name: "payroll-worker", checked: true }] }),
  });

  it("offers the shown connection's unfinished rotation at the step it reached, and reopens the wizard there", async () => {
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old", { name: "CI deploys" })]),
      open_rotations: opened([
        rotationView(rotation({ id: "rot_elsewhere", connectionId: "p-live", state: { step: "retiring", action: null } })),
        rotationView(interrupted),
      ]),
    });
    await settle();
    const banner = byTestId(target, "rotation-resume-banner")!;
    expect(banner.textContent).toContain(
      "A key rotation was interrupted at step “Roll out and verify” (replacing “\u2068CI deploys\u2069”).",
    );
    expect(banner.dataset.rotationId).toBe("rot_interrupted");

    click(byTestId(banner, "rotation-resume"));
    await settle();
    expect(byTestId(target, "rotation-resume-banner")).toBeNull();
    expect(stepOf(target)).toBe("verifying");
    const check = byTestId(target, "rotation-consumer-check") as HTMLInputElement;
    expect(check.dataset.name).toBe("payroll-worker");
    expect(check.checked).toBe(true);
    expect(callsOf(log, "start_rotation")).toEqual([]);
  });

  it("offers nothing when the connection has no unfinished rotation, or open_rotations fails", async () => {
    const first = show({
      list_keys: keysOf([apiKey("key_1")]),
      open_rotations: opened([rotationView(rotation({ state: { step: "done" } }))]),
    });
    await settle();
    expect(byTestId(first.target, "rotation-resume-banner")).toBeNull();
    destroy?.();

    const second = show({ list_keys: keysOf([apiKey("key_1")]), open_rotations: () => Promise.reject({ kind: "internal", detail: "x" }) });
    await settle();
    expect(byTestId(second.target, "rotation-resume-banner")).toBeNull();
    expect(byTestId(second.target, "error-message")).toBeNull();
  });

  it("shows each journal it skipped and still offers the rotation it could read", async () => {
    const { target } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened(
        [rotationView(interrupted)],
        [
          { file: "/data/rotations/rot_bad.json", reason: "not valid JSON: EOF", keptAs: "/data/rotations/rot_bad.json.unreadable-1" },
          { file: "/data/rotations/rot_new.json", reason: "written by a newer Keyturn (format 9)", keptAs: null },
        ],
      ),
    });
    await settle();
    expect(byTestId(target, "rotation-resume-banner")).not.toBeNull();
    const notices = allByTestId(target, "notice-banner").map((b) => b.querySelector("p")?.textContent);
    expect(notices).toEqual([
      "A rotation journal could not be used and was skipped: /data/rotations/rot_bad.json (not valid JSON: EOF). It was kept as /data/rotations/rot_bad.json.unreadable-1.",
      "A rotation journal could not be used and was skipped: /data/rotations/rot_new.json (written by a newer Keyturn (format 9)).",
    ]);
    click(byTestId(allByTestId(target, "notice-banner")[0], "notice-dismiss"));
    expect(allByTestId(target, "notice-banner")).toHaveLength(1);
  });

  it("asks before Esc closes a wizard mid-rotation, and offers to resume it afterwards without cancelling", async () => {
    const { target, log } = show({ list_keys: keysOf([apiKey("key_old")]), open_rotations: opened([rotationView(interrupted)]) });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();

    press(byTestId(target, "rotation-wizard")!, "Escape");
    await settle();
    expect(byTestId(target, "rotation-wizard")).not.toBeNull();
    const panel = byTestId(target, "rotation-close-panel")!;
    expect(panel.textContent).toContain("The rotation stays open");
    expect(document.activeElement).toBe(byTestId(panel, "rotation-keep-open"));
    click(byTestId(panel, "rotation-keep-open"));
    expect(byTestId(target, "rotation-close-panel")).toBeNull();

    press(byTestId(target, "rotation-wizard")!, "Escape");
    click(byTestId(target, "rotation-close-confirm"));
    await settle();
    expect(byTestId(target, "rotation-wizard")).toBeNull();
    expect(callsOf(log, "rotation_action")).toEqual([]);
    expect(byTestId(target, "rotation-resume-banner")?.textContent).toContain("“Roll out and verify”");
  });

  it("closes a finished rotation at once", async () => {
    const { target } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened([rotationView(interrupted)]),
      rotation_action: rotationView({ ...interrupted, state: { step: "cancelled" } }),
    });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();
    click(byTestId(target, "rotation-cancel"));
    expect(byTestId(target, "rotation-cancel-panel")).not.toBeNull();
    click(byTestId(target, "rotation-cancel-confirm"));
    await settle();
    expect(stepOf(target)).toBe("cancelled");
    expect(byTestId(target, "rotation-cancel")).toBeNull();
    press(byTestId(target, "rotation-wizard")!, "Escape");
    await settle();
    expect(byTestId(target, "rotation-wizard")).toBeNull();
    expect(byTestId(target, "rotation-resume-banner")).toBeNull();
  });
});

describe("the orphan step", () => {
  const lost = rotation({
    id: "rot_lost",
    oldKey: keyRef("key_old", "CI deploys"),
    state: {
      step: "orphanFound",
      orphans: [keyRef("key_orphan1", "CI deploys 2026-03-12"), keyRef("key_orphan2")],
      reason: "createAnswerLost",
      explanation: "The vendor created a key but its answer never reached Keyturn, so nobody has seen its secret.",
      revoking: null,
    },
  });

  it("lists the keys of a lost create, explains them, and deletes each through the wizard", async () => {
    let r = lost;
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened([rotationView(lost)]),
      rotation_action: (p: InvokeArgs | undefined) => {
        const a = (p as { action: RotationAction }).action;
        if (a.action === "revokeOrphan" && r.state.step === "orphanFound") {
          const orphans = r.state.orphans.filter((o) => o.id !== a.keyId);
          r = { ...r, state: orphans.length > 0 ? { ...r.state, orphans } : { step: "readyToCreate" } };
          return rotationView(r);
        }
        if (a.action === "dismissOrphans") return rotationView({ ...r, state: { step: "readyToCreate" } });
        return refusal({ reason: "busy" });
      },
    });
    await settle();
    expect(byTestId(target, "rotation-resume-banner")?.textContent).toContain("“Keys from a lost create”");
    click(byTestId(target, "rotation-resume"));
    await settle();

    expect(stepOf(target)).toBe("orphanFound");
    const section = byTestId(target, "rotation-orphans")!;
    expect(section.textContent).toContain("nobody has seen its secret");
    expect(allByTestId(section, "rotation-orphan").map((li) => li.dataset.keyId)).toEqual(["key_orphan1", "key_orphan2"]);
    expect(byTestId(section, "rotation-orphan-keep")).toBeNull();

    click(allByTestId(section, "rotation-orphan-revoke").find((b) => b.dataset.keyId === "key_orphan2")!);
    await settle();
    expect(actionsOf(log)).toEqual([{ action: "revokeOrphan", keyId: "key_orphan2" }]);
    expect(allByTestId(target, "rotation-orphan").map((li) => li.dataset.keyId)).toEqual(["key_orphan1"]);

    click(byTestId(target, "rotation-orphan-dismiss"));
    await settle();
    expect(actionsOf(log)[1]).toEqual({ action: "dismissOrphans" });
    expect(stepOf(target)).toBe("readyToCreate");
  });

  it("keeps a key whose secret the user did store (reopened after the app closed before confirming)", async () => {
    const unconfirmed = rotation({
      oldKey: keyRef("key_old"),
      newKey: keyRef("key_new"),
      state: {
        step: "orphanFound",
        orphans: [keyRef("key_new")],
        reason: "secretNotConfirmed",
        explanation: "Keyturn closed before you confirmed storing the new key's secret.",
        revoking: null,
      },
    });
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened([rotationView(unconfirmed)]),
      rotation_action: rotationView({ ...unconfirmed, state: { step: "verifying" }, verification: verification({ signal: "checklist" }) }),
    });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();
    expect(byTestId(target, "rotation-orphan-dismiss")).toBeNull();
    click(byTestId(target, "rotation-orphan-keep"));
    await settle();
    expect(actionsOf(log)).toEqual([{ action: "secretStored" }]);
    expect(stepOf(target)).toBe("verifying");
  });
});

describe("retiring the old key", () => {
  it("at the limit: the in-use override comes first, the key is disabled before it is deleted, and the last-key guard is a sentence", async () => {
    const inUse = apiKey("kk_live", {
      name: "Mobile app",
      lastUsed: { state: "used", at: new Date(Date.now() - 10 * 60_000).toISOString(), ip: null, userAgent: null },
    });
    const rules = { maxKeys: 1, canDisable: true, lastKeyRevocable: false, usage: "requestCount" as const };
    let r = rotation({ rules, retireFirst: true, state: { step: "chooseRetiring", keys: [inUse], inUseKeyIds: ["kk_live"] } });
    const { target, log } = show(
      {
        list_keys: keysOf([inUse], { maxKeys: 1, canDisable: true }),
        start_rotation: () => rotationView(r),
        rotation_action: (p: InvokeArgs | undefined) => {
          const a = (p as { action: RotationAction }).action;
          if (a.action === "choose") {
            r = { ...r, oldKey: keyRef("kk_live", "Mobile app"), state: { step: "retiring", action: null } };
          } else if (a.action === "disable") {
            r = { ...r, oldKeyDisabled: true };
          } else if (a.action === "revoke") {
            return refusal({ reason: "lastActiveKey" });
          }
          return rotationView(r);
        },
      },
      connection({ vendor: "kayle" }),
    );
    await settle();
    click(byTestId(target, "start-rotation"));
    await settle();
    expect(byTestId(target, "rotation-slots")?.textContent).toBe("1 of 1 key — at the limit");
    click(byTestId(target, "rotation-choose-key"));
    expect(byTestId(target, "rotation-override-in-use")).not.toBeNull();
    click(byTestId(target, "rotation-override-in-use"));
    click(byTestId(target, "rotation-choose"));
    await settle();
    expect(actionsOf(log)[0]).toEqual({ action: "choose", keyId: "kk_live", overrideInUse: true });

    expect(stepOf(target)).toBe("retiring");
    expect(byTestId(target, "rotation-wizard")?.querySelector("[aria-current=step]")?.textContent).toContain("Retire");
    expect(byTestId(target, "rotation-revoke")).toBeNull();
    click(byTestId(target, "rotation-disable"));
    await settle();
    expect(actionsOf(log)[1]).toEqual({ action: "disable" });
    expect(byTestId(target, "rotation-disable")).toBeNull();
    expect(byTestId(target, "rotation-force")).toBeNull();

    typeInto(byTestId(target, "rotation-revoke-input"), "kk_live");
    click(byTestId(target, "rotation-revoke"));
    await settle();
    expect(actionsOf(log)[2]).toEqual({ action: "revoke", confirmation: "kk_live", force: false });
    expect(byTestId(target, "error-message")?.textContent).toContain(
      "The vendor does not allow revoking an account's last active key",
    );
    expect(stepOf(target)).toBe("retiring");
  });

  it("before green, revoking needs the early-revoke override, with its warning", async () => {
    const r = rotation({
      oldKey: keyRef("key_old"),
      newKey: keyRef("key_new"),
      state: { step: "retiring", action: null },
      verification: verification({ signal: "checklist" }),
    });
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened([rotationView(r)]),
      rotation_action: rotationView({ ...r, oldKeyRevoked: true, state: { step: "done" } }),
    });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();
    expect(byTestId(target, "rotation-step")?.textContent).toContain("Consumers still on the old key will fail");
    typeInto(byTestId(target, "rotation-revoke-input"), "key_old");
    const del = byTestId(target, "rotation-revoke") as HTMLButtonElement;
    expect(del.disabled).toBe(true);
    click(byTestId(target, "rotation-force"));
    expect(del.disabled).toBe(false);
    click(del);
    await settle();
    expect(actionsOf(log)).toEqual([{ action: "revoke", confirmation: "key_old", force: true }]);
    expect(stepOf(target)).toBe("done");
  });
});

describe("vendor trouble", () => {
  it("shows a failed create's vendor error, a create whose outcome is unknown, and the backend's notice", async () => {
    const ready = rotation({ oldKey: keyRef("key_old", "CI deploys"), state: { step: "readyToCreate" } });
    const answers: RotationView[] = [
      rotationView({
        ...ready,
        state: { step: "creating", preCreateKeyIds: ["key_old"] },
        problem: { reason: "timeout", message: "took too long", code: null, requestId: "req_77" },
      }),
      rotationView(ready, null, "The rotation's progress could not be saved: disk full"),
    ];
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old", { name: "CI deploys" })]),
      open_rotations: opened([rotationView(ready)]),
      rotation_action: () => answers.shift(),
    });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();
    click(byTestId(target, "rotation-create"));
    await settle();

    expect(stepOf(target)).toBe("creating");
    expect(byTestId(target, "error-message")?.textContent).toContain("The vendor did not answer in time");
    expect(byTestId(target, "error-reference")?.textContent).toBe("request id req_77");
    expect(byTestId(target, "rotation-create-unknown")).not.toBeNull();
    expect(byTestId(target, "rotation-create")).toBeNull();
    // Cancelling now would lose the snapshot that finds the key: not offered.
    expect(byTestId(target, "rotation-cancel")).toBeNull();

    click(byTestId(target, "rotation-refresh"));
    await settle();
    expect(actionsOf(log)[1]).toEqual({ action: "refresh" });
    expect(stepOf(target)).toBe("readyToCreate");
    expect(byTestId(target, "error-message")).toBeNull();
    expect(byTestId(target, "rotation-notice")?.textContent).toBe("The rotation's progress could not be saved: disk full");
  });
});

describe("verifying by checklist", () => {
  it("adds consumers, ticks them and records the test, until green", async () => {
    let r = rotation({
      oldKey: keyRef("key_old"),
      newKey: keyRef("key_new"),
      state: { step: "verifying" },
      verification: verification({ signal: "checklist" }),
    });
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_old")]),
      open_rotations: opened([rotationView(r)]),
      rotation_action: (p: InvokeArgs | undefined) => {
        const a = (p as { action: RotationAction }).action;
        const v = r.verification!;
        if (a.action === "consumerChecked") {
          const consumers = v.consumers.some((c) => c.name === a.name)
            ? v.consumers.map((c) => (c.name === a.name ? { ...c, checked: a.checked } : c))
            : [...v.consumers, { name: a.name, checked: a.checked }];
          r = { ...r, verification: { ...v, consumers } };
        } else if (a.action === "testedNewKey") {
          r = { ...r, verification: { ...v, newKeyTested: a.ok } };
        }
        const w = r.verification!;
        const green = w.consumers.length > 0 && w.consumers.every((c) => c.checked) && w.newKeyTested === true;
        r = { ...r, verification: { ...w, green } };
        return rotationView(r);
      },
    });
    await settle();
    click(byTestId(target, "rotation-resume"));
    await settle();
    expect(byTestId(target, "rotation-quiet-window")).toBeNull();

    click(byTestId(target, "rotation-consumer-add"));
    expect(byTestId(target, "rotation-step")?.textContent).toContain("Give the consumer a name");
    typeInto(byTestId(target, "rotation-consumer-name"), " payroll-worker ");
    click(byTestId(target, "rotation-consumer-add"));
    await settle();
    expect((byTestId(target, "rotation-consumer-name") as HTMLInputElement).value).toBe("");
    const check = byTestId(target, "rotation-consumer-check") as HTMLInputElement;
    expect(check.dataset.name).toBe("payroll-worker");
    expect(check.checked).toBe(false);
    click(check);
    click(byTestId(target, "rotation-tested"));
    await settle();
    expect(actionsOf(log)).toEqual([
      { action: "consumerChecked", name: "payroll-worker", checked: false },
      { action: "consumerChecked", name: "payroll-worker", checked: true },
      { action: "testedNewKey", ok: true },
    ]);
    expect(byTestId(target, "rotation-green")?.textContent).toContain("every consumer is on the new key");
    expect(byTestId(target, "rotation-retire")?.classList.contains("btn-primary")).toBe(true);
  });
});

describe("entry points", () => {
  it("the at-limit create dialog's Rotate button opens the wizard", async () => {
    const keys = [apiKey("key_1"), apiKey("key_2")];
    const { target, log } = show({
      list_keys: keysOf(keys, { maxKeys: 2 }),
      start_rotation: rotationView(
        rotation({
          rules: { maxKeys: 2, canDisable: false, lastKeyRevocable: false, usage: "checklist" },
          retireFirst: true,
          state: { step: "chooseRetiring", keys, inUseKeyIds: [] },
        }),
      ),
    });
    await settle();
    click(byTestId(target, "create-key"));
    await settle();
    const rotate = byTestId(target, "rotate-key") as HTMLButtonElement;
    expect(rotate.disabled).toBe(false);
    click(rotate);
    await settle();
    expect(byTestId(target, "create-dialog")).toBeNull();
    expect(byTestId(target, "rotation-wizard")).not.toBeNull();
    expect(callsOf(log, "start_rotation")).toEqual([{ connectionId: "p-sandbox" }]);
    expect(byTestId(target, "rotation-slots")?.textContent).toBe("2 of 2 keys — at the limit");
  });

  it("has no Rotate button, and offers no resume, in a read-only connection", async () => {
    const { target } = show(
      { list_keys: keysOf([apiKey("key_1")]), open_rotations: opened([rotationView(rotation({ state: { step: "verifying" } }))]) },
      connection({ readOnly: true }),
    );
    await settle();
    expect(byTestId(target, "start-rotation")).toBeNull();
    expect(byTestId(target, "rotation-resume-banner")).toBeNull();
  });

  it("shows why a rotation could not start, and tries again", async () => {
    let fail = true;
    const { target, log } = show({
      list_keys: keysOf([apiKey("key_1")]),
      start_rotation: () =>
        fail
          ? Promise.reject({ kind: "readOnly", connectionId: "p-sandbox" })
          : rotationView(rotation({ state: { step: "chooseRetiring", keys: [apiKey("key_1")], inUseKeyIds: [] } })),
    });
    await settle();
    click(byTestId(target, "start-rotation"));
    await settle();
    expect(byTestId(target, "rotation-wizard")?.textContent).toContain("This connection is read-only");
    fail = false;
    click(Array.from(byTestId(target, "rotation-wizard")!.querySelectorAll("button")).find((b) => b.textContent === "Try again")!);
    await settle();
    expect(callsOf(log, "start_rotation")).toHaveLength(2);
    expect(stepOf(target)).toBe("chooseRetiring");
  });
});
