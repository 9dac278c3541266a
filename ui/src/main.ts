import { mount } from "svelte";
import App from "./App.svelte";
import { listConnections } from "./lib/commands";
import "./fonts.css";
import "./app.css";

// Asked before the page is built, so Rust answers while Svelte mounts.
const firstConnections = listConnections();
firstConnections.catch(() => undefined);

const target = document.getElementById("app");
if (!target) {
  throw new Error("Keyturn: #app element missing from index.html");
}

const app = mount(App, { target, props: { firstConnections } });
performance.mark("App mounted");
export default app;
