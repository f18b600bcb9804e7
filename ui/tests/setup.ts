// Runs before each test file: jest-dom matchers and a clean page, storage and language.
// It must not import anything that imports the client, or the tests' vi.mock would come too late.
import '@testing-library/jest-dom/vitest';
import { beforeEach } from 'vitest';
import { setLang } from '../src/i18n/index.svelte';
import { clearToasts } from '../src/services/toast.svelte';

beforeEach(() => {
  localStorage.clear();
  setLang('en');
  localStorage.clear();
  clearToasts();
  history.replaceState(null, '', '/');
});
