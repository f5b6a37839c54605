import { describe, expect, it } from 'vitest';
import { cleanTitle, extractAnnouncement } from '../../lib/extract/announcement';
import { extractPage } from '../../lib/extract';
import { authorCue } from '../../lib/extract/cues';
import { dom, URL } from './helpers';

const items = (html: string) => extractPage(dom(html), URL).items.map((c) => c.item);

describe('announcement text', () => {
  it('reads the seed: heading + "By ORG, Place, Year, N pages"; the news year does not win', () => {
    const [item] = items(`<p>home &gt; news &gt; 2018</p><h1>Announcement of New Publication</h1>
      <h2>Cities' External Cultural Relations: Trends and Actions</h2><p><b>By EUROCITIES, Brussels, 2017, 26 pages</b></p>
      <p>EUROCITIES, founded in 1986, is a network of major European cities.</p>`);
    expect(item).toMatchObject({
      title: "Cities' External Cultural Relations: Trends and Actions",
      author: [{ literal: 'EUROCITIES' }],
      publisher: 'EUROCITIES',
      'publisher-place': 'Brussels',
      issued: { 'date-parts': [[2017]] },
      'number-of-pages': '26',
      URL,
    });
  });
  it('without "By" the leading body is publisher only; edited-by lines give editors', () => {
    const [a] = items('<h2>Culture, the Soul of Democracy</h2><p>Council of Europe, Strasbourg, 2007, 18 pp.</p>');
    expect(a).toMatchObject({ publisher: 'Council of Europe', 'publisher-place': 'Strasbourg', 'number-of-pages': '18' });
    expect(a!.author).toBeUndefined();
    const [b] = items('<h2>Compendium of Reference Documents</h2><p>Edited by Máté Kovacs<br>OCPA, Maputo, December 2006, 396 p.</p>');
    expect(b).toMatchObject({ editor: [{ family: 'Kovacs', given: 'Máté' }], publisher: 'OCPA', issued: { 'date-parts': [[2006, 12]] } });
  });
  it('prefers the title a sentence names ("entitled", "the book “…”") over a news headline', () => {
    const [item] = items(`<h1>UNESCO 2018 Global Report</h1><p>On 14 December 2017, UNESCO released its brand new report “Re-shaping Cultural Policies: advancing creativity for Development” from the Global Report series.</p>`);
    expect(item).toMatchObject({ title: 'Re-shaping Cultural Policies: advancing creativity for Development', publisher: 'UNESCO', issued: { 'date-parts': [[2017, 12, 14]] } });
  });
  it('reads German imprint blocks and keeps the edition out of the title', () => {
    const [item] = items(`<h1>Neuerscheinung: Kulturpolitik der Parteien</h1><p>Das Buch fasst Beiträge zusammen. Es erscheint am 14. Juli 2008.</p>
      <p><strong>Kulturpolitik der Parteien: Visionen, Programmatik</strong><br>Hrsg. v. Olaf Zimmermann und Theo Geißler<br>166 Seiten , 12,90 €, ISBN: 978-3-934868-17-5</p>`);
    expect(item).toMatchObject({ title: 'Kulturpolitik der Parteien: Visionen, Programmatik', 'number-of-pages': '166', ISBN: '978-3-934868-17-5', issued: { 'date-parts': [[2008, 7, 14]] } });
    expect(item!.editor).toHaveLength(2);
  });
  it('never takes a year inside a title as the publication date', () => {
    const [item] = items('<h1>2007 Digital Future Report.</h1><p>The Center for the Digital Future at the USC Annenberg School is pleased to present the results of our project. The full report, 127 pages of charts, is available.</p>');
    expect(item).toMatchObject({ title: '2007 Digital Future Report', 'number-of-pages': '127', publisher: 'Center for the Digital Future at the USC Annenberg School' });
    expect(item!.issued).toBeUndefined();
  });
  it('reads an article page with a byline heading as the publication; works named deep in its story are mentions', () => {
    const story = Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i} of the story, long enough to read as running prose about the subject.</p>`).join('');
    const [item, ...rest] = items(`<html><head><title>T</title><meta property="og:type" content="article"><meta property="og:site_name" content="Some Magazine"></head><body>
      <h1>The Hidden Heroines</h1><h6>By Joshua Sokol</h6><p>May 20, 2019</p>${story}
      <p>Lorenz wrote a masterwork titled “Deterministic Nonperiodic Flow.” Published in 1963, it is much cited.</p></body></html>`);
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ title: 'The Hidden Heroines', author: [{ family: 'Sokol', given: 'Joshua' }], issued: { 'date-parts': [[2019, 5, 20]] } });
  });
  it('completes a short headline with the heading below that adds its subtitle', () => {
    const [item] = items(`<html><head><title>T</title><meta property="og:type" content="article"></head><body>
      <h1>Basics on arts participation</h1><p>By Anna Villarroya</p><h2>Basics on arts participation: Objectives and mechanisms.</h2><p>Text.</p></body></html>`);
    expect(item?.title).toBe('Basics on arts participation: Objectives and mechanisms');
  });
  it('keeps a title that starts "Launch of X: …" whole, and reads ", edited by ORG" in a headline', () => {
    const [item] = items('<h1>Launch of Networks: The evolving aspects of Culture, edited by Culturelink Network</h1><p>With this book the network celebrates twenty years of work.</p>');
    expect(item).toMatchObject({ title: 'Networks: The evolving aspects of Culture', editor: [{ literal: 'Culturelink Network' }] });
  });
  it('does not read a news dateline (source, day, country) as an imprint', () => {
    const [item] = items(`<h1>Planning a School Handbook</h1><p>Dana Foundation,<br>01 August 2002, USA</p>
      <p>Arts Wire has announced the release of 'Planning a school handbook'. The book, published by The Dana Press, is free.</p>`);
    expect(item).toMatchObject({ title: 'Planning a School Handbook', publisher: 'Dana Press' });
    expect(item!.issued).toBeUndefined();
  });
  it('takes the fuller title from a sentence whose subject is the heading and whose verb says it came out', () => {
    const [item] = items(`<h1>Cultural diversity</h1><h2>Investing in Culture for Development</h2>
      <p>Investing in Culture for Development: Impact and Achievements of the Expert Facility came out to mark this year's Development Days. The booklet gives an account of the work.</p>`);
    expect(item?.title).toBe('Investing in Culture for Development: Impact and Achievements of the Expert Facility');
  });
  it('does not take a website credit ("written and produced by") under a section heading as a publication', () => {
    expect(items('<h1>About This Site</h1><p>Daring Site is written and produced by John Doe.</p><h2>Mac Apps</h2><ul><li>BBEdit</li><li>Acorn</li></ul>')).toEqual([]);
    const [item] = items('<h1>Planning a School Handbook</h1><p>The book, published by The Dana Press, is free.</p>');
    expect(item?.publisher).toBe('Dana Press');
  });
  it('moves a series statement set like a subtitle out of the title', () => {
    expect(cleanTitle('Planning for cultural diversity: fundamentals of education planning N° 87')).toMatchObject({ title: 'Planning for cultural diversity', series: 'fundamentals of education planning' });
    expect(cleanTitle('Culture: A Reader No. 2').title).toBe('Culture: A Reader No. 2');
  });
  it('reads a wholly emphasised line under the heading as the subtitle, over a shop product name', () => {
    const [item] = items(`<html><head><title>T</title><script type="application/ld+json">{"@type":"Product","name":"Europe: a human enterprise (2019)","sku":"978-92-871-8973-8"}</script></head><body>
      <h1>Europe: a human enterprise (2019)</h1><p><strong>30 stories for 70 years of European history</strong></p>
      <p>The 30 contributions compiled by Denis Huber tell the story.</p></body></html>`);
    expect(item).toMatchObject({ title: 'Europe: a human enterprise: 30 stories for 70 years of European history', ISBN: '978-92-871-8973-8' });
    const [plain] = items('<h1>A Book Title</h1><p><strong>Posted 3 March 2019</strong></p><p>The book, published by Some Press, is out.</p>');
    expect(plain?.title).toBe('A Book Title');
  });
  it('reads a citation written inside a sentence; "in cooperation with" contributors are not authors', () => {
    const [item] = items(`<h1>Tag: IRMO</h1><h2>Recent publications – Summer 2016</h2>
      <p>IRMO researchers have published a new book: Hrvoje Butković and Višnja Samardžija in cooperation with Ivana Skazlić, <em>Nonstandard work in Croatia: Challenges</em>, Zagreb: IRMO, 2016. The book takes up nonstandard work.</p>`);
    expect(item).toMatchObject({
      title: 'Nonstandard work in Croatia: Challenges',
      author: [{ family: 'Butković', given: 'Hrvoje' }, { family: 'Samardžija', given: 'Višnja' }],
      publisher: 'IRMO',
      'publisher-place': 'Zagreb',
      issued: { 'date-parts': [[2016]] },
    });
  });
  it('prefers the titled form over a headline, and never takes an introduction writer as author', () => {
    const [item] = items(`<h2>The book "Identity Issues" marks the first message from the Foundation</h2><p>December 25, 2017</p>
      <p>The Albabtain Cultural Foundation has started a project. The Foundation has released the first work, titled "Issues of Identity: A Global Perspective," which is published in English.</p>
      <p>Its introduction is written by Professor Luigi Moccia, of Roma Tre.</p>`);
    expect(item).toMatchObject({ title: 'Issues of Identity: A Global Perspective', publisher: 'Albabtain Cultural Foundation' });
    expect(item!.author).toBeUndefined();
    expect(item!.issued).toBeUndefined();
  });
  it('reads a transcribed title page and its verso on a document host', () => {
    const [item] = items(`<h1>Re|shaping cultural policies - Document Database - Archive</h1><p>8MB Sizes 0 Downloads 1241 Views</p>
      <p>RE | SHAPING CULTURAL POLICIES A Decade Promoting the Diversity of Cultural Expressions for Development</p><p>2015</p>
      <p>Published in 2015 by the United Nations Educational, Scientific and Cultural Organization (UNESCO) 7, place de Fontenoy, 75352 Paris 07 SP, France</p>
      <p>ISBN 978-92-3-100136-9 This publication is available in Open Access under a licence.</p>`);
    expect(item).toMatchObject({ publisher: 'UNESCO', 'publisher-place': 'Paris', issued: { 'date-parts': [[2015]] }, ISBN: '978-92-3-100136-9' });
    expect(item?.title).toMatch(/^Re ?\| ?Shaping Cultural Policies: A Decade Promoting/);
  });
  it('reads a dated title page under a garbled uploader heading; the upload date does not win', () => {
    const [item] = items(`<h1>cultural diplomacy as discipline and … diplomacy as a new field of study ... our...</h1>
      <ul><li>Upload: someone</li><li>Post on 16-May-2018</li></ul><h2>TRANSCRIPT</h2>
      <p>CULTURAL DIPLOMACY AS DISCIPLINE AND PRACTICE:</p><p>CONCEPTS, TRAINING, AND SKILLS</p><p>Final Report</p><p>November 2016</p>
      <p>Report prepared under a partnership agreement.</p>`);
    expect(item).toMatchObject({ title: 'Cultural Diplomacy as Discipline and Practice: Concepts, Training, and Skills', issued: { 'date-parts': [[2016, 11]] } });
  });
  it('takes from a table of contents only the entry the uploader heading names', () => {
    const found = items(`<h1>How Balkanization replaced Lebanization.pdf</h1><p>Uploaded by user</p>
      <p>Yorgos CHRISTIDIS, The Party of Democratic Action in the Sandak<br>(Serbia): Establishment, Evolution and Political Aims, 1991-2010 ...... 3<br>
      Biser BANCHEV, How Balkanization replaced Lebanization during<br>the Break up of Yugoslavia ........................ 43<br>
      Yura KONSTANTINOVA, The Views of Venizelos on<br>the Balkan Policy of Greece (1910-1916) ........ 56</p>`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ title: 'How Balkanization replaced Lebanization during the Break up of Yugoslavia', author: [{ family: 'Banchev', given: 'Biser' }] });
  });
  it('reads "Author:" lines; those who assisted are not authors', () => {
    const [item] = items(`<h1>Influence and Attraction</h1><p>Influence and<br>Attraction<br>Culture and soft power<br>www.example.org</p>
      <p>We acknowledge the support of Demos in producing this report.<br>Author: John Holden, Associate, Demos, and Visiting Professor, City University, London,<br>assisted by Chris Tryhorn, Associate, Demos.</p>`);
    expect(item?.author).toEqual([{ family: 'Holden', given: 'John' }]);
  });
  it('reads a piece of a periodical from the issue line under its heading', () => {
    const [item] = items(`<h1>Editorial Note</h1><p class="subnav">Culturelink review, no.33/April 2001 - <a href="/c">contents</a></p>
      <p>The first months of 2001 were busy. Between January and March the Network brought out the proceedings of a course.</p>`);
    expect(item).toMatchObject({ type: 'article-journal', title: 'Editorial Note', 'container-title': 'Culturelink review', issue: '33', issued: { 'date-parts': [[2001, 4]] } });
    expect(items('<h1>Editorial Note</h1><p>We met in room 33 in April 2001 to plan the year.</p><p>The team met.</p>')).toEqual([]);
  });
  it('reads "by A, <role and affiliation>, and B, <role>" as two authors', () => {
    const names = authorCue('The library hosted the launch of the 2021 book by Ivana Hebrang Grgić, Associate Professor at the Department of Information Sciences and Head of its Publishing Section, and Ana Barbarić, Professor at the Department, which presents the activity of Croats.');
    expect(names.map((a) => a.family)).toEqual(['Hebrang Grgić', 'Barbarić']);
  });
  it('finds no publication on profiles, programmes and calls for chapters', () => {
    expect(items('<h1>Reports from Affiliates: The Institute</h1><p>The Institute was founded in 1963. It publishes books, reviews and a newsletter.</p>')).toEqual([]);
    expect(items('<h1>Routledge Companion to Cultural Policy – Call for Chapter Proposals</h1><p>This book aims to give cultural policy a global perspective. Anticipated publication June 2016.</p>')).toEqual([]);
    expect(extractAnnouncement(dom('<h1>PhD in Cultural Policy</h1><p>We welcome applications.</p>'), URL).drafts).toEqual([]);
  });
});
