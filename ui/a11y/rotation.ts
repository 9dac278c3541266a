// The rotation commands for the accessibility check's mocked app: a small
// stand-in for the Rust machine, enough to walk the wizard through every screen
// with realistic answers. Never part of the production build.
import type {
  ApiKey,
  Capabilities,
  CommandError,
  KeyDraft,
  KeyRef,
  ConnectionSummary,
  RevealedKey,
  Rotation,
  RotationAction,
  RotationError,
  RotationView,
  VerificationStatus,
} from "../src/lib/bindings";

export interface RotationMockDeps {
  keys: Record<string, ApiKey[]>;
  capabilities: (p: ConnectionSummary) => Capabilities;
  /** The connection, refusing read-only ones as the backend does. */
  writable: (connectionId: string) => ConnectionSummary;
  createKey: (p: ConnectionSummary, draft: Partial<KeyDraft>) => RevealedKey;
  /** Keys stay listed as revoked after a delete (else they disappear). */
  revokeKey: (p: ConnectionSummary, keyId: string) => void;
  setStatus: (p: ConnectionSummary, keyId: string, status: ApiKey["status"]) => void;
}

const HOUR = 3_600_000;
/** What the simulated consumer looks like when it first uses the new key. */
const CONSUMER = { ip: "10.0.0.4", userAgent: "curl/8.5.0" };

function refuse(refusal: RotationError): never {
  throw { kind: "rotation", refusal } satisfies CommandError;
}

function ref(k: ApiKey): KeyRef {
  return { id: k.id, name: k.name, createdAt: k.createdAt };
}

const iso = (ms: number) => new Date(ms).toISOString();

export function rotationMock(deps: RotationMockDeps) {
  const live = new Map<string, Rotation>();
  let nextId = 1;

  function get(rotationId: string): Rotation {
    const r = live.get(rotationId);
    if (!r) throw { kind: "rotationNotFound", rotationId } satisfies CommandError;
    return r;
  }

  function listed(r: Rotation): ApiKey[] {
    return (deps.keys[r.connectionId] ?? []).filter((k) => k.status !== "revoked");
  }

  function regrade(r: Rotation): void {
    const v = r.verification;
    if (!v) return;
    v.oldQuietForSecs =
      v.lastObservedAt && v.oldQuietSince ? Math.max(0, Math.floor((Date.parse(v.lastObservedAt) - Date.parse(v.oldQuietSince)) / 1000)) : null;
    const quiet = v.oldKeyGone || (v.oldQuietForSecs ?? 0) >= r.quietWindowSecs;
    v.green =
      v.signal === "checklist"
        ? v.consumers.length > 0 && v.consumers.every((c) => c.checked) && v.newKeyTested === true
        : v.newKeyFirstUsed !== null && quiet;
  }

  /** One look at the keys: the simulated consumer has moved to the new key. */
  function observe(r: Rotation): void {
    const v = r.verification;
    if (!v) return;
    const now = Date.now();
    v.lastObservedAt = iso(now);
    const old = r.oldKeyRevoked ? undefined : listed(r).find((k) => k.id === r.oldKey?.id);
    if (!old) v.oldKeyGone = true;
    if (v.signal === "lastUsedAt") {
      v.newKeyFirstUsed ??= { at: iso(now - 12_000), ...CONSUMER };
      if (old && v.oldKeyLastUsed === null) {
        // The consumer's last call with the old key, just before it moved.
        v.oldKeyLastUsed = iso(Date.parse(v.since) - 3 * 60_000);
        v.oldQuietSince = v.oldKeyLastUsed;
      }
    } else if (v.signal === "requestCount") {
      v.newKeyFirstUsed ??= { at: iso(now), ip: null, userAgent: null };
      if (old) v.oldQuietSince ??= v.since;
    }
    regrade(r);
  }

  function view(r: Rotation, revealed: RevealedKey | null = null): RotationView {
    r.updatedAt = iso(Date.now());
    if (r.state.step === "done" || r.state.step === "cancelled") live.delete(r.id);
    // A copy, as if it came over IPC.
    return { rotation: structuredClone(r), revealed, notice: null };
  }

  function start(connectionId: string): RotationView {
    const p = deps.writable(connectionId);
    const caps = deps.capabilities(p);
    const now = Date.now();
    const r: Rotation = {
      id: `rot_${String(nextId++).padStart(24, "0")}`,
      connectionId,
      vendor: p.vendor,
      rules: {
        maxKeys: caps.maxKeys,
        canDisable: caps.canDisable,
        lastKeyRevocable: caps.lastKeyRevocable,
        usage: caps.lastUsed.at ? "lastUsedAt" : caps.lastUsed.requestCount ? "requestCount" : "checklist",
      },
      quietWindowSecs: 600,
      startedAt: iso(now),
      updatedAt: iso(now),
      retireFirst: false,
      oldKey: null,
      oldKeyDisabled: false,
      oldKeyRevoked: false,
      newKey: null,
      verification: null,
      problem: null,
      state: { step: "checkingSlots" },
    };
    const keys = listed(r);
    r.retireFirst = caps.maxKeys !== null && keys.length >= caps.maxKeys;
    const inUse = keys.filter((k) => k.lastUsed.state === "used" && Date.parse(k.lastUsed.at) >= now - HOUR);
    r.state = { step: "chooseRetiring", keys, inUseKeyIds: inUse.map((k) => k.id) };
    live.set(r.id, r);
    return view(r);
  }

  function startVerifying(r: Rotation): void {
    const gone = r.oldKeyRevoked || r.oldKey === null;
    const v: VerificationStatus = {
      signal: r.rules.usage,
      since: iso(Date.now()),
      lastObservedAt: null,
      newKeyFirstUsed: null,
      oldKeyLastUsed: null,
      oldQuietSince: null,
      oldQuietForSecs: null,
      oldKeyGone: gone,
      consumers: [],
      newKeyTested: null,
      green: false,
    };
    r.verification = v;
    r.state = { step: "verifying" };
    observe(r);
  }

  function act(rotationId: string, action: RotationAction): RotationView {
    const r = get(rotationId);
    const p = deps.writable(r.connectionId);
    const step = r.state;
    const notNow = () => refuse({ reason: "notNow", step: step.step, event: action.action });
    const oldRemaining = r.oldKeyRevoked ? null : r.oldKey;
    r.problem = null;
    switch (action.action) {
      case "cancel":
        if (step.step === "creating") notNow();
        r.state = { step: "cancelled" };
        return view(r);
      case "refresh":
        return view(r);
      case "setQuietWindow":
        if (action.seconds < 60 || action.seconds > 604_800) refuse({ reason: "quietWindowOutOfRange", minSecs: 60, maxSecs: 604_800 });
        r.quietWindowSecs = action.seconds;
        regrade(r);
        return view(r);
      case "choose": {
        if (step.step !== "chooseRetiring") return notNow();
        const key = step.keys.find((k) => k.id === action.keyId) ?? refuse({ reason: "unknownKey", keyId: action.keyId });
        if (r.retireFirst && !action.overrideInUse && step.inUseKeyIds.includes(key.id) && key.lastUsed.state === "used") {
          refuse({ reason: "keyInUse", keyId: key.id, lastUsedAt: key.lastUsed.at });
        }
        r.oldKey = ref(key);
        r.state = r.retireFirst ? { step: "retiring", action: null } : { step: "readyToCreate" };
        return view(r);
      }
      case "create": {
        if (step.step !== "readyToCreate") return notNow();
        const revealed = deps.createKey(p, action.draft);
        r.newKey = ref(revealed.key);
        r.state = { step: "created" };
        return view(r, revealed);
      }
      case "secretStored":
        if (step.step !== "created" && !(step.step === "orphanFound" && step.reason === "secretNotConfirmed")) return notNow();
        startVerifying(r);
        return view(r);
      case "consumerChecked":
      case "consumerRemoved":
      case "testedNewKey": {
        const v = r.verification;
        if (!v || (step.step !== "verifying" && step.step !== "retiring")) return notNow();
        if (action.action === "testedNewKey") {
          v.newKeyTested = action.ok;
        } else if (action.action === "consumerRemoved") {
          v.consumers = v.consumers.filter((c) => c.name !== action.name.trim());
        } else {
          const name = action.name.trim();
          if (name === "") refuse({ reason: "emptyConsumerName" });
          const c = v.consumers.find((x) => x.name === name);
          if (c) c.checked = action.checked;
          else v.consumers.push({ name, checked: action.checked });
        }
        regrade(r);
        return view(r);
      }
      case "retire":
        if (step.step !== "verifying") return notNow();
        if (!oldRemaining) refuse({ reason: "noOldKey" });
        r.state = { step: "retiring", action: null };
        return view(r);
      case "finish":
        if (step.step !== "verifying") return notNow();
        if (oldRemaining) refuse({ reason: "oldKeyRemains" });
        r.state = { step: "done" };
        return view(r);
      case "disable":
        if (step.step !== "retiring") return notNow();
        if (!r.rules.canDisable) refuse({ reason: "cannotDisable" });
        if (r.oldKeyDisabled) refuse({ reason: "alreadyDisabled" });
        if (!oldRemaining) return refuse({ reason: "noOldKey" });
        deps.setStatus(p, oldRemaining.id, "disabled");
        r.oldKeyDisabled = true;
        return view(r);
      case "revoke": {
        if (step.step !== "retiring") return notNow();
        if (!oldRemaining) return refuse({ reason: "noOldKey" });
        const typed = action.confirmation.trim();
        if (typed === "" || (typed !== oldRemaining.id && oldRemaining.name?.trim() !== typed)) refuse({ reason: "confirmationMismatch" });
        if (r.rules.canDisable && !r.oldKeyDisabled) refuse({ reason: "disableFirst" });
        const verified = r.newKey === null || r.verification?.green === true;
        if (!verified && !action.force) refuse({ reason: "notVerified" });
        const othersActive = listed(r).some((k) => k.id !== oldRemaining.id && k.status === "active");
        if (!r.rules.lastKeyRevocable && !othersActive) refuse({ reason: "lastActiveKey" });
        deps.revokeKey(p, oldRemaining.id);
        r.oldKeyRevoked = true;
        if (r.verification) {
          r.verification.oldKeyGone = true;
          regrade(r);
        }
        r.state = r.newKey ? { step: "done" } : { step: "readyToCreate" };
        return view(r);
      }
      case "revokeOrphan": {
        if (step.step !== "orphanFound") return notNow();
        if (!step.orphans.some((o) => o.id === action.keyId)) refuse({ reason: "unknownKey", keyId: action.keyId });
        deps.revokeKey(p, action.keyId);
        step.orphans = step.orphans.filter((o) => o.id !== action.keyId);
        if (r.newKey?.id === action.keyId) r.newKey = null;
        if (step.orphans.length === 0) r.state = { step: "readyToCreate" };
        return view(r);
      }
      case "dismissOrphans":
        if (step.step !== "orphanFound" || step.reason !== "createAnswerLost") return notNow();
        r.state = { step: "readyToCreate" };
        return view(r);
    }
  }

  function poll(rotationId: string): RotationView {
    const r = get(rotationId);
    observe(r);
    return view(r);
  }

  /**
   * A rotation of `connectionId` whose create's answer was lost before Keyturn
   * closed: reopened at the orphan step with the key that appeared meanwhile.
   */
  function interruptedCreate(connectionId: string, oldKeyId: string): void {
    const p = deps.writable(connectionId);
    const old = (deps.keys[connectionId] ?? []).find((k) => k.id === oldKeyId);
    if (!old) return;
    const started = Date.now() - 20 * 60_000;
    const orphan = deps.createKey(p, { name: `${old.name ?? "Rotated key"} (lost create)` }).key;
    const r: Rotation = {
      id: `rot_${String(nextId++).padStart(24, "0")}`,
      connectionId,
      vendor: p.vendor,
      rules: { maxKeys: null, canDisable: false, lastKeyRevocable: true, usage: "lastUsedAt" },
      quietWindowSecs: 600,
      startedAt: iso(started),
      updatedAt: iso(started + 60_000),
      retireFirst: false,
      oldKey: ref(old),
      oldKeyDisabled: false,
      oldKeyRevoked: false,
      newKey: null,
      verification: null,
      problem: null,
      state: {
        step: "orphanFound",
        orphans: [ref(orphan)],
        reason: "createAnswerLost",
        explanation:
          "The vendor created a key but its answer never reached Keyturn, so nobody has seen its secret and nothing can use it. Revoke it, then create the new key again.",
        revoking: null,
      },
    };
    live.set(r.id, r);
  }

  return {
    interruptedCreate,
    handlers: {
      start_rotation: (args: Record<string, unknown>) => start(args.connectionId as string),
      rotation_action: (args: Record<string, unknown>) => act(args.rotationId as string, args.action as RotationAction),
      poll_rotation: (args: Record<string, unknown>) => poll(args.rotationId as string),
      open_rotations: () => ({
        rotations: [...live.values()].map((r) => ({ rotation: structuredClone(r), revealed: null, notice: null })),
        unreadable: [],
      }),
    },
  };
}
