// Short-lived confirmations ("Exported to …", "Secret copied"), shown in one
// place by <Toasts />.

export interface Toast {
  id: number;
  message: string;
}

const DEFAULT_MS = 5000;

let nextId = 1;
const list = $state<Toast[]>([]);

export const toasts = {
  get items(): readonly Toast[] {
    return list;
  },
};

export function dismissToast(id: number): void {
  const at = list.findIndex((t) => t.id === id);
  if (at >= 0) list.splice(at, 1);
}

/** Shows `message` for a few seconds; returns its id. */
export function showToast(message: string, ms = DEFAULT_MS): number {
  const id = nextId++;
  list.push({ id, message });
  setTimeout(() => dismissToast(id), ms);
  return id;
}

/** Tests: start from none. */
export function clearToasts(): void {
  list.length = 0;
}
