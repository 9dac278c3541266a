// Builders for rotation answers in tests (not a test file itself).
import type {
  KeyRef,
  OpenRotationsView,
  RevealedKey,
  Rotation,
  RotationView,
  UnreadableJournal,
  VerificationStatus,
} from "../lib/bindings";
import { apiKey } from "./helpers";

export function keyRef(id: string, name: string | null = null, createdAt: string | null = null): KeyRef {
  return { id, name, createdAt };
}

export function rotation(overrides: Partial<Rotation> = {}): Rotation {
  const at = new Date().toISOString();
  return {
    id: "rot_0123456789abcdef01234567",
    connectionId: "p-sandbox",
    vendor: "apiKeys",
    rules: { maxKeys: null, canDisable: false, lastKeyRevocable: true, usage: "lastUsedAt" },
    quietWindowSecs: 600,
    startedAt: at,
    updatedAt: at,
    retireFirst: false,
    oldKey: null,
    oldKeyDisabled: false,
    oldKeyRevoked: false,
    newKey: null,
    verification: null,
    problem: null,
    state: { step: "checkingSlots" },
    ...overrides,
  };
}

export function verification(overrides: Partial<VerificationStatus> = {}): VerificationStatus {
  return {
    signal: "lastUsedAt",
    since: new Date().toISOString(),
    lastObservedAt: null,
    newKeyFirstUsed: null,
    oldKeyLastUsed: null,
    oldQuietSince: null,
    oldQuietForSecs: null,
    oldKeyGone: false,
    consumers: [],
    newKeyTested: null,
    green: false,
    ...overrides,
  };
}

export function rotationView(r: Rotation, revealed: RevealedKey | null = null, notice: string | null = null): RotationView {
  return { rotation: r, revealed, notice };
}

/** What `open_rotations` answers. */
export function opened(rotations: RotationView[], unreadable: UnreadableJournal[] = []): OpenRotationsView {
  return { rotations, unreadable };
}

export function revealedKey(id: string, secret: string, name: string | null = null): RevealedKey {
  return { key: apiKey(id, { name }), revealId: `reveal-${id}`, secret };
}
