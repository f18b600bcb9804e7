// The rows of a long table, read from the core a page at a time: only the pages that hold the
// rows in view (window.ts) are asked for, at most two at once, the others queued; an answer to a
// query that has since changed is dropped. The participants table scrolls 100,000 people so.
import { untrack } from 'svelte';
import { nextPages, pagesOf, pagesToForget, visibleRange } from './window';

type Answer<T> = { ok: true; value: { total: number; rows: T[] } } | { ok: false };

/** At most this many pages asked of the core at once; the others wait their turn. */
const MAX_ASKING = 2;
/** At most this many pages held: those in view and the nearest ones, scrolled back cheaply. */
const MAX_HELD = 12;

export class PagedRows<T> {
  /** How many rows the query matches, once the first page has said. */
  total = $state(0);
  counted = $state(false);
  /** The label (the search text) of the query the rows on screen answer. */
  shownFor = $state('');
  /** Rows in view are still coming: the table says it is busy meanwhile. */
  loading = $state(false);
  scrollTop = $state(0);
  viewport = $state(600);
  /** Set by the constructor. */
  readonly rowHeight: number = 0;
  readonly pageSize: number = 1;
  readonly range = $derived(visibleRange(this.scrollTop, this.viewport, this.rowHeight, this.total));
  /** The rows to draw: each with its index, and null while its page is on its way. */
  readonly rows = $derived.by(() => {
    const out: { index: number; row: T | null }[] = [];
    for (let i = this.range.start; i < this.range.end; i++) {
      out.push({ index: i, row: this.#pages[Math.floor(i / this.pageSize)]?.[i % this.pageSize] ?? null });
    }
    return out;
  });

  #read: (offset: number, limit: number) => Promise<Answer<T>>;
  #label: () => string;
  // Raw: the rows are replaced whole, never changed in place, so they need no deep proxies
  // (a proxy per row and per field, for every page held, was most of the table's memory).
  #pages = $state.raw<Record<number, T[]>>({});
  #generation = 0;
  #asked = new Set<number>();
  #asking = 0;
  #queued: number[] = [];

  /**
   * `read` asks the core for a page (offset, limit); `label` names the query it asks now. Made
   * while a component starts: it keeps asking for the pages that come into view.
   */
  constructor(read: (offset: number, limit: number) => Promise<Answer<T>>, label: () => string, rowHeight: number, pageSize: number) {
    this.#read = read;
    this.#label = label;
    this.rowHeight = rowHeight;
    this.pageSize = pageSize;
    $effect(() => {
      if (!this.counted) return;
      const inView = pagesOf(this.range, this.pageSize);
      untrack(() => this.#want(inView));
    });
  }

  /** Forgets every page and counts again: the query or the data changed. */
  refresh() {
    this.#generation++;
    this.#asked.clear();
    this.#queued = [];
    this.#pages = {};
    this.counted = false;
    this.#fetch(0);
  }

  #want(wanted: number[]) {
    for (const page of wanted) if (!this.#asked.has(page) && !this.#queued.includes(page)) this.#queued.push(page);
    this.#pump();
  }

  #pump() {
    const { ask, keep } = nextPages(this.#queued, pagesOf(this.range, this.pageSize), MAX_ASKING - this.#asking);
    this.#queued = keep;
    for (const page of ask) this.#fetch(page);
    this.loading = this.#asking > 0 || this.#queued.length > 0;
  }

  async #fetch(page: number) {
    if (this.#asked.has(page)) return;
    this.#asked.add(page);
    const mine = this.#generation;
    const label = this.#label();
    this.#asking++;
    this.loading = true;
    const outcome = await this.#read(page * this.pageSize, this.pageSize).finally(() => {
      this.#asking--;
      queueMicrotask(() => this.#pump());
    });
    if (mine !== this.#generation) return;
    if (!outcome.ok) {
      this.#asked.delete(page);
      return;
    }
    this.total = outcome.value.total;
    this.counted = true;
    this.shownFor = label;
    const pages = { ...this.#pages, [page]: outcome.value.rows };
    const held = Object.keys(pages).map(Number);
    for (const old of pagesToForget(held, pagesOf(this.range, this.pageSize), MAX_HELD)) {
      delete pages[old];
      this.#asked.delete(old);
    }
    this.#pages = pages;
  }
}
