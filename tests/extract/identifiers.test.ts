import { describe, expect, it } from 'vitest';
import { cleanDoi, findIsbns, isValidIsbn, isValidIssn, labelledIsbns } from '../../lib/extract/identifiers';

describe('identifiers', () => {
  it('verifies ISBN-10 and ISBN-13 check digits', () => {
    expect(isValidIsbn('978-92-871-6696-8')).toBe(true);
    expect(isValidIsbn('978-92-871-6696-7')).toBe(false);
    expect(isValidIsbn('131751288X')).toBe(true);
    expect(isValidIsbn('1317512881')).toBe(false);
  });
  it('finds labelled ISBNs as printed, first one first', () => {
    expect(labelledIsbns('Council of Europe Publishing, 73 pp.; ISBN :978-92-871-6696-8')).toEqual(['978-92-871-6696-8']);
    expect(findIsbns('ISBN: 1137398612 hardcover; 9781137398611 hardcover')[0]).toBe('1137398612');
  });
  it('verifies ISSNs and strips DOI prefixes', () => {
    expect(isValidIssn('1664-1078')).toBe(true);
    expect(isValidIssn('1664-1077')).toBe(false);
    expect(cleanDoi('doi:10.1038/s41586-021-03819-2')).toBe('10.1038/s41586-021-03819-2');
    expect(cleanDoi('https://doi.org/10.48550/arXiv.1706.03762.')).toBe('10.48550/arXiv.1706.03762');
    expect(cleanDoi('no doi here')).toBeNull();
  });
});
