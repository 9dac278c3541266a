// Which modal dialogs are open, innermost last. Global shortcuts stay quiet
// while one is open, and Esc closes only the innermost.

const stack = $state<number[]>([]);
let nextId = 1;

export function openDialog(): number {
  const id = nextId++;
  stack.push(id);
  return id;
}

export function closeDialog(id: number): void {
  const at = stack.indexOf(id);
  if (at >= 0) stack.splice(at, 1);
}

export function isInnermost(id: number): boolean {
  return stack.length > 0 && stack[stack.length - 1] === id;
}

export function anyDialogOpen(): boolean {
  return stack.length > 0;
}
