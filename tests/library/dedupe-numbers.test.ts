import { describe, expect, it } from 'vitest';
import { nearIdenticalTitles } from '@/lib/library/dedupe';

describe('near-identical titles', () => {
  it('forgives a typo but not a different number', () => {
    expect(nearIdenticalTitles('Cultural Policy in Europe, Volume 12', 'Cultural Polcy in Europe, Volume 12')).toBe(true);
    expect(nearIdenticalTitles('Cultural Policy in Europe, Volume 12', 'Cultural Policy in Europe, Volume 13')).toBe(false);
    expect(nearIdenticalTitles('Annual Report on Museums 2016', 'Annual Report on Museums 2017')).toBe(false);
  });
});
