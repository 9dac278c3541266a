import { mount } from "svelte";
import App from "./App.svelte";
import "./fonts.css";
import "./app.css";

const target = document.getElementById("app");
if (!target) {
  throw new Error("Keyturn: #app element missing from index.html");
}

export default mount(App, { target });
