// The one place that calls Tauri's `invoke`. The generated client (client.ts) goes through
// `call`, which makes every failure an ApiError, including ones Tauri raises itself (e.g. an
// argument of the wrong type), so that views only ever handle one error shape.

import { invoke } from "@tauri-apps/api/core";
import type { ApiError } from "./types";

/** Whether a thrown value has the shape of the shell's errors (the mock client's too). */
export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).reason === "string"
  );
}

export async function call<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isApiError(error)) throw error;
    const internal: ApiError = { code: "internal", field: null, reason: "internal", message: String(error) };
    throw internal;
  }
}
