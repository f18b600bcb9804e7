// The colours of session kinds, shared by the grid, its legend and the unscheduled list.
// The kinds and roles themselves are the core's (SESSION_KINDS, ROLES in api/types.ts).
import type { SessionKind } from '../../api/types';

/** Background and edge colour of each kind: distinct hues, readable with dark text. */
export const KIND_COLOURS: Record<SessionKind, { bg: string; edge: string }> = {
  opening: { bg: '#e8e0f4', edge: '#6b4fa0' },
  plenary: { bg: '#dde7f3', edge: '#1f3a5f' },
  panel: { bg: '#dff0e6', edge: '#2f6b4f' },
  workshop: { bg: '#fbe9d3', edge: '#b8701f' },
  side_event: { bg: '#d9f0f0', edge: '#1f7a7a' },
  break: { bg: '#efeeea', edge: '#9a968a' },
  closing: { bg: '#f5dfe4', edge: '#9c3853' },
};
