import { afterEach, describe, expect, it } from 'vitest';
import { setLang } from '../src/i18n/index.svelte';
import { actorName } from '../src/services/audit';

describe('who the trail names', () => {
  afterEach(() => setLang('en'));

  it('says an unknown user in the window’s language, and a name as recorded', () => {
    expect(actorName('unknown')).toBe('an unknown user');
    expect(actorName('desk1')).toBe('desk1');
    setLang('ar');
    expect(actorName('unknown')).toBe('مستخدم غير معروف');
    expect(actorName('desk1')).toBe('desk1');
  });
});
