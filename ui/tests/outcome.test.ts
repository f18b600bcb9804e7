// The outcome editor against the mock client (src/api/mock/), which keeps the demo forum's
// canned draft in memory and changes it as it is told. The tests run in order on that one
// document: edit, delete, add, then adopt. The rules for versions (an adopted version is
// frozen, an edit after it starts the next draft, versions compare) and for sections (an
// opening statement names its speaker) are the core's: src/outcome/tests.rs and
// tests/it/outcome.rs check them, and e2e/outcome.test.mjs in the window.
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import * as client from '../src/api/client';
import type { RichText } from '../src/api/types';
import { setLang } from '../src/i18n/index.svelte';
import { parseHash, paths } from '../src/router.svelte';
import OutcomeView from '../src/views/outcome/OutcomeView.svelte';
import { readFrom, renderInto } from '../src/views/outcome/rich';

vi.mock('../src/api/client', () => import('../src/api/mock/client'));

const EVENT = 'demo-forum';
const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> <b>not bold</b>';

async function renderEditor() {
  render(OutcomeView, { props: { id: EVENT } });
  await screen.findByTestId('outcome-view');
  return screen.getAllByTestId('outcome-section');
}

function typeInto(area: HTMLElement, text: string) {
  area.textContent = text;
  return fireEvent.input(area);
}

describe('rich text to and from the editable area', () => {
  const check = (text: RichText) => {
    const root = document.createElement('div');
    renderInto(root, text);
    expect(readFrom(root)).toEqual(text);
    return root;
  };

  it('keeps paragraphs, bold, italic, line breaks and both kinds of list', () => {
    const root = check([
      { type: 'paragraph', spans: [{ text: 'The ' }, { text: 'forum', bold: true }, { text: ' agreed', italic: true }] },
      { type: 'paragraph', spans: [{ text: 'Line one\nline two' }, { text: 'both', bold: true, italic: true }] },
      { type: 'bullets', items: [[{ text: 'a' }], [{ text: 'b', bold: true }]] },
      { type: 'numbered', items: [[{ text: 'أولًا' }], [{ text: 'ثانيًا' }]] },
    ]);
    expect(root.querySelectorAll('p')).toHaveLength(2);
    expect(root.querySelector('ul')?.children).toHaveLength(2);
    expect(root.querySelector('ol li')?.textContent).toBe('أولًا');
  });

  it('writes text that looks like HTML as text', () => {
    const root = check([{ type: 'paragraph', spans: [{ text: HOSTILE }] }]);
    expect(root.querySelector('script, img, b')).toBeNull();
    expect(root.textContent).toBe(HOSTILE);
  });

  it('reads what an editable area makes of typing and pasting, and nothing else', () => {
    const root = document.createElement('div');
    // What WebKit produces: loose text, lines in <div>s, <br>, styled spans, no-break spaces.
    root.append('First ');
    const strong = document.createElement('strong');
    strong.textContent = 'line';
    root.append(strong);
    const div = document.createElement('div');
    div.append('Second\u00a0line', document.createElement('br'));
    const styled = document.createElement('span');
    styled.style.fontWeight = 'bold';
    styled.textContent = 'heavy';
    div.append(styled);
    const blank = document.createElement('div');
    blank.append(document.createElement('br'));
    const script = document.createElement('script');
    script.textContent = 'alert(1)';
    const link = document.createElement('a');
    link.href = 'http://example.org';
    link.textContent = 'a link';
    const p = document.createElement('p');
    p.append(script, link);
    root.append(div, blank, p);
    expect(readFrom(root)).toEqual([
      { type: 'paragraph', spans: [{ text: 'First ' }, { text: 'line', bold: true }] },
      { type: 'paragraph', spans: [{ text: 'Second line\n' }, { text: 'heavy', bold: true }] },
      { type: 'paragraph', spans: [{ text: 'a link' }] },
    ]);
  });
});

describe('the outcome editor', () => {
  it('is at #/events/<id>/outcome', () => {
    expect(paths.outcome(EVENT)).toBe('/events/demo-forum/outcome');
    expect(parseHash('#/events/demo-forum/outcome')).toEqual({ name: 'outcome', id: EVENT });
  });

  it('shows the sections in order, English and Arabic side by side, marking a missing language', async () => {
    const sections = await renderEditor();
    expect(sections.map((s) => s.dataset.kind)).toEqual(['summary', 'recommendation', 'pledges', 'participation']);
    expect(within(sections[1]).getByTestId('section-kind')).toHaveTextContent('Recommendation 1');
    const mark = within(sections[1]).getByTestId('mark-ar');
    expect(mark).toHaveAttribute('data-state', 'missing');
    expect(mark).toHaveTextContent('Arabic missing');
    expect(within(sections[0]).queryByTestId('mark-ar')).toBeNull();
    // Arabic is its own right-to-left column, after English.
    const columns = within(sections[0]).getAllByTestId(/^column-/);
    expect(columns.map((c) => [c.dataset.testid, c.getAttribute('dir'), c.getAttribute('lang')])).toEqual([
      ['column-en', 'ltr', 'en'],
      ['column-ar', 'rtl', 'ar'],
    ]);
    expect(within(sections[0]).getByTestId('section-body-ar')).toHaveAttribute('dir', 'rtl');
    // Generated sections: a note, and nothing to edit.
    const pledges = sections[2];
    expect(within(pledges).getByTestId('generated-note')).toHaveTextContent('pledges ledger');
    expect(pledges.querySelector('[contenteditable]')).toBeNull();
    expect(within(pledges).queryByTestId('save-section')).toBeNull();
  });

  it('saves a translation: HTML typed stays text, and the mark goes', async () => {
    setLang('ar');
    const sections = await renderEditor();
    const recommendation = sections[1];
    expect(within(recommendation).getByTestId('section-kind')).toHaveTextContent('التوصية ١');
    const save = within(recommendation).getByTestId('save-section');
    expect(save).toBeDisabled();
    await typeInto(within(recommendation).getByTestId('section-body-ar'), HOSTILE);
    expect(within(recommendation).getByTestId('unsaved')).toBeInTheDocument();
    await fireEvent.click(save);
    await waitFor(() => expect(within(screen.getAllByTestId('outcome-section')[1]).queryByTestId('mark-ar')).toBeNull());

    const stored = await client.outcomeGet(EVENT, null);
    expect(stored.sections[1].section.bodyAr).toEqual([{ type: 'paragraph', spans: [{ text: HOSTILE }] }]);
    expect(stored.sections[1].section.bodyEn).toEqual([
      { type: 'paragraph', spans: [{ text: 'Share hydrological data across borders.' }] },
    ]);
    // Shown again as text: no element was made from it, nothing ran.
    const area = within(screen.getAllByTestId('outcome-section')[1]).getByTestId('section-body-ar');
    expect(area.textContent).toBe(HOSTILE);
    expect(document.querySelector('[data-testid=outcome-view] script, [data-testid=outcome-view] img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('deletes a section only once confirmed', async () => {
    const sections = await renderEditor();
    await fireEvent.click(within(sections[0]).getByTestId('delete-section'));
    await fireEvent.click(screen.getByTestId('cancel-delete-section'));
    expect((await client.outcomeGet(EVENT, null)).sections).toHaveLength(4);
    await fireEvent.click(within(sections[0]).getByTestId('delete-section'));
    await fireEvent.click(screen.getByTestId('confirm-delete-section'));
    await waitFor(() => expect(screen.getAllByTestId('outcome-section')).toHaveLength(3));
    expect(screen.getAllByTestId('outcome-section')[0].dataset.kind).toBe('recommendation');
  });

  it('adds a section of the chosen kind at the end and takes the person to it', async () => {
    const before = (await renderEditor()).length;
    await fireEvent.change(screen.getByTestId('new-section-kind'), { target: { value: 'key_messages' } });
    await fireEvent.click(screen.getByTestId('add-section'));
    await waitFor(() => expect(screen.getAllByTestId('outcome-section')).toHaveLength(before + 1));
    const added = screen.getAllByTestId('outcome-section').at(-1)!;
    expect(added.dataset.kind).toBe('key_messages');
    await waitFor(() => expect(added.contains(document.activeElement)).toBe(true));
  });

  it('adopts the draft after confirming; the adopted version is read-only until a new draft is started', async () => {
    const sections = await renderEditor();
    // Unsaved changes hold adoption back.
    await typeInto(within(sections[0]).getByTestId('section-body-en'), 'Share all hydrological data.');
    expect(screen.getByTestId('adopt-version')).toBeDisabled();
    await fireEvent.click(within(sections[0]).getByTestId('discard-section'));
    await waitFor(() => expect(screen.getByTestId('adopt-version')).not.toBeDisabled());

    await fireEvent.click(screen.getByTestId('adopt-version'));
    await fireEvent.click(screen.getByTestId('cancel-adopt'));
    expect((await client.outcomeGet(EVENT, null)).version?.adopted).toBeNull();
    await fireEvent.click(screen.getByTestId('adopt-version'));
    await fireEvent.click(screen.getByTestId('confirm-adopt'));

    const note = await screen.findByTestId('adopted-note');
    expect(note).toHaveTextContent(/Version 1 was adopted on .+ by organiser\. It can no longer be changed\./);
    expect(document.querySelector('[contenteditable]')).toBeNull();
    expect(screen.queryByTestId('add-section')).toBeNull();
    expect(screen.queryByTestId('delete-section')).toBeNull();
    expect(screen.getAllByTestId('section-text-en')[0]).toHaveTextContent('Share hydrological data across borders.');

    // Starting the next draft opens the sections to editing again.
    await fireEvent.click(screen.getByTestId('start-draft'));
    await waitFor(() => expect(document.querySelector('[contenteditable]')).not.toBeNull());
  });
});

describe('certificates from the outcome view', () => {
  it("export in each participant's language by default, or as chosen, for the status chosen", async () => {
    const spy = vi.spyOn(client, 'certificatesExport');
    await renderEditor();
    expect(screen.getByTestId('export-certificates-lang')).toHaveValue('person');
    expect(screen.getByTestId('certificates-person-hint')).toHaveTextContent('Arab League');
    expect(screen.getByLabelText('Certificates for')).toHaveValue('');
    await fireEvent.click(screen.getByTestId('export-certificates'));
    await waitFor(() => expect(spy).toHaveBeenCalledWith(EVENT, 'person', null));

    await fireEvent.change(screen.getByTestId('export-certificates-lang'), { target: { value: 'both' } });
    await fireEvent.change(screen.getByTestId('export-certificates-status'), { target: { value: 'checked_in' } });
    expect(screen.queryByTestId('certificates-person-hint')).toBeNull();
    await waitFor(() => expect(screen.getByTestId('export-certificates')).not.toBeDisabled());
    await fireEvent.click(screen.getByTestId('export-certificates'));
    await waitFor(() => expect(spy).toHaveBeenLastCalledWith(EVENT, 'both', 'checked_in'));
    spy.mockRestore();
  });

  it('offers the choices in Arabic', async () => {
    setLang('ar');
    await renderEditor();
    const options = [...(screen.getByTestId('export-certificates-lang') as HTMLSelectElement).options].map((o) => o.text);
    expect(options[0]).toBe('لغة كل مشارك');
    expect(screen.getByTestId('export-certificates-status')).toHaveTextContent('كل من لم يعتذر');
  });
});
