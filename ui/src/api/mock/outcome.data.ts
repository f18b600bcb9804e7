// The demo forum's outcome document, its first draft, as the core answered for it (outcome.json).
import type { OutcomeDocument } from '../types';
import canned from './outcome.json';

export const DEMO_OUTCOME = canned as OutcomeDocument;
