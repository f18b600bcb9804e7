// The rows of a long list that are worth drawing: those in view and a few either side. The
// participants table draws only these, and asks the core for the pages they fall in, so that
// 100,000 people scroll as smoothly as 100.

export type Range = { start: number; end: number };

/** Rows [start, end) to draw for a viewport scrolled to `scrollTop`. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
  overscan = 8,
): Range {
  if (total <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewport)) / rowHeight);
  const start = Math.max(0, Math.min(first - overscan, total - 1));
  const end = Math.min(total, Math.max(last + overscan, start + 1));
  return { start, end };
}

/** The pages (of `pageSize` rows) that hold the rows of `range`. */
export function pagesOf(range: Range, pageSize: number): number[] {
  if (range.end <= range.start) return [];
  const pages: number[] = [];
  for (let p = Math.floor(range.start / pageSize); p <= Math.floor((range.end - 1) / pageSize); p++) pages.push(p);
  return pages;
}

/**
 * Of the pages waiting to be asked for, those to ask now: the ones still in view, no more than
 * `free` (the answers still awaited count against a small limit). Pages that scrolled out of
 * view before their turn are dropped: a fast scroll through 100,000 rows would otherwise queue
 * a query for every page it passed, and the rows finally in view would wait behind them all.
 */
export function nextPages(waiting: number[], inView: number[], free: number): { ask: number[]; keep: number[] } {
  const visible = waiting.filter((page) => inView.includes(page));
  const ask = visible.slice(0, Math.max(0, free));
  return { ask, keep: visible.slice(ask.length) };
}

/**
 * Of the pages held, those to forget so that at most `max` stay: the farthest from the pages in
 * view first, never one in view. Scrolling through 100,000 people would otherwise keep every
 * page it passed in the window's memory; a page forgotten is asked for again when it returns.
 */
export function pagesToForget(held: number[], inView: number[], max: number): number[] {
  if (held.length <= max || inView.length === 0) return [];
  const first = Math.min(...inView);
  const last = Math.max(...inView);
  const distance = (page: number) => (page < first ? first - page : page > last ? page - last : 0);
  const away = held.filter((page) => distance(page) > 0).sort((a, b) => distance(b) - distance(a) || a - b);
  return away.slice(0, held.length - max);
}
