import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import { setLang } from '../src/i18n/index.svelte';
import PledgesView from '../src/views/pledges/PledgesView.svelte';
import { event, listing, summary } from './fixtures';

vi.mock('../src/api/client');

/** The three stacked segments of one year's bar in a chart: exact amounts and drawn heights. */
function bar(chart: HTMLElement, year: number) {
  const group = chart.querySelector(`g[data-year="${year}"]`);
  if (!group) throw new Error(`no bar for ${year}`);
  const segment = (stage: string) => group.querySelector(`rect[data-stage="${stage}"]`)!;
  const height = (stage: string) => Number(segment(stage).getAttribute('height'));
  return {
    amounts: Object.fromEntries(['paid', 'committed', 'announced'].map((s) => [s, segment(s).getAttribute('data-amount')])),
    heights: { paid: height('paid'), committed: height('committed'), announced: height('announced') },
    x: Number(segment('paid').getAttribute('x')),
  };
}

async function renderView() {
  render(PledgesView, { props: { id: 'ev-1' } });
  return screen.findByTestId('pledges-view');
}

describe('pledges view', () => {
  beforeEach(() => {
    vi.resetAllMocks();
    vi.mocked(client.eventGet).mockResolvedValue(event());
    vi.mocked(client.pledgeList).mockResolvedValue(listing());
  });

  it('shows a loading state, then the pledges of the event', async () => {
    render(PledgesView, { props: { id: 'ev-1' } });
    expect(screen.getByTestId('loading')).toBeInTheDocument();
    expect(await screen.findByTestId('pledges-view')).toBeInTheDocument();
    expect(client.pledgeList).toHaveBeenCalledWith('ev-1');
    expect(screen.getByTestId('crumb-event')).toHaveTextContent('Doha Forum on Water Security');
    expect(screen.getByTestId('new-pledge')).toHaveAttribute('href', '#/events/ev-1/pledges/new');
  });

  // The totals and the conversion through recorded rates are the core's (src/pledges/tests.rs:
  // totals_per_stage_year_and_usd, every_place_shows_the_same_usd_total): the view shows the
  // summary it is given, a card per currency and one in US dollars, and adds nothing up itself.
  it("shows the core's totals per currency and in US dollars, adding nothing across currencies", async () => {
    await renderView();

    const cards = screen.getAllByTestId('pledge-summary-currency');
    expect(cards.map((card) => card.dataset.currency)).toEqual(['USD', 'EUR']);
    const figures = (card: HTMLElement) =>
      ['pledged', 'committed', 'paid'].map((stage) => within(card).getByTestId(`currency-${stage}`).textContent);
    expect(figures(cards[0])).toEqual(['US$45,000,000.00', 'US$30,000,000.00', 'US$5,000,000.00']);
    expect(figures(cards[1])).toEqual(['€12,500,000.50', '€0.00', '€0.00']);

    const usd = screen.getByTestId('pledge-summary-usd');
    expect(within(usd).getByTestId('usd-pledged')).toHaveTextContent('US$58,540,000.54');
    expect(within(usd).getByTestId('usd-committed')).toHaveTextContent('US$30,000,000.00');
    expect(within(usd).getByTestId('usd-paid')).toHaveTextContent('US$5,000,000.00');
    expect(screen.getByTestId('pledge-usd-without-rate')).toHaveTextContent('left out for want of a recorded rate: 1');
    expect(screen.getByTestId('pledge-summary-in-kind')).toHaveTextContent('In-kind pledges: 1');

    // 45,000,000.00 USD + 12,500,000.50 EUR must never be shown as one figure.
    expect(document.body.textContent).not.toMatch(/57,500,000/);
  });

  it('draws one chart per currency, each year stacked by stage with exact amounts', async () => {
    await renderView();

    const charts = screen.getAllByTestId('pledge-chart');
    expect(charts.map((chart) => chart.dataset.currency)).toEqual(['USD', 'EUR']);
    const [usd, eur] = charts;
    // SVG attributes only: the CSP forbids inline styles.
    expect(usd.querySelector('[style]')).toBeNull();

    // 2024: 15M pledged, all committed, 5M paid → 5M paid, 10M committed not paid, nothing only announced.
    expect(bar(usd, 2024).amounts).toEqual({ paid: '5000000.00', committed: '10000000.00', announced: '0.00' });
    expect(bar(usd, 2025).amounts).toEqual({ paid: '0.00', committed: '15000000.00', announced: '0.00' });
    expect(bar(usd, 2026).amounts).toEqual({ paid: '0.00', committed: '0.00', announced: '15000000.00' });

    // Heights follow the amounts: paid is a third of the 2024 bar, and the three bars are equal.
    const b2024 = bar(usd, 2024).heights;
    const total2024 = b2024.paid + b2024.committed + b2024.announced;
    expect(b2024.paid / total2024).toBeCloseTo(1 / 3, 3);
    expect(b2024.announced).toBe(0);
    const full = (year: number) => Object.values(bar(usd, year).heights).reduce((a, b) => a + b, 0);
    expect(full(2025)).toBeCloseTo(total2024, 3);
    expect(full(2026)).toBeCloseTo(total2024, 3);

    // The euro chart holds only euro years; the figures table repeats the exact amounts.
    expect([...eur.querySelectorAll('g[data-year]')].map((g) => g.getAttribute('data-year'))).toEqual(['2025', '2026']);
    expect(bar(eur, 2025).amounts).toEqual({ paid: '0.00', committed: '0.00', announced: '6250000.25' });
    const rows = within(eur).getAllByTestId('pledge-year-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      '2025€6,250,000.25€0.00€0.00',
      '2026€6,250,000.25€0.00€0.00',
    ]);
    expect(usd.textContent).not.toContain('€');
  });

  it('reads the years of the chart from the right in Arabic', async () => {
    await renderView();
    const english = screen.getAllByTestId('pledge-chart')[0];
    expect(bar(english, 2024).x).toBeLessThan(bar(english, 2026).x);

    setLang('ar');
    await waitFor(() => {
      const arabic = screen.getAllByTestId('pledge-chart')[0];
      expect(bar(arabic, 2024).x).toBeGreaterThan(bar(arabic, 2026).x);
    });
  });

  it('lists every pledge: donors, total, US dollars, years and stage', async () => {
    await renderView();
    const rows = screen.getAllByTestId('pledge-row');
    expect(rows).toHaveLength(4);

    const cell = (row: HTMLElement, id: string) => within(row).getByTestId(id).textContent?.replace(/\s+/g, ' ').trim();
    expect(rows[0]).toHaveTextContent('State of Qatar');
    expect(cell(rows[0], 'pledge-row-total')).toBe('US$45,000,000.00 paid so far US$5,000,000.00');
    expect(cell(rows[0], 'pledge-row-usd')).toBe('US$45,000,000.00');
    expect(cell(rows[0], 'pledge-row-years')).toBe('2024–2026');
    expect(within(rows[0]).getByTestId('stage-badge')).toHaveTextContent('Announced');

    expect(rows[1]).toHaveTextContent('European UnionGovernment of Germany');
    expect(cell(rows[1], 'pledge-row-total')).toBe('€12,500,000.50');
    expect(cell(rows[1], 'pledge-row-usd')).toBe('US$13,540,000.54');

    expect(cell(rows[2], 'pledge-row-total')).toBe('In kind Training venues');
    expect(cell(rows[2], 'pledge-row-usd')).toBe('—');
    expect(cell(rows[2], 'pledge-row-years')).toBe('—');

    expect(cell(rows[3], 'pledge-row-total')).toBe('JP¥500,000,000');
    expect(within(rows[3]).getByTestId('stage-badge')).toHaveTextContent('Cancelled');
  });

  it("names donors and recipient in the interface's language, the other script isolated", async () => {
    const [qatar, ...rest] = listing().pledges;
    const named = {
      ...qatar,
      donors: [{ en: 'State of Qatar', ar: 'دولة قطر' }, { en: 'Qatar Fund for Development', ar: '' }],
      recipient: { en: 'UNOCT', ar: 'مكتب الأمم المتحدة لمكافحة الإرهاب' },
    };
    vi.mocked(client.pledgeList).mockResolvedValue({ ...listing(), pledges: [named, ...rest] });
    setLang('ar');
    try {
      await renderView();
      const row = screen.getAllByTestId('pledge-row')[0];
      const names = [...row.querySelectorAll('bdi[lang]')].map((el) => [el.textContent, el.getAttribute('lang')]);
      expect(names).toEqual([
        ['دولة قطر', 'ar'],
        ['Qatar Fund for Development', 'en'],
        ['مكتب الأمم المتحدة لمكافحة الإرهاب', 'ar'],
      ]);
      // Filtering by donor finds a name in either language.
      await fireEvent.input(screen.getByTestId('pledge-filter-donor'), { target: { value: 'state of' } });
      expect(screen.getAllByTestId('pledge-row')).toHaveLength(1);
    } finally {
      setLang('en');
    }
  });

  it('filters by stage, currency and donor, and says when nothing matches', async () => {
    await renderView();
    const donors = () => screen.queryAllByTestId('pledge-row').map((row) => row.dataset.id);

    await fireEvent.change(screen.getByTestId('pledge-filter-stage'), { target: { value: 'cancelled' } });
    expect(donors()).toEqual(['pl-4']);
    expect(screen.getByTestId('pledge-count')).toHaveTextContent('Showing 1 of 4');

    await fireEvent.change(screen.getByTestId('pledge-filter-stage'), { target: { value: '' } });
    await fireEvent.change(screen.getByTestId('pledge-filter-currency'), { target: { value: 'EUR' } });
    expect(donors()).toEqual(['pl-2']);

    await fireEvent.change(screen.getByTestId('pledge-filter-currency'), { target: { value: '' } });
    // Any donor of a joint pledge matches, whatever the case.
    await fireEvent.input(screen.getByTestId('pledge-filter-donor'), { target: { value: 'GERMANY' } });
    expect(donors()).toEqual(['pl-2']);
    // Arabic short vowels typed or not: قَطَر finds قطر.
    await fireEvent.input(screen.getByTestId('pledge-filter-donor'), { target: { value: 'قَطَر' } });
    expect(donors()).toEqual(['pl-3']);

    await fireEvent.input(screen.getByTestId('pledge-filter-donor'), { target: { value: 'Atlantis' } });
    expect(donors()).toEqual([]);
    expect(screen.getByTestId('pledges-no-match')).toHaveTextContent('No pledge matches these filters.');
    await fireEvent.click(screen.getByTestId('pledge-filter-clear'));
    expect(donors()).toHaveLength(4);
    // Filters narrow the ledger, not the totals.
    expect(screen.getAllByTestId('pledge-summary-currency')).toHaveLength(2);
  });

  it('opens a pledge from anywhere on its row, and from the link in it', async () => {
    await renderView();
    const row = screen.getAllByTestId('pledge-row')[1];
    await fireEvent.click(within(row).getByText('UNDP'));
    expect(location.hash).toBe('#/events/ev-1/pledges/pl-2');
    expect(within(row).getByTestId('pledge-link')).toHaveAttribute('href', '#/events/ev-1/pledges/pl-2');
  });

  it('invites to record the first pledge when there is none', async () => {
    vi.mocked(client.pledgeList).mockResolvedValue({
      pledges: [],
      summary: summary({ currencies: [], years: [], inKind: 0, cancelled: 0 }),
    });
    await renderView();
    expect(screen.getByTestId('pledges-empty')).toHaveTextContent('No pledges recorded for this event yet.');
    expect(screen.queryByTestId('pledge-chart')).toBeNull();
    expect(screen.queryByTestId('pledge-row')).toBeNull();
  });

  it('explains a missing event', async () => {
    vi.mocked(client.eventGet).mockRejectedValue({ code: 'not_found', field: 'id', reason: 'not_found', message: '' });
    render(PledgesView, { props: { id: 'gone' } });
    expect(await screen.findByText('This event does not exist, or it was deleted.')).toBeInTheDocument();
  });
});
