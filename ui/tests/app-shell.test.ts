import { render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../src/App.svelte';
import { setLang } from '../src/i18n/index.svelte';

vi.mock('../src/api/client');
// The About view's code fails to load, as a missing or broken chunk would.
vi.mock('../src/views/about/About.svelte', () => {
  throw new Error('chunk About.js did not load');
});

describe('the page for a route', () => {
  it('says so, with a way to reload, when a view cannot be loaded', async () => {
    history.replaceState(null, '', '/#/about');
    render(App);
    const failed = await screen.findByTestId('view-failed');
    expect(failed).toHaveAttribute('role', 'alert');
    expect(failed).toHaveTextContent('This page could not be opened');
    // The loader's own message goes with it, for whoever the person reports it to (Vitest wraps
    // the mock's error in its own words).
    expect(failed.querySelector('.muted')?.textContent).toMatch(/\S/);
    expect(screen.getByRole('button', { name: 'Reload the window' })).toBeInTheDocument();
  });

  it('says so in Arabic too', async () => {
    setLang('ar');
    history.replaceState(null, '', '/#/about');
    render(App);
    expect(await screen.findByTestId('view-failed')).toHaveTextContent('تعذّر فتح هذه الصفحة');
    expect(screen.getByRole('button', { name: 'أعد تحميل النافذة' })).toBeInTheDocument();
  });

  it('shows a view that loads, and no failure', async () => {
    history.replaceState(null, '', '/#/nowhere');
    render(App);
    expect(await screen.findByTestId('not-found')).toBeInTheDocument();
    expect(screen.queryByTestId('view-failed')).toBeNull();
  });
});
