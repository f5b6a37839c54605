/** Text ⇄ LaTeX: no text can inject a command; accents both ways. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLatex, encodeLatex } from '@/lib/cite/latex';

describe('encodeLatex', () => {
  it('escapes every BibTeX special character', () => {
    expect(encodeLatex('{ } % & $ # _ ~ ^ \\', { ascii: true })).toBe(
      '\\textbraceleft{} \\textbraceright{} \\% \\& \\$ \\# \\_ \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
  });

  it('writes accents as commands for BibTeX and as UTF-8 for BibLaTeX', () => {
    expect(encodeLatex('Švob-Đokić, Émile, Ørsted, Straße, ǘ', { ascii: true })).toBe("{\\v{S}}vob-{\\DJ}oki{\\'{c}}, {\\'{E}}mile, {\\O}rsted, Stra{\\ss}e, {\\'{\\\"{u}}}");
    expect(encodeLatex('Švob-Đokić', { ascii: false })).toBe('Švob-Đokić');
  });

  it('keeps "--" and "\'\'" literal', () => {
    expect(decodeLatex(encodeLatex("a--b ''c''", { ascii: true }))).toBe("a--b ''c''");
  });

  it('leaves no backslash command, brace or unescaped special from the text (any input)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const raw = encodeLatex(s, { ascii: true });
        // Every backslash starts one of the encoder's own commands.
        const commands = raw.match(/\\([A-Za-z]+|.)/g) ?? [];
        for (const c of commands) expect(c).toMatch(/^\\(text[a-z]+|[%&$#_'`^"~=.uvHcdbkr]|ss|ae|AE|oe|OE|o|O|l|L|i|dj|DJ|dh|DH|th|TH|ng|NG)$/);
        // Braces balance.
        let depth = 0;
        for (const ch of raw) {
          depth += ch === '{' ? 1 : ch === '}' ? -1 : 0;
          expect(depth).toBeGreaterThanOrEqual(0);
        }
        expect(depth).toBe(0);
        expect(decodeLatex(raw)).toBe(s.normalize('NFC'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('decodeLatex', () => {
  it('reads the usual accent spellings and symbols', () => {
    expect(decodeLatex("{\\'e}\\'{e}\\'e \\v S \\c{c} {\\\"{\\i}} \\ss{} \\o \\& \\% --- -- \\textendash{} ~ {Case}")).toBe('ééé Š ç ï ß ø& % — – –   Case'); // a control word swallows the space after it, as in TeX
    expect(decodeLatex('\\emph{Title} \\url{http://x}')).toBe('Title http://x');
  });
});
