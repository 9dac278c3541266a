import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The real app with its IPC mocked (a11y/main.ts), built for `npm run a11y`.
// Separate from vite.config.ts so the production build never contains the mocks.
export default defineConfig({
  root: fileURLToPath(new URL("./a11y", import.meta.url)),
  plugins: [svelte({ configFile: fileURLToPath(new URL("./svelte.config.js", import.meta.url)) })],
  clearScreen: false,
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("./dist-a11y", import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
});
