/** Generated CSL items for the large-library tests and benchmarks: realistic titles, accented names, organisations. */
const TOPICS = ['Cultural', 'Creative', 'Urban', 'Digital', 'Heritage', 'Museum', 'Regional', 'European', 'Public', 'Intercultural', 'Participatory', 'Sustainable'];
const NOUNS = ['Policy', 'Economies', 'Diplomacy', 'Networks', 'Industries', 'Governance', 'Strategies', 'Cooperation', 'Development', 'Dialogue', 'Participation', 'Mobility'];
const TAILS = ['in Europe', 'and the City', 'after 1989', 'in Central Asia', 'Trends and Actions', 'A Handbook', 'Case Studies', 'for Local Authorities'];
const PEOPLE: [string, string][] = [['Švob-Đokić', 'Nada'], ['Kowalska', 'Marta'], ['Novák', 'Jan'], ['Müller', 'Jürgen'], ['García', 'Lucía'], ['Bianchi', 'Laura'], ['Obuljen', 'Nina'], ['Primorac', 'Jaka'], ['Mercer', 'Colin'], ['Bennett', 'Tony']];
const ORGS = ['EUROCITIES', 'UNESCO', 'Council of Europe', 'Culture Action Europe', 'IFACCA', 'Institute for Development and International Relations'];
const PLACES = ['Brussels', 'Paris', 'Zagreb', 'Strasbourg', 'Prague', 'Milan', 'London'];
const TYPES = ['book', 'report', 'article-journal', 'thesis'] as const;

/** `n` deterministic items; item k is the same on every call. */
export function generateItems(n: number, url = 'https://example.org/publications'): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  for (let k = 0; k < n; k++) {
    const byOrg = k % 5 === 0;
    const person = PEOPLE[k % PEOPLE.length]!;
    const org = ORGS[k % ORGS.length]!;
    items.push({
      type: TYPES[k % TYPES.length],
      title: `${TOPICS[k % TOPICS.length]} ${NOUNS[Math.floor(k / 12) % NOUNS.length]} ${TAILS[Math.floor(k / 7) % TAILS.length]}, Volume ${k}`,
      author: byOrg ? [{ literal: org }] : [{ family: person[0], given: person[1] }],
      publisher: byOrg ? org : `${PLACES[k % PLACES.length]} University Press`,
      'publisher-place': PLACES[k % PLACES.length],
      issued: { 'date-parts': [[1990 + (k % 35)]] },
      'number-of-pages': String(40 + (k % 400)),
      URL: `${url}/${k}`,
    });
  }
  return items;
}
