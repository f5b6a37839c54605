import { describe, expect, it } from 'vitest';
import { extractRecord } from '../../lib/extract/record';
import { dom, URL } from './helpers';

describe('catalogue records', () => {
  it('reads a thesis record table; the awarding body is the publisher', () => {
    const doc = dom(`<h2>Thesis details</h2><table>
      <tr><th>Title:</th><td>Towards a new model : a comparative study</td></tr>
      <tr><th>Author:</th><td>Theodoulou-Charalambous, Elena</td></tr>
      <tr><th>Awarding Body:</th><td>Leeds Metropolitan University</td></tr>
      <tr><th>Date of Award:</th><td>2009</td></tr></table>`);
    const d = extractRecord(doc, URL).drafts[0]!;
    expect(d.item).toMatchObject({ type: 'thesis', title: 'Towards a new model: a comparative study', publisher: 'Leeds Metropolitan University', issued: [2009] });
    expect(d.item.author).toEqual([{ family: 'Theodoulou-Charalambous', given: 'Elena' }]);
  });
  it('reads definition lists (print length, ISBN, Japanese date label)', () => {
    const doc = dom('<h1>Head First</h1><dl><dt>発行年月日</dt><dd>2019年04月</dd><dt>PRINT LENGTH</dt><dd>636</dd><dt>ISBN</dt><dd>978-4-87311-874-1</dd></dl>');
    expect(extractRecord(doc, URL).drafts[0]!.item).toMatchObject({ title: 'Head First', issued: [2019, 4], 'number-of-pages': '636', ISBN: '978-4-87311-874-1' });
  });
});
