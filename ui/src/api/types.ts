// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.

export type ApiError = { code: ErrorCode, field: string | null, reason: string, message: string, };

export type ErrorCode = "not_found" | "invalid_input" | "conflict" | "storage" | "internal";

export type Id = string;

export type AppInfo = { version: string, dataFile: string, licence: string, };

export type Bilingual = { en: string, ar: string, };

export type Event = { id: Id, title: Bilingual, description: Bilingual, venue: string, city: string, country: string | null, timezone: string, startDate: string, endDate: string, organisers: Array<string>, status: EventStatus, createdAt: string, updatedAt: string, };

export type EventCounts = { rooms: number, sessions: number, speakers: number, participants: number, pledges: number, };

export type EventInput = { title: Bilingual, description: Bilingual, venue: string, city: string, 
/**
 * ISO 3166-1 alpha-2; empty for none.
 */
country: string, timezone: string, 
/**
 * `YYYY-MM-DD`.
 */
startDate: string, endDate: string, organisers: Array<string>, status: EventStatus, };

export type EventOverview = { event: Event, counts: EventCounts, 
/**
 * Pledged totals, one per currency, never added across currencies.
 */
pledgeTotals: Array<Money>, };

export type EventStatus = "draft" | "open" | "closed" | "archived";

export type Lang = "en" | "ar";

export type Money = { currency: string, amount: string, };

export type ReferenceData = { 
/**
 * ISO 3166-1 alpha-2 codes.
 */
countries: Array<string>, 
/**
 * IANA timezone names, sorted.
 */
timezones: Array<string>, };
