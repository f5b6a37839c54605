/**
 * One walk over the document that every text-reading source shares: the visible content as a list of blocks
 * (paragraphs, headings, list items, cells), with line breaks and emphasised spans kept. Navigation, headers,
 * footers, sidebars and scripts are left out. The walk is capped so that huge pages stay fast.
 */
export interface Span {
  start: number;
  end: number;
}

export interface Block {
  index: number;
  tag: string;
  /** 1–6 for headings, 0 otherwise. */
  level: number;
  /** Text with `\n` where the page has a line break; spaces collapsed. */
  text: string;
  /** Emphasised (em, i, b, strong, cite) spans of `text`. */
  emphasis: Span[];
  /** The element it was read from; absent for blocks made from plain text (a selection). */
  el?: Element;
  /** Class/id of the block and its nearest ancestors, lower case, for hints such as "date" or "byline". */
  hint: string;
}

export interface PageText {
  blocks: Block[];
  truncated: boolean;
  elementCount: number;
}

const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'NAV', 'FOOTER', 'ASIDE', 'FORM', 'SELECT', 'BUTTON',
  'IFRAME', 'OBJECT', 'CANVAS', 'MATH', 'HEAD', 'TEXTAREA', 'OPTION',
]);
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'TD', 'TH', 'DT', 'DD', 'SECTION', 'ARTICLE', 'MAIN',
  'HEADER', 'UL', 'OL', 'DL', 'TABLE', 'TR', 'TBODY', 'THEAD', 'BLOCKQUOTE', 'FIGCAPTION', 'FIGURE', 'PRE', 'ADDRESS',
  'CENTER', 'BODY', 'HR',
]);
const EMPHASIS_TAGS = new Set(['EM', 'I', 'B', 'STRONG', 'CITE']);
// Class/id words that mark page chrome rather than content.
const CHROME = /(^|[\s_-])(nav|navbar|menu|topnav|leftcol|sidebar|breadcrumbs?|footer|site-header|site-footer|widget|widget-area|comments?|comment-respond|share|sharing|related|subnav|cookie|banner|pagination|pager|skip|search-box|lang|social|advert|adv|totop|retour)($|[\s_-])/;

export const MAX_BLOCKS = 4000;
const MAX_ELEMENTS = 60000;
const MAX_BLOCK_CHARS = 20000;

const cache = new WeakMap<Document, PageText>();

function attr(el: Element, name: string): string {
  const v = el.getAttribute(name);
  return v ? v.toLowerCase() : '';
}

function isChrome(el: Element): boolean {
  const tag = el.tagName;
  if (SKIP_TAGS.has(tag)) return true;
  if (el.getAttribute('hidden') !== null || attr(el, 'aria-hidden') === 'true') return true;
  const style = attr(el, 'style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/.test(style)) return true;
  if (tag === 'HEADER') {
    // A site header is chrome; an article's own header (entry-header) carries its title.
    let p = el.parentElement;
    while (p) {
      if (p.tagName === 'ARTICLE' || p.tagName === 'MAIN') return false;
      p = p.parentElement;
    }
    return !/entry|post|article|page-header/.test(attr(el, 'class'));
  }
  const ci = `${attr(el, 'class')} ${attr(el, 'id')} ${attr(el, 'role')}`.trim();
  if (!ci) return false;
  if (/entry|post-title|article|content|main/.test(ci)) return false;
  return CHROME.test(ci) || /^(navigation|banner|contentinfo|complementary)$/.test(attr(el, 'role'));
}

/** The blocks of visible content, computed once per document. */
export function pageText(doc: Document): PageText {
  const hit = cache.get(doc);
  if (hit) return hit;
  const blocks: Block[] = [];
  let elementCount = 0;
  let truncated = false;
  let cur: { el: Element; tag: string; parts: string[]; len: number; emphasis: Span[]; hint: string } | null = null;

  const flush = () => {
    if (!cur) return;
    const raw = cur.parts.join('');
    if (!cur.emphasis.length) {
      // No offsets to keep: collapse with two linear regexes instead of the character walk below.
      const text = raw.replace(/[^\S\n]+/g, ' ').replace(/ ?\n[ \n]*/g, '\n').trim();
      if (text && blocks.length < MAX_BLOCKS) {
        const tag = cur.tag;
        const level = /^H[1-6]$/.test(tag) ? Number(tag[1]) : 0;
        blocks.push({ index: blocks.length, tag, level, text, emphasis: [], el: cur.el, hint: cur.hint });
      } else if (text) truncated = true;
    } else if (raw.trim()) {
      // Collapse spaces but keep line breaks; remap emphasis offsets through the collapse.
      const map: number[] = [];
      const out: string[] = [];
      let lastSpace = true;
      for (let i = 0; i < raw.length; i++) {
        const ch = raw[i]!;
        map[i] = out.length;
        if (ch === '\n') {
          while (out.length && out[out.length - 1] === ' ') out.pop();
          if (out.length && out[out.length - 1] !== '\n') out.push('\n');
          lastSpace = true;
        } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f' || ch === '\u00a0' || (ch < '!' && /\s/.test(ch))) {
          if (!lastSpace) out.push(' ');
          lastSpace = true;
        } else {
          out.push(ch);
          lastSpace = false;
        }
      }
      const text = out.join('');
      map[raw.length] = text.length;
      const trimmedStart = text.length - text.replace(/^\s+/, '').length;
      const finalText = text.trim();
      const emphasis = cur.emphasis
        .map((s) => ({ start: Math.max(0, (map[s.start] ?? 0) - trimmedStart), end: Math.min(finalText.length, (map[s.end] ?? 0) - trimmedStart) }))
        .filter((s) => s.end > s.start);
      if (finalText && blocks.length < MAX_BLOCKS) {
        const tag = cur.tag;
        const level = /^H[1-6]$/.test(tag) ? Number(tag[1]) : 0;
        blocks.push({ index: blocks.length, tag, level, text: finalText, emphasis, el: cur.el, hint: cur.hint });
      } else if (blocks.length >= MAX_BLOCKS) truncated = true;
    }
    cur = null;
  };

  const hintOf = (el: Element): string => {
    let h = '';
    let e: Element | null = el;
    for (let i = 0; e && i < 3; i++, e = e.parentElement) h += ` ${attr(e, 'class')} ${attr(e, 'id')}`;
    return h.trim();
  };

  const start = (el: Element) => {
    flush();
    cur = { el, tag: el.tagName, parts: [], len: 0, emphasis: [], hint: hintOf(el) };
  };

  const walk = (node: Node, blockEl: Element) => {
    // Sibling links, not childNodes: some DOMs (linkedom) build a fresh list on every childNodes read.
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (truncated) return;
      if (child.nodeType === 3) {
        const t = child.textContent ?? '';
        if (!t) continue;
        if (!cur) start(blockEl);
        const c = cur!;
        if (c.len < MAX_BLOCK_CHARS) {
          c.parts.push(t);
          c.len += t.length;
        }
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      if (++elementCount > MAX_ELEMENTS) {
        truncated = true;
        return;
      }
      if (isChrome(el)) continue;
      const tag = el.tagName;
      if (tag === 'BR') {
        if (cur) {
          const c = cur as { parts: string[]; len: number };
          c.parts.push('\n');
          c.len += 1;
        }
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        start(el);
        walk(el, el);
        start(blockEl);
        continue;
      }
      if (EMPHASIS_TAGS.has(tag)) {
        if (!cur) start(blockEl);
        const c = cur!;
        const s = c.len;
        walk(el, blockEl);
        if (cur === c && c.len > s) c.emphasis.push({ start: s, end: c.len });
        continue;
      }
      walk(el, blockEl);
    }
  };

  const body = doc.body ?? doc.documentElement;
  if (body) {
    start(body);
    walk(body, body);
    flush();
  }
  const result = { blocks, truncated, elementCount };
  cache.set(doc, result);
  return result;
}

/** Text of an element with collapsed spaces (no layout). */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The emphasised substrings of a block. */
export function emphasised(block: Block): string[] {
  return block.emphasis.map((s) => block.text.slice(s.start, s.end).replace(/\s+/g, ' ').trim()).filter(Boolean);
}
