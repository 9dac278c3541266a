// Realistic answers for every command the UI calls: the four built-in sandbox
// connections (one per vendor, with each vendor's real capabilities) and a
// read-only live connection, with keys covering every status, badge and
// "last used" variant. Only the accessibility check's build uses this.
import type {
  ApiKey,
  Capabilities,
  FieldSpec,
  ConnectionSummary,
} from "../src/lib/bindings";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const SANDBOX_URL = "http://127.0.0.1:43117";

export function connections(withProblem: boolean): ConnectionSummary[] {
  const sandbox = (
    id: string,
    name: string,
    vendor: ConnectionSummary["vendor"],
    accountLabel: string | null,
    account: ConnectionSummary["account"],
  ) => ({
    id,
    name,
    vendor,
    environment: "sandbox" as const,
    readOnly: false,
    baseUrl: SANDBOX_URL,
    accountLabel,
    account,
    builtin: true,
    problem: null,
    signedOut: false,
  });
  return [
    sandbox("sandbox-veryfi", "Sandbox — Veryfi partner", "veryfi", "sandbox · sandbox", {
      username: "sandbox",
      clientId: "sandbox",
    }),
    sandbox("sandbox-verifa", "Sandbox — Verifa", "verifa", "org_sandbox", { organizationId: "org_sandbox" }),
    sandbox("sandbox-api-keys", "Sandbox — API keys (/v1/api-keys)", "apiKeys", null, {}),
    sandbox("sandbox-kayle", "Sandbox — Kayle ID", "kayle", null, {}),
    {
      id: "acme-live",
      name: "Acme Production",
      vendor: "verifa",
      environment: "live",
      readOnly: true,
      baseUrl: "https://api.withverifa.com",
      accountLabel: "org_2x8KfQm4acme",
      account: { organizationId: "org_2x8KfQm4acme" },
      builtin: false,
      problem: withProblem ? "The keychain has no credential for this connection: edit it and enter the admin token again" : null,
      signedOut: false,
    },
  ];
}

const none = { at: false, ip: false, userAgent: false, requestCount: false };
const field = (f: FieldSpec["field"], required: boolean): FieldSpec => ({ field: f, required });

const VERIFA_DEFAULT_SCOPES = [
  "sessions:read",
  "sessions:create",
  "sessions:write",
  "verifications:read",
  "identities:read",
];
const VERIFA_MANAGEMENT_SCOPES = [
  "webhooks:read",
  "webhooks:write",
  "keys:read",
  "keys:write",
  "org:read",
  "org:write",
  "screening:read",
  "screening:write",
  "workflows:read",
  "workflows:write",
  "cases:read",
  "cases:write",
  "lists:read",
  "lists:write",
  "documents:write",
  "audit:read",
  "analytics:read",
];

/** Each vendor's capabilities, as the Rust adapters declare them. */
export const CAPABILITIES: Record<ConnectionSummary["vendor"], Capabilities> = {
  veryfi: {
    nameLabel: "Name",
    maxKeys: 2,
    maxNameLength: null,
    canReset: true,
    canDisable: false,
    canRename: false,
    lastKeyRevocable: false,
    revokedKeysListed: false,
    lastUsed: none,
    scopeChoice: "none",
    scopes: [],
    defaultScopes: [],
    environments: [],
    createFields: [],
  },
  verifa: {
    nameLabel: "Label",
    maxKeys: null,
    maxNameLength: 200,
    canReset: false,
    canDisable: false,
    canRename: false,
    lastKeyRevocable: true,
    revokedKeysListed: true,
    lastUsed: { ...none, at: true },
    scopeChoice: "any",
    scopes: [...VERIFA_DEFAULT_SCOPES, ...VERIFA_MANAGEMENT_SCOPES],
    defaultScopes: VERIFA_DEFAULT_SCOPES,
    environments: ["live", "sandbox"],
    createFields: [
      field("name", true),
      field("environment", true),
      field("scopes", false),
      field("expiresAt", false),
    ],
  },
  apiKeys: {
    nameLabel: "Name",
    maxKeys: null,
    maxNameLength: 100,
    canReset: false,
    canDisable: false,
    canRename: false,
    lastKeyRevocable: true,
    revokedKeysListed: true,
    lastUsed: { at: true, ip: true, userAgent: true, requestCount: false },
    scopeChoice: "one",
    scopes: ["read", "read-write"],
    defaultScopes: ["read"],
    environments: [],
    createFields: [
      field("name", true),
      field("description", false),
      field("scopes", false),
      field("expiresAt", false),
    ],
  },
  kayle: {
    nameLabel: "Name",
    maxKeys: null,
    maxNameLength: 120,
    canReset: false,
    canDisable: true,
    canRename: true,
    lastKeyRevocable: true,
    revokedKeysListed: false,
    lastUsed: { ...none, requestCount: true },
    scopeChoice: "atLeastOne",
    scopes: ["webhooks:read", "webhooks:write", "sessions:read", "sessions:write", "analytics:read"],
    defaultScopes: [],
    environments: [],
    createFields: [field("name", true), field("scopes", true), field("metadata", false)],
  },
};

function key(id: string, overrides: Partial<ApiKey>, now: number): ApiKey {
  return {
    id,
    name: null,
    description: null,
    maskedPrefix: null,
    scopes: [],
    environment: null,
    status: "active",
    createdAt: new Date(now - 40 * DAY).toISOString(),
    expiresAt: null,
    revokedAt: null,
    lastUsed: { state: "notReported" },
    requestCount: null,
    metadata: {},
    ...overrides,
  };
}

const FIREFOX_UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** The keys each connection starts with; times are relative to `now`. */
export function initialKeys(now: number): Record<string, ApiKey[]> {
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const ahead = (ms: number) => new Date(now + ms).toISOString();
  return {
    // Two keys: at Veryfi's limit. One has no prefix reported.
    "sandbox-veryfi": [
      key("vk_7f3a9c21e4", { maskedPrefix: "vrf_7f3a", createdAt: ago(200 * DAY) }, now),
      key("vk_b21e0d4490", { createdAt: ago(3 * HOUR) }, now),
    ],
    // Every status Verifa lists, expiring soon, stale, never used, used.
    "sandbox-verifa": [
      key(
        "key_01J9Z8K3QW",
        {
          name: "Checkout backend",
          maskedPrefix: "vk_live_4f9a",
          environment: "live",
          scopes: VERIFA_DEFAULT_SCOPES,
          createdAt: ago(120 * DAY),
          expiresAt: ahead(5 * DAY),
          lastUsed: { state: "used", at: ago(2 * HOUR), ip: null, userAgent: null },
        },
        now,
      ),
      key(
        "key_01J9Z8M7RT",
        {
          name: "Nightly reconciliation",
          maskedPrefix: "vk_test_91bc",
          environment: "sandbox",
          scopes: ["sessions:read", "audit:read"],
          createdAt: ago(300 * DAY),
          lastUsed: { state: "used", at: ago(150 * DAY), ip: null, userAgent: null },
        },
        now,
      ),
      key(
        "key_01J9Z8P2XA",
        {
          name: "Onboarding preview",
          maskedPrefix: "vk_test_0d3e",
          environment: "sandbox",
          createdAt: ago(60 * DAY),
          lastUsed: { state: "never" },
        },
        now,
      ),
      key(
        "key_01J9Z8Q5VB",
        {
          name: "Old webhook relay",
          maskedPrefix: "vk_live_77aa",
          environment: "live",
          scopes: ["webhooks:read", "webhooks:write"],
          status: "revoked",
          createdAt: ago(400 * DAY),
          revokedAt: ago(20 * DAY),
          lastUsed: { state: "used", at: ago(25 * DAY), ip: null, userAgent: null },
        },
        now,
      ),
      key(
        "key_01J9Z8R8YC",
        {
          name: "Q1 audit export",
          maskedPrefix: "vk_live_5e21",
          environment: "live",
          scopes: ["audit:read"],
          status: "expired",
          createdAt: ago(100 * DAY),
          expiresAt: ago(10 * DAY),
          lastUsed: { state: "used", at: ago(11 * DAY), ip: null, userAgent: null },
        },
        now,
      ),
      // Active as far as the vendor knows, but past its expiry: shown expired.
      key(
        "key_01J9Z8S1ZD",
        {
          name: "Partner demo",
          maskedPrefix: "vk_test_c4f0",
          environment: "sandbox",
          createdAt: ago(45 * DAY),
          expiresAt: ago(2 * DAY),
          lastUsed: { state: "never" },
        },
        now,
      ),
    ],
    // IP and User-Agent reported; one key unnamed, one with a description.
    "sandbox-api-keys": [
      key(
        "ak_9d2c41f0b7",
        {
          name: "CI deploys",
          description: "Used by the release pipeline to publish builds",
          maskedPrefix: "sk_9d2c",
          scopes: ["read-write"],
          createdAt: ago(30 * DAY),
          expiresAt: ahead(200 * DAY),
          lastUsed: { state: "used", at: ago(15 * MINUTE), ip: "203.0.113.24", userAgent: "curl/8.5.0" },
        },
        now,
      ),
      key(
        "ak_51e0aa3c62",
        {
          maskedPrefix: "sk_51e0",
          scopes: ["read"],
          createdAt: ago(200 * DAY),
          lastUsed: { state: "used", at: ago(100 * DAY), ip: "198.51.100.7", userAgent: FIREFOX_UA },
        },
        now,
      ),
      key(
        "ak_c08b7719de",
        {
          name: "Dashboard (read only)",
          maskedPrefix: "sk_c08b",
          scopes: ["read"],
          status: "revoked",
          createdAt: ago(90 * DAY),
          revokedAt: ago(3 * DAY),
          lastUsed: { state: "used", at: ago(4 * DAY), ip: "2001:db8::42", userAgent: null },
        },
        now,
      ),
      key(
        "ak_e4f2c9a013",
        {
          name: "Load test",
          maskedPrefix: "sk_e4f2",
          scopes: ["read"],
          createdAt: ago(2 * DAY),
          expiresAt: ahead(10 * DAY),
          lastUsed: { state: "never" },
        },
        now,
      ),
    ],
    // Disabled keys, request counts, permissions and metadata.
    "sandbox-kayle": [
      key(
        "kk_3b8e6f10",
        {
          name: "Mobile app",
          maskedPrefix: "kayle_3b8e",
          scopes: ["sessions:read", "sessions:write"],
          createdAt: ago(70 * DAY),
          requestCount: 182_344,
          metadata: { team: "mobile", rotated: false, tier: 2 },
        },
        now,
      ),
      key(
        "kk_a91d2c57",
        {
          name: "Webhook consumer",
          maskedPrefix: "kayle_a91d",
          scopes: ["webhooks:read"],
          status: "disabled",
          createdAt: ago(150 * DAY),
          requestCount: 0,
        },
        now,
      ),
      key(
        "kk_f0c4e822",
        {
          name: "Analytics",
          maskedPrefix: "kayle_f0c4",
          scopes: ["analytics:read"],
          createdAt: ago(9 * DAY),
          requestCount: 1_204,
        },
        now,
      ),
    ],
    // The live account: looked at, never changed.
    "acme-live": [
      key(
        "key_01HX4T0ACM",
        {
          name: "Production web",
          maskedPrefix: "vk_live_ac01",
          environment: "live",
          scopes: VERIFA_DEFAULT_SCOPES,
          createdAt: ago(500 * DAY),
          lastUsed: { state: "used", at: ago(40 * MINUTE), ip: null, userAgent: null },
        },
        now,
      ),
      key(
        "key_01HX4T1ACM",
        {
          name: "Support tooling",
          maskedPrefix: "vk_live_ac02",
          environment: "live",
          scopes: ["identities:read", "verifications:read"],
          createdAt: ago(220 * DAY),
          expiresAt: ahead(12 * DAY),
          lastUsed: { state: "used", at: ago(3 * DAY), ip: null, userAgent: null },
        },
        now,
      ),
    ],
  };
}

/** A made-up secret of the shape vendors use (never a real one). */
export function fakeSecret(prefix: string): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  let s = "";
  for (let i = 0; i < 40; i++) s += alphabet[(i * 17 + prefix.length * 7) % alphabet.length];
  return `${prefix}${s}`;
}
