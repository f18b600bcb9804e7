// Generated from the Rust types by `make bindings` (src-tauri/src/bindings.rs). Do not edit.
import { call } from "./invoke";
import type { AppInfo, Event, EventInput, EventOverview, ReferenceData } from "./types";

export function appInfo(): Promise<AppInfo> {
  return call("app_info", {});
}

export function appReady(view: string): Promise<null> {
  return call("app_ready", { view });
}

export function referenceData(): Promise<ReferenceData> {
  return call("reference_data", {});
}

export function demoOpen(): Promise<Event> {
  return call("demo_open", {});
}

export function eventList(): Promise<Array<Event>> {
  return call("event_list", {});
}

export function eventGet(id: string): Promise<Event> {
  return call("event_get", { id });
}

export function eventCreate(input: EventInput): Promise<Event> {
  return call("event_create", { input });
}

export function eventUpdate(id: string, input: EventInput): Promise<Event> {
  return call("event_update", { id, input });
}

export function eventDelete(id: string): Promise<null> {
  return call("event_delete", { id });
}

export function eventOverview(id: string): Promise<EventOverview> {
  return call("event_overview", { id });
}
