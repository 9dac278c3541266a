// The accessibility check: every screen of the real UI, with its IPC mocked
// (a11y/main.ts, built into dist-a11y/ by vite.config.a11y.ts), run through
// axe-core in headless Chromium, in the light and the dark colour scheme.
// Fails on any violation of impact serious or critical; saves a PNG of each
// screen to dist-a11y/screens/.
//
//   npm run a11y                    build, then check
//   CHROMIUM=/path/to/chrome npm run a11y
//   A11Y_ONLY=create npm run a11y   only the screens whose name contains "create"
//   A11Y_VERBOSE=1 npm run a11y     also list what axe could not decide ("needs review")
import { createServer } from "node:http";
import { mkdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// playwright-core never downloads a browser; this keeps any other part quiet too.
process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
const { chromium } = await import("playwright-core");

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const distDir = path.resolve(here, "../dist-a11y");
const screensDir = path.join(distDir, "screens");
const axeSource = await readFile(require.resolve("axe-core/axe.min.js"), "utf8");

const SCHEMES = ["light", "dark"];
const FAILING_IMPACTS = new Set(["serious", "critical"]);
const STEP_TIMEOUT_MS = 10_000;

// ---------------------------------------------------------------------------
// A static server for dist-a11y on a loopback port.

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

async function serve(root) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      let file = path.resolve(root, "." + decodeURIComponent(url.pathname));
      if (!file.startsWith(root)) throw new Error("outside the root");
      if ((await stat(file)).isDirectory()) file = path.join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

// ---------------------------------------------------------------------------
// Driving the UI through its data-testids.

const byId = (page, id) => page.getByTestId(id);

async function visible(page, id) {
  await byId(page, id).first().waitFor({ state: "visible", timeout: STEP_TIMEOUT_MS });
}

async function click(page, id) {
  await byId(page, id).first().click({ timeout: STEP_TIMEOUT_MS });
}

async function openConnection(page, connectionId) {
  await page.locator(`[data-testid="connection-button"][data-connection-id="${connectionId}"]`).click({ timeout: STEP_TIMEOUT_MS });
  await page
    .locator(`[data-testid="connection-button"][data-connection-id="${connectionId}"][aria-current="true"]`)
    .waitFor({ timeout: STEP_TIMEOUT_MS });
  await keysLoaded(page);
}

async function keysLoaded(page) {
  await visible(page, "key-summary");
  await byId(page, "loading-indicator").waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
}

async function selectKey(page, keyId) {
  await page.locator(`[data-testid="key-row"][data-key-id="${keyId}"]`).click({ timeout: STEP_TIMEOUT_MS });
  await visible(page, "key-detail");
}

async function openCreate(page, connectionId) {
  await openConnection(page, connectionId);
  await click(page, "create-key");
  await visible(page, "create-dialog");
}

async function fill(page, id, text) {
  await byId(page, id).first().fill(text, { timeout: STEP_TIMEOUT_MS });
}

/** A new key created through the dialog, leaving the reveal dialog open. */
async function createAndReveal(page) {
  await openCreate(page, "sandbox-api-keys");
  await fill(page, "create-name", "Staging worker");
  await click(page, "create-submit");
  await visible(page, "reveal-dialog");
}

async function openConnectionMenu(page, connectionId) {
  await page
    .locator(`[data-testid="connection-button"][data-connection-id="${connectionId}"]`)
    .locator("xpath=..")
    .getByTestId("connection-menu-button")
    .click({ timeout: STEP_TIMEOUT_MS });
  await page.getByRole("menu").waitFor({ timeout: STEP_TIMEOUT_MS });
}

// The rotation wizard.

async function waitStep(page, step) {
  await page.locator(`[data-testid="rotation-step"][data-step="${step}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Opens the wizard on a connection (the one shown when null) and waits for the key choice. */
async function startRotation(page, connectionId) {
  if (connectionId) await openConnection(page, connectionId);
  await click(page, "start-rotation");
  await visible(page, "rotation-wizard");
  await waitStep(page, "chooseRetiring");
}

async function chooseKey(page, keyId) {
  await page.locator(`[data-testid="rotation-choose-key"][data-key-id="${keyId}"]`).check({ timeout: STEP_TIMEOUT_MS });
}

/** API keys sandbox: replace "CI deploys" up to the one-time reveal of the new key. */
async function rotateToReveal(page) {
  await startRotation(page, "sandbox-api-keys");
  await chooseKey(page, "ak_9d2c41f0b7");
  await click(page, "rotation-choose");
  await waitStep(page, "readyToCreate");
  await click(page, "rotation-create");
  await waitStep(page, "created");
}

async function rotateToVerify(page) {
  await rotateToReveal(page);
  await click(page, "rotation-secret-stored");
  await waitStep(page, "verifying");
  await visible(page, "rotation-checked-ago");
}

/** Veryfi sandbox (at its limit): the chosen key goes first. */
async function retireFirst(page) {
  await startRotation(page, null);
  await chooseKey(page, "vk_b21e0d4490");
  await click(page, "rotation-choose");
  await waitStep(page, "retiring");
}

const failNext = (page, command, error) =>
  page.evaluate(([c, e]) => window.keyturnA11y.failNext(c, e), [command, error]);

/** Each screen: a name, the page's query string, and how to get there once the app shows its keys. */
const SCREENS = [
  { name: "keys-veryfi", run: async () => {} },
  { name: "keys-verifa", run: (p) => openConnection(p, "sandbox-verifa") },
  { name: "keys-api-keys", run: (p) => openConnection(p, "sandbox-api-keys") },
  { name: "keys-kayle", run: (p) => openConnection(p, "sandbox-kayle") },
  { name: "keys-live-read-only", run: (p) => openConnection(p, "acme-live") },
  {
    name: "keys-search-no-match",
    run: async (p) => {
      await openConnection(p, "sandbox-verifa");
      await fill(p, "key-search", "no such key");
      await visible(p, "no-matches");
    },
  },
  {
    name: "key-detail-verifa",
    run: async (p) => {
      await openConnection(p, "sandbox-verifa");
      await selectKey(p, "key_01J9Z8K3QW");
    },
  },
  {
    name: "key-detail-api-keys",
    run: async (p) => {
      await openConnection(p, "sandbox-api-keys");
      await selectKey(p, "ak_51e0aa3c62");
    },
  },
  {
    name: "key-detail-kayle",
    run: async (p) => {
      await openConnection(p, "sandbox-kayle");
      await selectKey(p, "kk_3b8e6f10");
    },
  },
  {
    name: "key-detail-read-only",
    run: async (p) => {
      await openConnection(p, "acme-live");
      await selectKey(p, "key_01HX4T1ACM");
    },
  },
  {
    name: "export-menu",
    run: async (p) => {
      await click(p, "export-keys");
      await visible(p, "export-csv");
    },
  },
  { name: "create-dialog-verifa", run: (p) => openCreate(p, "sandbox-verifa") },
  { name: "create-dialog-api-keys", run: (p) => openCreate(p, "sandbox-api-keys") },
  {
    name: "create-dialog-kayle-invalid",
    run: async (p) => {
      await openCreate(p, "sandbox-kayle");
      await click(p, "create-metadata-add");
      await click(p, "create-submit");
      await visible(p, "create-error-name");
    },
  },
  {
    name: "create-dialog-vendor-error",
    run: async (p) => {
      await openCreate(p, "sandbox-verifa");
      await fill(p, "create-name", "Reporting");
      await failNext(p, "create_key", {
        kind: "vendor",
        reason: "invalidRequest",
        status: 422,
        code: "invalid_scopes",
        message: "scope keys:write requires the owner role",
        requestId: "req_8f2c1d",
        retryAfterSeconds: null,
        orphanCandidates: [],
        orphanCheckFailed: false,
      });
      await click(p, "create-submit");
      await visible(p, "error-message");
    },
  },
  {
    name: "create-at-limit",
    run: async (p) => {
      await click(p, "create-key");
      await visible(p, "create-limit");
    },
  },
  { name: "reveal-dialog", run: createAndReveal },
  {
    name: "reveal-dialog-copied",
    run: async (p) => {
      await createAndReveal(p);
      await click(p, "copy-secret");
      await visible(p, "clipboard-countdown");
      await visible(p, "toast");
    },
  },
  {
    name: "reveal-dialog-close-unsaved",
    run: async (p) => {
      await createAndReveal(p);
      await click(p, "reveal-dialog-close");
      await visible(p, "reveal-confirm-panel");
    },
  },
  {
    name: "revoke-confirmation",
    run: async (p) => {
      await openConnection(p, "sandbox-verifa");
      await selectKey(p, "key_01J9Z8M7RT");
      await click(p, "revoke-key");
      await visible(p, "revoke-dialog");
      await fill(p, "revoke-confirm-input", "Nightly");
    },
  },
  {
    name: "revoke-blocked-last-key",
    run: async (p) => {
      await selectKey(p, "vk_b21e0d4490");
      await click(p, "revoke-key");
      await fill(p, "revoke-confirm-input", "vk_b21e0d4490");
      await click(p, "revoke-confirm");
      await byId(p, "revoke-dialog").waitFor({ state: "detached", timeout: STEP_TIMEOUT_MS });
      await visible(p, "toast");
      await selectKey(p, "vk_7f3a9c21e4");
      await visible(p, "revoke-blocked-reason");
    },
  },
  {
    name: "reset-confirmation",
    run: async (p) => {
      await click(p, "reset-keys");
      await visible(p, "reset-dialog");
    },
  },
  {
    name: "rotation-choose-at-limit-in-use-refused",
    run: async (p) => {
      await startRotation(p, null);
      await chooseKey(p, "vk_b21e0d4490");
      await failNext(p, "rotation_action", {
        kind: "rotation",
        refusal: { reason: "keyInUse", keyId: "vk_b21e0d4490", lastUsedAt: new Date(Date.now() - 12 * 60_000).toISOString() },
      });
      await click(p, "rotation-choose");
      await visible(p, "rotation-override-in-use");
      await visible(p, "error-message");
    },
  },
  {
    name: "rotation-cancel-confirmation",
    run: async (p) => {
      await startRotation(p, "sandbox-verifa");
      await chooseKey(p, "key_01J9Z8K3QW");
      await click(p, "rotation-cancel");
      await visible(p, "rotation-cancel-panel");
    },
  },
  {
    name: "rotation-create-api-keys",
    run: async (p) => {
      await startRotation(p, "sandbox-api-keys");
      await chooseKey(p, "ak_9d2c41f0b7");
      await click(p, "rotation-choose");
      await waitStep(p, "readyToCreate");
      await visible(p, "rotation-new-name");
    },
  },
  {
    name: "rotation-reveal-copied",
    run: async (p) => {
      await rotateToReveal(p);
      await click(p, "copy-secret");
      await visible(p, "clipboard-countdown");
    },
  },
  { name: "rotation-verify-usage", run: rotateToVerify },
  {
    name: "rotation-verify-green",
    run: async (p) => {
      await rotateToVerify(p);
      await fill(p, "rotation-quiet-window", "2");
      await byId(p, "rotation-quiet-window").press("Tab");
      await visible(p, "rotation-green");
    },
  },
  {
    name: "rotation-close-confirmation",
    run: async (p) => {
      await rotateToVerify(p);
      await p.keyboard.press("Escape");
      await visible(p, "rotation-close-panel");
    },
  },
  {
    name: "rotation-retire-early-delete",
    run: async (p) => {
      await rotateToVerify(p);
      await click(p, "rotation-retire");
      await waitStep(p, "retiring");
      await byId(p, "rotation-force").check();
      await fill(p, "rotation-revoke-input", "CI deploys");
    },
  },
  {
    name: "rotation-done",
    run: async (p) => {
      await rotateToVerify(p);
      await click(p, "rotation-retire");
      await waitStep(p, "retiring");
      await byId(p, "rotation-force").check();
      await fill(p, "rotation-revoke-input", "ak_9d2c41f0b7");
      await click(p, "rotation-revoke");
      await waitStep(p, "done");
    },
  },
  { name: "rotation-retire-first-veryfi", run: retireFirst },
  {
    name: "rotation-revoke-refused-last-key",
    run: async (p) => {
      await retireFirst(p);
      await fill(p, "rotation-revoke-input", "vk_b21e0d4490");
      await failNext(p, "rotation_action", { kind: "rotation", refusal: { reason: "lastActiveKey" } });
      await click(p, "rotation-revoke");
      await visible(p, "error-message");
    },
  },
  {
    name: "rotation-verify-checklist",
    run: async (p) => {
      await retireFirst(p);
      await fill(p, "rotation-revoke-input", "vk_b21e0d4490");
      await click(p, "rotation-revoke");
      await waitStep(p, "readyToCreate");
      await click(p, "rotation-create");
      await waitStep(p, "created");
      await click(p, "rotation-secret-stored");
      await waitStep(p, "verifying");
      await fill(p, "rotation-consumer-name", "payroll-worker");
      await click(p, "rotation-consumer-add");
      await p.locator('[data-testid="rotation-consumer-check"][data-name="payroll-worker"]').check();
      await visible(p, "rotation-finish");
    },
  },
  {
    name: "rotation-retire-disable-kayle",
    run: async (p) => {
      await startRotation(p, "sandbox-kayle");
      await chooseKey(p, "kk_f0c4e822");
      await click(p, "rotation-choose");
      await waitStep(p, "readyToCreate");
      await click(p, "rotation-create");
      await waitStep(p, "created");
      await click(p, "rotation-secret-stored");
      await waitStep(p, "verifying");
      await click(p, "rotation-retire");
      await waitStep(p, "retiring");
      await visible(p, "rotation-disable");
    },
  },
  {
    name: "rotation-resume-banner",
    query: "?scenario=interrupted",
    run: async (p) => {
      await openConnection(p, "sandbox-api-keys");
      await visible(p, "rotation-resume");
    },
  },
  {
    name: "rotation-orphans",
    query: "?scenario=interrupted",
    run: async (p) => {
      await openConnection(p, "sandbox-api-keys");
      await click(p, "rotation-resume");
      await waitStep(p, "orphanFound");
      await visible(p, "rotation-orphans");
    },
  },
  {
    name: "home-view",
    run: async (p) => {
      await click(p, "home-button");
      await visible(p, "attention-items");
    },
  },
  {
    name: "home-snooze-dialog-invalid",
    run: async (p) => {
      await click(p, "home-button");
      await click(p, "attention-action-snooze");
      await visible(p, "snooze-dialog");
      await click(p, "snooze-confirm");
      await visible(p, "snooze-reason");
    },
  },
  {
    name: "home-lookup",
    run: async (p) => {
      await click(p, "home-button");
      await fill(p, "lookup-input", "a");
      await visible(p, "lookup-group");
    },
  },
  {
    name: "lock-screen-password",
    run: async (p) => {
      await click(p, "lock-now");
      await click(p, "unlock");
      await visible(p, "unlock-password");
    },
  },
  {
    name: "confirm-user-password",
    query: "?scenario=live",
    run: async (p) => {
      await openConnection(p, "acme-live");
      await selectKey(p, "key_01HX4T1ACM");
      await click(p, "revoke-key");
      await fill(p, "revoke-confirm-input", "Support tooling");
      await click(p, "revoke-confirm");
      await visible(p, "confirm-user-dialog");
      await click(p, "confirm-user");
      await visible(p, "confirm-user-password");
    },
  },
  {
    name: "home-snoozed",
    query: "?scenario=snoozed",
    run: async (p) => {
      await click(p, "home-button");
      await visible(p, "attention-items");
      await p.locator('[data-testid="snoozed"] summary').click({ timeout: STEP_TIMEOUT_MS });
      await visible(p, "unsnooze");
    },
  },
  {
    name: "add-connection-dialog",
    run: async (p) => {
      await click(p, "add-connection");
      await visible(p, "connection-dialog");
      await fill(p, "connection-name", "Acme staging");
      await fill(p, "connection-client-id", "vrf_client_7781");
      await fill(p, "connection-username", "ops@acme.example");
      await fill(p, "connection-credential", "not-a-real-key");
      await click(p, "connection-test");
      await visible(p, "connection-test-result");
    },
  },
  {
    name: "add-connection-invalid",
    run: async (p) => {
      await click(p, "add-connection");
      await visible(p, "connection-dialog");
      await failNext(p, "add_connection", {
        kind: "invalidInput",
        field: "baseUrl",
        message: "Enter an https:// address: Keyturn will not send a credential over plain HTTP.",
      });
      await click(p, "connection-save");
      await visible(p, "field-error-baseUrl");
    },
  },
  {
    name: "connection-menu",
    run: (p) => openConnectionMenu(p, "acme-live"),
  },
  {
    name: "edit-connection-dialog",
    run: async (p) => {
      await openConnectionMenu(p, "acme-live");
      await click(p, "connection-edit");
      await visible(p, "connection-dialog");
    },
  },
  {
    name: "remove-connection-dialog",
    run: async (p) => {
      await openConnectionMenu(p, "acme-live");
      await click(p, "connection-remove");
      await visible(p, "remove-dialog");
    },
  },
  {
    name: "settings-popover",
    run: async (p) => {
      await click(p, "settings-button");
      await visible(p, "settings-popover");
      await p.locator('[data-testid="clipboard-clear-delay"]:not([disabled])').waitFor({ timeout: STEP_TIMEOUT_MS });
    },
  },
  {
    name: "about-dialog",
    run: async (p) => {
      await p.evaluate(() => window.keyturnA11y.menu("about"));
      await visible(p, "about-dialog");
      await visible(p, "about");
    },
  },
  {
    name: "audit-dialog",
    run: async (p) => {
      await click(p, "open-audit");
      await visible(p, "audit-dialog");
      await visible(p, "audit-row");
    },
  },
  {
    name: "audit-filtered",
    run: async (p) => {
      await click(p, "open-audit");
      await visible(p, "audit-row");
      await p.getByTestId("audit-action").selectOption("revoke", { timeout: STEP_TIMEOUT_MS });
      await p.getByTestId("audit-from").fill("2020-01-01", { timeout: STEP_TIMEOUT_MS });
      await visible(p, "audit-clear");
      await visible(p, "audit-row");
    },
  },
  {
    name: "audit-no-match",
    run: async (p) => {
      await click(p, "open-audit");
      await visible(p, "audit-row");
      await p.getByTestId("audit-action").selectOption("signedOut", { timeout: STEP_TIMEOUT_MS });
      await visible(p, "audit-none");
    },
  },
  {
    name: "audit-exported",
    run: async (p) => {
      await click(p, "open-audit");
      await visible(p, "audit-row");
      await p.getByTestId("audit-filter").selectOption("sandbox-veryfi", { timeout: STEP_TIMEOUT_MS });
      await click(p, "export-audit");
      await visible(p, "toast");
    },
  },
  {
    name: "error-refresh-failed",
    run: async (p) => {
      await openConnection(p, "sandbox-kayle");
      await failNext(p, "list_keys", {
        kind: "vendor",
        reason: "rateLimited",
        status: 429,
        code: "rate_limited",
        message: "slow down",
        requestId: "req_41aa9e",
        retryAfterSeconds: 30,
        orphanCandidates: [],
        orphanCheckFailed: false,
      });
      await click(p, "refresh-button");
      await visible(p, "error-message");
      await keysLoaded(p);
    },
  },
  {
    name: "error-connection-problem",
    query: "?scenario=trouble",
    run: async (p) => {
      await visible(p, "notice-banner");
      await p.locator('[data-testid="connection-button"][data-connection-id="acme-live"]').click();
      await visible(p, "error-message");
    },
  },
  {
    name: "error-startup",
    query: "?scenario=startup-error",
    ready: (p) => visible(p, "error-message"),
  },
];

// ---------------------------------------------------------------------------
// Running axe.

/** Transitions would let axe see a colour halfway between two schemes. */
const NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }";

async function settle(page) {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(undefined)))),
  );
}

async function checkScreen(page, origin, screen) {
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
  await page.goto(origin + "/" + (screen.query ?? ""), { waitUntil: "load" });
  await page.addStyleTag({ content: NO_MOTION });
  if (screen.ready) await screen.ready(page);
  else await keysLoaded(page);
  await screen.run?.(page);
  await page.addScriptTag({ content: axeSource });

  const results = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
    await settle(page);
    const { violations, incomplete } = await page.evaluate(
      // eslint-disable-next-line no-undef
      () => axe.run(document, { resultTypes: ["violations", "incomplete"] }),
    );
    if (process.env.A11Y_VERBOSE) {
      for (const r of incomplete) {
        for (const n of r.nodes) {
          console.log(`  needs review (${scheme}) ${r.id} [${r.impact}]: ${targetOf(n)}: ${(n.failureSummary ?? "").replace(/\n\s*/g, " ")}`);
        }
      }
    }
    await page.screenshot({ path: path.join(screensDir, `${screen.name}-${scheme}.png`) });
    results.push({ scheme, violations });
  }
  return { results, pageErrors };
}

function targetOf(node) {
  return node.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(" ");
}

async function main() {
  try {
    await stat(path.join(distDir, "index.html"));
  } catch {
    console.error("a11y: dist-a11y/index.html is missing: run `vite build -c vite.config.a11y.ts` first (npm run a11y does)");
    process.exit(2);
  }
  await mkdir(screensDir, { recursive: true });

  const only = process.env.A11Y_ONLY;
  const screens = only ? SCREENS.filter((s) => s.name.includes(only)) : SCREENS;
  if (screens.length === 0) {
    console.error(`a11y: no screen matches A11Y_ONLY=${only}`);
    process.exit(2);
  }

  const { server, origin } = await serve(distDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });

  /** rule id → { impact, help, helpUrl, nodes: Map(element and finding → { target, summary, screens }) } */
  const failing = new Map();
  const minor = new Map();
  let failures = 0;
  let broken = 0;

  try {
    for (const screen of screens) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      try {
        const { results, pageErrors } = await checkScreen(page, origin, screen);
        let count = 0;
        for (const { scheme, violations } of results) {
          for (const v of violations) {
            const bad = FAILING_IMPACTS.has(v.impact);
            if (bad) count += v.nodes.length;
            const into = bad ? failing : minor;
            const entry = into.get(v.id) ?? { impact: v.impact, help: v.help, helpUrl: v.helpUrl, nodes: new Map() };
            for (const n of v.nodes) {
              // One line per element and finding (a contrast ratio differs per scheme).
              const id = `${targetOf(n)}\n${n.failureSummary ?? ""}`;
              const where = entry.nodes.get(id) ?? { target: targetOf(n), summary: n.failureSummary, screens: new Set() };
              where.screens.add(`${screen.name} (${scheme})`);
              entry.nodes.set(id, where);
            }
            into.set(v.id, entry);
          }
        }
        failures += count;
        if (pageErrors.length > 0) {
          broken++;
          console.log(`✗ ${screen.name}: the page reported errors:\n    ${pageErrors.join("\n    ")}`);
        } else {
          console.log(`${count === 0 ? "✓" : "✗"} ${screen.name}${count === 0 ? "" : `: ${count} serious or critical`}`);
        }
      } catch (e) {
        broken++;
        console.log(`✗ ${screen.name}: could not reach the screen: ${e instanceof Error ? e.message.split("\n")[0] : e}`);
        await page.screenshot({ path: path.join(screensDir, `${screen.name}-FAILED.png`) }).catch(() => undefined);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.close();
  }

  const report = (title, rules) => {
    if (rules.size === 0) return;
    console.log(`\n${title}`);
    for (const [id, r] of rules) {
      console.log(`\n[${r.impact}] ${id}: ${r.help}\n  ${r.helpUrl}`);
      for (const where of r.nodes.values()) {
        console.log(`  - ${where.target}\n      on ${[...where.screens].join(", ")}`);
        if (where.summary) console.log(`      ${where.summary.replace(/\n\s*/g, "\n      ")}`);
      }
    }
  };
  report("Violations (serious or critical):", failing);
  report("Other findings (moderate or minor, not failing):", minor);

  console.log(`\nScreenshots: ${path.relative(process.cwd(), screensDir) || screensDir}`);
  console.log(`a11y: ${screens.length} screens checked, ${failures} violations`);
  if (broken > 0) console.log(`a11y: ${broken} screens could not be checked`);
  process.exit(failures > 0 || broken > 0 ? 1 : 0);
}

await main();
