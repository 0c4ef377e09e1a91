import { describe, expect, it } from 'vitest';
import { isCurrent, MENU, type MenuItem, menuFor } from './menu';
import type { Me } from './types';

const me = (administer: boolean) =>
  ({ roles: [], can: { administer, editCycle: false, readHistory: false } }) as unknown as Me;

describe('menu grouped by task', () => {
  it('groups the entries in the order of the groups, and hides what the user may not open', () => {
    const plain = menuFor(me(false));
    expect(plain.map((g) => g.group)).toEqual(['month', 'steering', 'economy', 'followup', 'bodies', 'risk']);
    expect(plain.flatMap((g) => g.items).some((i) => i.path === '/administration')).toBe(false);
    const admin = menuFor(me(true));
    expect(admin.at(-1)?.group).toBe('admin');
    expect(admin.at(-1)?.items.map((i) => i.path)).toEqual(['/administration']);
  });

  it('keeps every entry in exactly one group and has no group of more than six', () => {
    const groups = menuFor(me(true));
    expect(groups.flatMap((g) => g.items)).toHaveLength(MENU.length);
    expect(new Set(MENU.map((i) => i.path)).size).toBe(MENU.length);
    for (const g of groups) expect(g.items.length).toBeLessThanOrEqual(6);
    expect(groups.length).toBeLessThan(MENU.length / 2);
  });

  it('shows a group once an entry is added to it by one line', () => {
    const without = MENU.filter((i) => i.group !== 'risk');
    expect(menuFor(me(false), without).map((g) => g.group)).not.toContain('risk');
    const added: MenuItem[] = [...without, { group: 'risk', label: 'risk.nav', path: '/risker' }];
    const risk = menuFor(me(false), added).find((g) => g.group === 'risk');
    expect(risk?.items.map((i) => i.path)).toEqual(['/risker']);
    expect(menuFor(me(false), added).map((g) => g.group)).toContain('risk');
  });

  it('marks the current entry: start only at /, decisions not on the wrong-level list', () => {
    expect(isCurrent({ path: '/' }, '/styrkort')).toBe(false);
    expect(isCurrent({ path: '/' }, '/')).toBe(true);
    expect(isCurrent({ path: '/styrkort' }, '/styrkort/u1')).toBe(true);
    expect(isCurrent({ path: '/beslut', end: true }, '/beslut/fel-niva')).toBe(false);
    expect(isCurrent({ path: '/beslut/fel-niva' }, '/beslut/fel-niva')).toBe(true);
    expect(isCurrent({ path: '/planer' }, '/planerings')).toBe(false);
  });
});
