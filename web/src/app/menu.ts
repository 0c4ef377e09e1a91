import type { Me } from './types';

/** The menu's groups, by task, in the order they are shown. */
export const MENU_GROUPS = ['month', 'steering', 'economy', 'followup', 'bodies', 'risk', 'admin'] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** One menu entry: its group, its label's text key, where it goes, and who sees it. */
export interface MenuItem {
  group: MenuGroup;
  label: string;
  path: string;
  /** Active only on this very path, not on the paths below it. */
  end?: boolean;
  /** Who sees the entry; everyone signed in when left out. */
  visible?: (me: Me) => boolean;
}

/** From what the server says the caller may do, never from a role's name. */
const isAdmin = (me: Me) => me.can.administer;

/**
 * Every menu entry, one line each, so an entry added on one branch merges with one added on
 * another. Keep the lines in the order they show within their group.
 */
export const MENU: readonly MenuItem[] = [
  { group: 'month', label: 'start.title', path: '/', end: true },
  { group: 'month', label: 'nav.values', path: '/varden' },
  { group: 'month', label: 'nav.followup', path: '/uppfoljning' },
  { group: 'steering', label: 'nav.scorecard', path: '/styrkort' },
  { group: 'steering', label: 'nav.indicators', path: '/indikatorer' },
  { group: 'steering', label: 'nav.plans', path: '/planer' },
  { group: 'steering', label: 'nav.activities', path: '/aktiviteter' },
  { group: 'steering', label: 'nav.organisation', path: '/organisation' },
  { group: 'economy', label: 'nav.actionPlans', path: '/handlingsplaner' },
  { group: 'followup', label: 'nav.deviations', path: '/avvikelser' },
  { group: 'followup', label: 'nav.reports', path: '/rapporter' },
  { group: 'followup', label: 'nav.cycle', path: '/arshjul' },
  { group: 'bodies', label: 'nav.bodies', path: '/organ' },
  { group: 'bodies', label: 'nav.meetings', path: '/sammantraden' },
  { group: 'bodies', label: 'nav.decisions', path: '/beslut', end: true },
  { group: 'bodies', label: 'wrongLevel.nav', path: '/beslut/fel-niva' },
  { group: 'bodies', label: 'nav.assignments', path: '/uppdrag' },
  { group: 'risk', label: 'risk.nav', path: '/risker' },
  { group: 'risk', label: 'control.nav', path: '/intern-kontroll' },
  { group: 'admin', label: 'nav.admin', path: '/administration', visible: isAdmin },
];

/** The groups the user sees, each with the entries they may open; a group left empty is not shown. */
export function menuFor(me: Me, items: readonly MenuItem[] = MENU): { group: MenuGroup; items: MenuItem[] }[] {
  return MENU_GROUPS.map((group) => ({
    group,
    items: items.filter((i) => i.group === group && (i.visible ? i.visible(me) : true)),
  })).filter((g) => g.items.length > 0);
}

/** Whether a menu entry is the page at `pathname` (or, unless `end`, a page below it). */
export function isCurrent(item: Pick<MenuItem, 'path' | 'end'>, pathname: string): boolean {
  if (item.end || item.path === '/') return pathname === item.path;
  return pathname === item.path || pathname.startsWith(`${item.path}/`);
}
