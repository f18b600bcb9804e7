import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Header from '../src/components/Header.svelte';
import { i18n, loadLang, setLang, t } from '../src/i18n/index.svelte';

describe('language', () => {
  it('switching sets <html lang dir> and remembers the choice', () => {
    setLang('ar');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('muntada.lang')).toBe('ar');
    expect(t('nav.events')).toBe('الفعاليات');

    setLang('en');
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dir).toBe('ltr');
    expect(localStorage.getItem('muntada.lang')).toBe('en');
  });

  it('restores the remembered choice at start', () => {
    localStorage.setItem('muntada.lang', 'ar');
    loadLang();
    expect(i18n.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
  });

  it('the header button names the other language and switches to it', async () => {
    render(Header);
    const toggle = screen.getByTestId('lang-toggle');
    expect(toggle).toHaveTextContent('العربية');
    expect(screen.getByTestId('nav-events')).toHaveTextContent('Events');

    await fireEvent.click(toggle);
    expect(toggle).toHaveTextContent('English');
    expect(screen.getByTestId('nav-events')).toHaveTextContent('الفعاليات');
    expect(document.documentElement.dir).toBe('rtl');
    expect(localStorage.getItem('muntada.lang')).toBe('ar');
  });
});
