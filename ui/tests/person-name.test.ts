import { render } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PersonName from '../src/components/PersonName.svelte';
import { honouredNames, startsRightToLeft } from '../src/components/personName';

describe('an honorific stays with the name of its script', () => {
  const layla = { en: 'Layla Haddad', ar: 'ليلى حداد' };

  it('tells the script by the first letter with a direction', () => {
    expect(startsRightToLeft('د.')).toBe(true);
    expect(startsRightToLeft('معالي')).toBe(true);
    expect(startsRightToLeft('Dr')).toBe(false);
    expect(startsRightToLeft('H.E.')).toBe(false);
    expect(startsRightToLeft('1. د')).toBe(true);
    expect(startsRightToLeft('')).toBe(false);
  });

  it('joins a Latin honorific to the English name and an Arabic one to the Arabic name', () => {
    expect(honouredNames('Dr', layla)).toEqual({ en: 'Dr Layla Haddad', ar: 'ليلى حداد' });
    expect(honouredNames('د.', layla)).toEqual({ en: 'Layla Haddad', ar: 'د. ليلى حداد' });
    expect(honouredNames(' ', layla)).toEqual(layla);
  });

  it('keeps the honorific when its script has no name', () => {
    expect(honouredNames('Dr', { en: '', ar: 'ليلى حداد' })).toEqual({ en: '', ar: 'Dr ليلى حداد' });
    expect(honouredNames('معالي', { en: 'Layla Haddad', ar: '' })).toEqual({ en: 'معالي Layla Haddad', ar: '' });
  });

  it('renders each name isolated, the honorific inside its name', () => {
    const { getByTestId } = render(PersonName, { props: { honorific: 'Dr', name: layla } });
    const en = getByTestId('person-name-en');
    const ar = getByTestId('person-name-ar');
    expect(en.tagName).toBe('BDI');
    expect(en.textContent).toBe('Dr Layla Haddad');
    expect(ar.getAttribute('dir')).toBe('rtl');
    expect(ar.textContent).toBe('ليلى حداد');
  });
});
