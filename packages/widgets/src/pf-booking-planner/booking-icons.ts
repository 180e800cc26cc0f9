import type { BookingRequest, PlannerCell } from '../core/types.js';

/** The glyph of each planner state (always shown with its text: the glyph alone is never the only cue). */
export const stateIcon: Record<PlannerCell['state'], string> = {
  none: '○',
  booked: '✓',
  pending: '◷',
  waiting_list: '☰',
  refused: '✕',
  cancelled: '⊘',
  excused_absence: 'A',
};

/** The glyph of each outcome of a request or of one of its lines. */
export const outcomeIcon: Record<BookingRequest['status'] | BookingRequest['lines'][number]['outcome'], string> = {
  accepted: '✓',
  pending: '◷',
  partially_accepted: '◑',
  waiting_list: '☰',
  refused: '✕',
};
