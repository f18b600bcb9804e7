// The outcome's rich text (paragraphs, bold/italic, bulleted and numbered lists) to and from
// the editable area. Writing builds elements one by one with text nodes, so what people wrote
// can never become markup; reading keeps only the structure the core stores and takes
// everything else as its text, so pasted or dropped HTML cannot get in either.
import type { RichBlock, RichText, Span } from '../../api/types';

type Style = { bold: boolean; italic: boolean };

/** Replaces what `root` shows with `text`. */
export function renderInto(root: HTMLElement, text: RichText): void {
  const doc = root.ownerDocument;
  const line = (parent: HTMLElement, spans: Span[]) => {
    for (const span of spans) {
      span.text.split('\n').forEach((part, i) => {
        if (i > 0) parent.append(doc.createElement('br'));
        if (!part) return;
        let node: Node = doc.createTextNode(part);
        for (const [on, tag] of [
          [span.italic, 'i'],
          [span.bold, 'b'],
        ] as const) {
          if (!on) continue;
          const wrapper = doc.createElement(tag);
          wrapper.append(node);
          node = wrapper;
        }
        parent.append(node);
      });
    }
    return parent;
  };
  root.replaceChildren(
    ...text.map((block) => {
      if (block.type === 'paragraph') return line(doc.createElement('p'), block.spans);
      const list = doc.createElement(block.type === 'bullets' ? 'ul' : 'ol');
      list.append(...block.items.map((item) => line(doc.createElement('li'), item)));
      return list;
    }),
  );
}

const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER']);

/** Reads `root` back as rich text. Blank paragraphs and items are left out (the core refuses them). */
export function readFrom(root: HTMLElement): RichText {
  const blocks: RichBlock[] = [];
  let loose: Span[] = [];
  const flush = () => {
    const spans = tidy(loose);
    if (spans.length) blocks.push({ type: 'paragraph', spans });
    loose = [];
  };
  for (const child of Array.from(root.childNodes)) {
    const tag = child.nodeType === 1 ? (child as Element).tagName : '';
    if (tag === 'UL' || tag === 'OL') {
      flush();
      const items = Array.from((child as Element).children)
        .filter((li) => li.tagName === 'LI')
        .map((li) => tidy(inline(li, { bold: false, italic: false })))
        .filter((spans) => spans.length > 0);
      if (items.length) blocks.push({ type: tag === 'UL' ? 'bullets' : 'numbered', items });
    } else if (BLOCKS.has(tag)) {
      flush();
      const element = child as HTMLElement;
      // WebKit wraps lines in <div>s, sometimes around a list: read nested blocks as blocks.
      if (Array.from(element.children).some((c) => BLOCKS.has(c.tagName) || c.tagName === 'UL' || c.tagName === 'OL')) {
        blocks.push(...readFrom(element));
      } else {
        loose = inline(element, { bold: false, italic: false });
        flush();
      }
    } else {
      loose.push(...inline(child, { bold: false, italic: false }));
    }
  }
  flush();
  return blocks;
}

function inline(node: Node, style: Style): Span[] {
  if (node.nodeType === 3) return [{ text: (node as Text).data, ...style }];
  if (node.nodeType !== 1) return [];
  const element = node as HTMLElement;
  const tag = element.tagName;
  if (tag === 'BR') return [{ text: '\n', ...style }];
  if (tag === 'SCRIPT' || tag === 'STYLE') return [];
  const weight = element.style?.fontWeight ?? '';
  const next: Style = {
    bold: style.bold || tag === 'B' || tag === 'STRONG' || weight === 'bold' || Number(weight) >= 600,
    italic: style.italic || tag === 'I' || tag === 'EM' || element.style?.fontStyle === 'italic',
  };
  const spans = Array.from(element.childNodes).flatMap((child) => inline(child, next));
  // A block inside a line (a <div> in a list item) starts a new line.
  if (BLOCKS.has(tag) && spans.length) spans.unshift({ text: '\n', ...style });
  return spans;
}

/**
 * Merges neighbours of the same style, turns the editor's no-break spaces into spaces, drops
 * control characters and the line breaks at either end; nothing at all when only blanks are left.
 */
function tidy(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const text = span.text.replace(/\u00a0/g, ' ').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '');
    if (!text) continue;
    const last = out.at(-1);
    if (last && !!last.bold === !!span.bold && !!last.italic === !!span.italic) last.text += text;
    else out.push(styled(text, !!span.bold, !!span.italic));
  }
  if (out.length) out[0].text = out[0].text.replace(/^\n+/, '');
  if (out.length) out[out.length - 1].text = out[out.length - 1].text.replace(/\n+$/, '');
  const kept = out.filter((span) => span.text);
  return kept.every((span) => !span.text.trim()) ? [] : kept;
}

/** A span as the core writes it: no `bold`/`italic` keys when off. */
function styled(text: string, bold: boolean, italic: boolean): Span {
  return { text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}) };
}

/** Whether two rich texts are the same, as stored. */
export function sameText(a: RichText, b: RichText): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The text without styles, for comparisons and checks. */
export function plain(text: RichText): string {
  const join = (spans: Span[]) => spans.map((s) => s.text).join('');
  return text
    .flatMap((block) => (block.type === 'paragraph' ? [join(block.spans)] : block.items.map(join)))
    .join('\n');
}
