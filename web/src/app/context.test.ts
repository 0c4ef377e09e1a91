import { describe, expect, it } from 'vitest';
import { isMonth, unitMonthPath, withContext } from './context';

describe('context in the address', () => {
  it('carries the unit and month to a menu link', () => {
    expect(withContext('/styrkort', '?enhet=u1&manad=2025-10&x=1')).toBe('/styrkort?enhet=u1&manad=2025-10');
  });

  it("keeps a link's own choice over the carried one", () => {
    expect(withContext('/uppfoljning?manad=2025-09', '?enhet=u1&manad=2025-10')).toBe(
      '/uppfoljning?manad=2025-09&enhet=u1',
    );
  });

  it('leaves a link alone when there is no context', () => {
    expect(withContext('/rapporter', '')).toBe('/rapporter');
  });

  it('knows a month from something else', () => {
    expect(isMonth('2025-10')).toBe(true);
    expect(isMonth('2025-13')).toBe(false);
    expect(isMonth(null)).toBe(false);
  });

  it("builds the unit month's address with its context", () => {
    expect(unitMonthPath('u1', '2025-10')).toBe('/enheter/u1/manad/2025-10?enhet=u1&manad=2025-10');
  });
});
