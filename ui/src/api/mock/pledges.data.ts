// The demo forum's pledges as the core answered for them (pledges.json): canned, computed by
// nothing here.
import type { PledgeListing, PledgePreview } from '../types';
import canned from './pledges.json';

export const DEMO_PLEDGES = canned.listing as PledgeListing;

/** The preview of the first pledge's schedule (USD 15 million a year for 2024–2026). */
export const PREVIEW = canned.preview as PledgePreview;
