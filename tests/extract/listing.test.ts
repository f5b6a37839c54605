import { describe, expect, it } from 'vitest';
import { extractPage } from '../../lib/extract';
import { extractListing, parseCitation } from '../../lib/extract/listing';
import { pageText } from '../../lib/extract/page-text';
import { dom, URL } from './helpers';

describe('listings', () => {
  it('yields one item per reference entry, in page order', () => {
    const doc = dom(`<h1>Resources</h1>
      <p>Aalto, N., &amp; Reuter, E. (Eds.). (2006). <em>Aspects of intercultural dialogue</em>. Koln: SAXA Verlag.</p>
      <p>Abramovich, D. (2005). Overcoming the cultural barriers of conflict. <em>Journal of Intercultural Studies, 26</em>(4), 293-313.</p>
      <p>Abu-Nimer, M. (1999). <em>Dialogue, conflict resolution and change</em>. Albany, NY: State University of New York.</p>`);
    const items = extractPage(doc, URL).items.map((c) => c.item);
    expect(items.map((i) => i.title)).toEqual(['Aspects of intercultural dialogue', 'Overcoming the cultural barriers of conflict', 'Dialogue, conflict resolution and change']);
    expect(items[0]).toMatchObject({ editor: [{ family: 'Aalto', given: 'N.' }, { family: 'Reuter', given: 'E.' }], publisher: 'SAXA Verlag', 'publisher-place': 'Koln' });
    expect(items[1]).toMatchObject({ 'container-title': 'Journal of Intercultural Studies', volume: '26', issue: '4' });
    expect(items[2]).toMatchObject({ 'publisher-place': 'Albany, NY', publisher: 'State University of New York' });
  });
  it('reads French entries with (dir.) and an emphasised title', () => {
    const doc = dom('<p>. Christel Cournil &amp; Chloé Vlassopoulos (dir.), <em>Mobilité humaine et environnement. Du global au local</em>, Versailles, éditions Quae, 2015.</p>');
    const item = parseCitation(pageText(doc).blocks[0]!)!;
    expect(item).toMatchObject({ title: 'Mobilité humaine et environnement: Du global au local', 'publisher-place': 'Versailles', publisher: 'éditions Quae', issued: [2015] });
    expect(item.editor).toHaveLength(2);
  });
  it('reads headed entries grouped under a date heading', () => {
    const doc = dom('<h3>January 2008</h3><h4>Supporting Excellence In The Arts</h4><p>Proposes new ways.</p><h4>After the Art Wars</h4><p>A history.</p><h4>Public Art: A Provocation</h4><p>Essays.</p>');
    const drafts = extractListing(doc, URL).drafts;
    expect(drafts.map((d) => d.item.title)).toEqual(['Supporting Excellence In The Arts', 'After the Art Wars', 'Public Art: A Provocation']);
    expect(drafts[0]!.item.issued).toEqual([2008, 1]);
  });
  it('reads the names in hand-written imprint lines under headed entries', () => {
    const doc = dom(`<h1>New publications</h1>
      <div><h2>Culture and the City</h2><p>By Marta Kowalska and Jan Novák, Prague: Arts Institute, 2018, 214 pages, ISBN 978-80-7008-412-0</p><p>The authors compare strategies.</p></div>
      <div><h2>Measuring Participation in the Arts</h2><p>By UNESCO Institute for Statistics, Montreal, 2017, 96 pages</p><p>A handbook on surveys.</p></div>
      <div><h2>Festivals and Public Space</h2><p>Edited by Laura Bianchi, Milan: Fondazione Cariplo, 2016, 158 pp.</p><p>Ten essays.</p></div>`);
    const [a, b, c] = extractPage(doc, URL).items.map((i) => i.item);
    expect(a).toMatchObject({ author: [{ family: 'Kowalska', given: 'Marta' }, { family: 'Novák', given: 'Jan' }], publisher: 'Arts Institute', 'publisher-place': 'Prague' });
    expect(b).toMatchObject({ author: [{ literal: 'UNESCO Institute for Statistics' }], publisher: 'UNESCO Institute for Statistics', 'publisher-place': 'Montreal', 'number-of-pages': '96' });
    expect(c).toMatchObject({ editor: [{ family: 'Bianchi', given: 'Laura' }], publisher: 'Fondazione Cariplo', 'publisher-place': 'Milan', 'number-of-pages': '158' });
    expect(c!.author).toBeUndefined();
  });
  it('reads several titles named in one sentence, each followed by its editors', () => {
    const doc = dom(`<h1>Tri knjige</h1><p>Predstavljene knjige - "First Book: Making It Work", koju su uredili Nina Obuljen i Joost Smiers, "Second Book: New Ways" urednice Biserke Cvjetičanin i "Third Book in the Region" urednice Nade Švob-Đokić.</p>`);
    const items = extractPage(doc, URL).items.map((c) => c.item);
    expect(items.map((i) => i.title)).toEqual(['First Book: Making It Work', 'Second Book: New Ways', 'Third Book in the Region']);
    expect(items.map((i) => i.editor?.map((e) => e.family))).toEqual([['Obuljen', 'Smiers'], ['Cvjetičanin'], ['Švob-Đokić']]);
  });
  it('reads a column of paragraphs, each with an emphasised title, its writers and its publisher', () => {
    const doc = dom(`<h2>Le coin jeunesse</h2>
      <p>Les petites histoires de <b>Bravo mon petit!</b>, imaginées par Louison Nielman, psychologue, sont charmantes. C'est publié chez Fleurus.</p>
      <p>Pour les ados, c'est <b>l'Île maudite</b>, sur un scénario coécrit par Catherine Mollica et Jean-François Rochas. Chez le même éditeur, Fleurus.</p>
      <p>Chez l'éditeur Saltimbanque, un lapin nous fait découvrir un jardin. C'est <b>La semaine du jardinier heureux</b>, un grand album.</p>`);
    const items = extractPage(doc, URL).items.map((c) => c.item);
    expect(items.map((i) => [i.title, i.publisher])).toEqual([['Bravo mon petit!', 'Fleurus'], ["L'Île maudite", 'Fleurus'], ['La semaine du jardinier heureux', 'Saltimbanque']]);
    expect(items[1]!.author).toEqual([{ family: 'Mollica', given: 'Catherine' }, { family: 'Rochas', given: 'Jean-François' }]);
  });
  it('does not make a listing of one titled work or of titles without names', () => {
    const doc = dom('<h1>News</h1><p>The articles take up “Global Citizenship and Identity” and “Conflict and Cooperation”, among others.</p><p>The book “One Work” by Ana Horvat is out.</p>');
    expect(extractListing(doc, URL).drafts).toEqual([]);
  });
  it('adds the special issues a listing describes in prose, with their co-editors; a planned issue without a theme is not one', () => {
    const doc = dom(`<h1>Books &amp; Journals</h1>
      <h3>Cultural Governance in a Global Context, 2019</h3><p>Editors: Annick Schramme and Ian W. King.</p><p>The book looks at governance.</p>
      <h3>Making Culture Count, 2015</h3><p>Editors: Lachlan MacDowall and Kim Dunphy.</p><p>It gathers views.</p>
      <p>This special edition: ‘Regenerating Community: Arts and Governance’ of the journal presents keynotes.</p>
      <p>This edition of the e-Journal was produced on the topic of ‘Creative Local Communities’. Co-edited by XYZ staff members Kim Dunphy and John Smithies, it brings articles together.</p>
      <p>Plans include the publication of a special issue of the Review (2018).</p>`);
    const items = extractPage(doc, URL).items.map((c) => c.item);
    expect(items.map((i) => i.title)).toEqual(['Cultural Governance in a Global Context', 'Making Culture Count', 'Regenerating Community: Arts and Governance', 'Creative Local Communities']);
    expect(items[3]).toMatchObject({ type: 'periodical', editor: [{ family: 'Dunphy', given: 'Kim' }, { family: 'Smithies', given: 'John' }] });
  });
  it('caps a 100,000-entry listing', () => {
    const rows = Array.from({ length: 100000 }, (_, i) => `<li>Author, A. (2001). Title number ${i}. Paris: Press.</li>`).join('');
    const t0 = Date.now();
    const r = extractPage(dom(`<ul>${rows}</ul>`), URL);
    expect(r.items.length).toBeLessThanOrEqual(500);
    expect(Date.now() - t0).toBeLessThan(15000);
  }, 30000);
});
