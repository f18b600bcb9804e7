// Toasts: short messages that confirm an action or report a failure.
// Errors stay until dismissed; confirmations go away by themselves.

export type ToastKind = 'success' | 'error' | 'info';
export type Toast = { id: number; kind: ToastKind; text: string; details: string | null };

const LIFETIME_MS = 6000;

let nextId = 1;
let list = $state<Toast[]>([]);

export const toasts = {
  get list(): Toast[] {
    return list;
  },
};

export function showToast(kind: ToastKind, text: string, details: string | null = null): number {
  const id = nextId++;
  list = [...list, { id, kind, text, details }];
  if (kind !== 'error') setTimeout(() => dismissToast(id), LIFETIME_MS);
  return id;
}

export function dismissToast(id: number): void {
  list = list.filter((toast) => toast.id !== id);
}

export function clearToasts(): void {
  list = [];
}
