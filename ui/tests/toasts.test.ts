import { fireEvent, render, screen } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import Toasts from '../src/components/Toasts.svelte';
import { navigate } from '../src/router.svelte';
import { clearToasts, showToast } from '../src/services/toast.svelte';

/** A button standing `top` pixels down the window (jsdom lays nothing out). */
function buttonAt(top: number): HTMLButtonElement {
  const button = document.createElement('button');
  button.getBoundingClientRect = () => ({ top, bottom: top + 40, left: 900, right: 1000, width: 100, height: 40, x: 900, y: top, toJSON: () => ({}) });
  document.body.append(button);
  return button;
}

describe('the toast stack keeps clear of the button it is about', () => {
  afterEach(() => {
    clearToasts();
    document.body.innerHTML = '';
  });

  it('goes to the top when the button pressed is low in the window, to the bottom otherwise', async () => {
    render(Toasts);
    const stack = screen.getByTestId('toasts');
    await fireEvent.pointerDown(buttonAt(window.innerHeight - 60));
    showToast('success', 'Saved');
    await tick();
    expect(stack).toHaveClass('top');

    clearToasts();
    await tick();
    await fireEvent.pointerDown(buttonAt(80));
    showToast('success', 'Exported');
    await tick();
    expect(stack).not.toHaveClass('top');
  });

  it('follows the keyboard too, and stays at the bottom when the button has gone with its page', async () => {
    render(Toasts);
    const stack = screen.getByTestId('toasts');
    const save = buttonAt(window.innerHeight - 60);
    save.focus();
    await fireEvent.keyDown(save, { key: 'Enter' });
    showToast('success', 'Saved');
    await tick();
    expect(stack).toHaveClass('top');

    clearToasts();
    await tick();
    await fireEvent.pointerDown(save);
    save.remove();
    showToast('success', 'Created');
    await tick();
    expect(stack).not.toHaveClass('top');
  });

  it('at the top, stays under the header in view, and goes back to the bottom when the page changes', async () => {
    const header = document.createElement('header');
    header.dataset.appHeader = '';
    header.getBoundingClientRect = () => ({ top: 0, bottom: 68, left: 0, right: 1024, width: 1024, height: 68, x: 0, y: 0, toJSON: () => ({}) });
    document.body.append(header);
    render(Toasts);
    const stack = screen.getByTestId('toasts');
    await fireEvent.pointerDown(buttonAt(window.innerHeight - 60));
    showToast('success', 'Saved');
    await tick();
    expect(stack.style.insetBlockStart).toBe('88px');
    navigate('/events/ev-1');
    await tick();
    expect(stack).not.toHaveClass('top');
    expect(stack.style.insetBlockStart).toBe('');
  });
});
