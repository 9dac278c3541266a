// The window's menu, as the page hears it: Rust sends each choice it does not
// carry out itself as a `MenuAction` (see crates/keyturn-app/src/menu.rs).
import { listen } from "@tauri-apps/api/event";
import { MENU_EVENT, type MenuAction } from "../bindings";

/** Calls `act` for each choice until the returned function is called. */
export function onMenu(act: (action: MenuAction) => void): () => void {
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen<MenuAction>(MENU_EVENT, (event) => act(event.payload)).then(
    (stop) => {
      if (stopped) stop();
      else unlisten = stop;
    },
    // Outside Tauri (the browser in `./x dev`) there is no menu to hear.
    () => undefined,
  );
  return () => {
    stopped = true;
    unlisten?.();
  };
}
