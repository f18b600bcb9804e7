// Where the keyboard goes while a side panel or a dialog is open: into it when it opens, kept in
// it (a modal), Escape closes it, and back to what opened it when it closes. One action, used by
// the Modal, the ConfirmDialog, the StageDialog and the programme's SessionPanel, so that every
// one of them behaves the same. On a <dialog> it also shows it as a modal and closes it.
import { tick } from 'svelte';
import type { Action } from 'svelte/action';

export type FocusScope = {
  /** Escape calls it (once, for the innermost scope only). */
  onclose?: () => void;
  /** A modal keeps Tab and Shift+Tab inside it; a side panel lets them leave. */
  trap?: boolean;
  /** What to focus first (a selector inside the node); else its first field, else its first control. */
  initial?: string;
  /** Where the keyboard goes on close when what opened the scope is gone (e.g. a deleted record's block). */
  fallback?: () => HTMLElement | null;
  /** For a scope that stays in the page while closed (a <dialog> shown by a prop): whether it is open now. */
  active?: boolean;
};

const FIELDS = 'input:not([type=hidden]), select, textarea';
const CONTROLS = `${FIELDS}, button, a[href], [tabindex]:not([tabindex="-1"])`;

/** The node's controls the keyboard can reach now, in document order. */
export function reachable(node: HTMLElement, selector = CONTROLS): HTMLElement[] {
  return [...node.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => !(el as HTMLInputElement).disabled && !el.closest('[hidden], [inert]') && el.tabIndex >= 0,
  );
}

export const focusScope: Action<HTMLElement, FocusScope> = (node, given) => {
  let options: FocusScope = given ?? {};
  let opener: HTMLElement | null = null;
  let open = false;

  function enter() {
    open = true;
    const active = document.activeElement;
    opener = active instanceof HTMLElement && !node.contains(active) && active !== document.body ? active : null;
    if (node instanceof HTMLDialogElement && !node.open) {
      // Older webviews (and jsdom) lack showModal; the open attribute still shows it.
      if (typeof node.showModal === 'function') node.showModal();
      else node.setAttribute('open', '');
    }
    // After the content the same change shows (a dialog's form appears with its `open` prop).
    tick().then(() => {
      if (!open || node.contains(document.activeElement)) return;
      const first =
        (options.initial ? node.querySelector<HTMLElement>(options.initial) : null) ??
        reachable(node, FIELDS)[0] ??
        reachable(node)[0];
      if (first) first.focus();
      else {
        if (!node.hasAttribute('tabindex')) node.tabIndex = -1;
        node.focus();
      }
    });
  }

  function leave() {
    open = false;
    if (node instanceof HTMLDialogElement && node.open) {
      if (typeof node.close === 'function') node.close();
      else node.removeAttribute('open');
    }
    const active = document.activeElement;
    // The person went elsewhere on purpose (clicked another session): leave the focus there.
    if (active && active !== document.body && !node.contains(active)) return;
    const target = opener?.isConnected ? opener : (options.fallback?.() ?? null);
    target?.focus();
  }

  function keydown(e: KeyboardEvent) {
    if (!open) return;
    if (e.key === 'Escape' && options.onclose) {
      // The innermost scope closes; a native <dialog> would otherwise fire its own cancel too.
      e.preventDefault();
      e.stopPropagation();
      options.onclose();
    } else if (e.key === 'Tab' && options.trap) {
      const controls = reachable(node);
      if (controls.length === 0) return;
      const first = controls[0];
      const last = controls[controls.length - 1];
      if (e.shiftKey && (document.activeElement === first || !node.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  }

  // A native <dialog>'s own Escape (the cancel event) would close it behind the view's back.
  function cancel(e: globalThis.Event) {
    e.preventDefault();
    if (open) options.onclose?.();
  }

  node.addEventListener('keydown', keydown);
  node.addEventListener('cancel', cancel);
  if (options.active ?? true) enter();

  return {
    update(next: FocusScope) {
      options = next ?? {};
      const active = options.active ?? true;
      if (active && !open) enter();
      else if (!active && open) leave();
    },
    destroy() {
      node.removeEventListener('keydown', keydown);
      node.removeEventListener('cancel', cancel);
      if (open) leave();
    },
  };
};
