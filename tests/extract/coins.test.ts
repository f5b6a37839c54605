import { describe, expect, it } from 'vitest';
import { extractCoins } from '../../lib/extract/coins';
import { extractPage } from '../../lib/extract';
import { dom, URL } from './helpers';

const span = (q: string) => `<span class="Z3988" title="${q.replace(/&/g, '&amp;')}"></span>`;

describe('COinS', () => {
  it('reads URL-encoded OpenURL, one item per span, in page order', () => {
    const doc = dom(
      span('ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Abook&rft.genre=book&rft.btitle=Exploring+the+Digital+Nation&rft.aucorp=NTIA&rft.date=2011&rft.pub=NTIA') +
        span('ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&rft.genre=issue&rft.jtitle=Daedalus&rft.title=Daedalus&rft.volume=140&rft.issue=4&rft.date=2011'),
    );
    const drafts = extractCoins(doc, URL).drafts;
    expect(drafts).toHaveLength(2);
    expect(drafts[0]!.item).toMatchObject({ title: 'Exploring the Digital Nation', author: [{ literal: 'NTIA' }], issued: [2011], type: 'book' });
    expect(drafts[1]!.item).toMatchObject({ volume: '140', issue: '4', type: 'periodical' });
    expect(extractPage(doc, URL).items.map((c) => c.item.title)).toEqual(['Exploring the Digital Nation', 'Daedalus']);
  });
});
