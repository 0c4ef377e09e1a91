import { Anchor, Button, Group, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type NavLinkProps,
  Outlet,
  Link as RouterLink,
  NavLink as RouterNavLink,
  useLocation,
  useNavigate,
} from 'react-router';
import '../bodies/texts';
import '../control/texts';
import '../month/texts';
import '../risk/texts';
import { meKey, useMe } from './auth';
import { call, client } from './client';
import { useWithContext } from './context';
import { today } from './format';
import { LANGUAGES } from './i18n';
import { isCurrent, type MenuItem, menuFor } from './menu';
import './menu-texts';
import { Loading } from './Loading';
import { SignInPage } from './SignInPage';
import type { Me } from './types';

/** Header, navigation, main landmark and footer around every page, signed in or not. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe().data;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="shell-header">
        <Group justify="space-between" wrap="wrap" gap="sm" className="shell-header-inner">
          <RouterLink to="/" className="brand">
            <span className="brand-thread" aria-hidden="true" />
            {t('app.name')}
          </RouterLink>
          <Group gap="md" wrap="wrap">
            {me && <SignedInUser />}
            <LanguageSwitcher />
            {me && <SignOutButton />}
          </Group>
        </Group>
        {me && (
          <nav aria-label={t('shell.mainNav')} className="shell-nav">
            <MainMenu me={me} />
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1} className="shell-main">
        {children}
      </main>
      <footer className="shell-footer">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">{t('shell.footer')}</Text>
          <Anchor component={RouterLink} to="/tillganglighet" size="sm">
            {t('nav.accessibility')}
          </Anchor>
        </Group>
      </footer>
    </div>
  );
}

/** One group of the menu: a button that shows its links below it, closed again by Escape or leaving it. */
function MenuGroupItem({ group, items, pathname }: { group: string; items: MenuItem[]; pathname: string }) {
  const { t } = useTranslation();
  const withContext = useWithContext();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const active = items.some((i) => isCurrent(i, pathname));
  const id = `menu-${group}`;
  // A followed link closes the group: the path is the dependency, not read inside.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing on every change of path
  useEffect(() => setOpen(false), [pathname]);
  const links = () => [...(list.current?.querySelectorAll('a') ?? [])];
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && open) {
      setOpen(false);
      button.current?.focus();
      e.preventDefault();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const all = links();
      if (all.length === 0) return;
      e.preventDefault();
      if (!open) setOpen(true);
      const at = all.indexOf(document.activeElement as HTMLAnchorElement);
      const next = e.key === 'ArrowDown' ? (at + 1) % all.length : (at <= 0 ? all.length : at) - 1;
      // The list shows on the next render when it was closed.
      requestAnimationFrame(() => all[next]?.focus());
    }
  };
  return (
    <li
      className="menu-group"
      style={{ position: 'relative' }}
      onKeyDown={onKeyDown}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <UnstyledButton
        ref={button}
        data-group={group}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        // Looks like the links beside it; the group holding the current page is marked as they are.
        style={{
          padding: '0.6rem 0.9rem',
          fontWeight: 500,
          borderBottom: `3px solid ${active ? 'var(--rt-red)' : 'transparent'}`,
          color: active ? 'var(--rt-red)' : 'var(--rt-ink)',
        }}
      >
        {t(`menu.${group}`)} <span aria-hidden="true">▾</span>
      </UnstyledButton>
      {/* Kept in the page while closed: every entry stays a link of the main menu. */}
      <ul
        id={id}
        ref={list}
        hidden={!open}
        style={{
          position: 'absolute',
          zIndex: 300,
          top: '100%',
          left: 0,
          flexDirection: 'column',
          gap: 0,
          minWidth: '14rem',
          background: 'var(--mantine-color-body)',
          border: '1px solid var(--rt-line)',
          borderRadius: 4,
          boxShadow: 'var(--mantine-shadow-md)',
          padding: '0.25rem 0',
          display: open ? 'flex' : 'none',
        }}
      >
        {items.map((i) => (
          <li key={i.path}>
            <RouterNavLink to={withContext(i.path)} end={i.end} style={{ display: 'block', borderBottom: 'none' }}>
              {t(i.label)}
            </RouterNavLink>
          </li>
        ))}
      </ul>
    </li>
  );
}

/** A menu link that keeps the chosen unit and month (?enhet=&manad=) of the page it is on. */
function NavLink({ to, ...props }: NavLinkProps & { to: string }) {
  const withContext = useWithContext();
  return <RouterNavLink to={withContext(to)} {...props} />;
}

/**
 * The menu grouped by task (menu.ts): a group of one entry is a plain link, a larger one a
 * disclosure button (the navigation pattern, not role=menu) whose links are reached with Tab
 * or the arrow keys and closed with Escape.
 */
function MainMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <ul>
      {menuFor(me).map(({ group, items }) => {
        const [only] = items;
        if (items.length === 1 && only)
          return (
            <li key={group}>
              <NavLink to={only.path} end={only.end}>
                {t(only.label)}
              </NavLink>
            </li>
          );
        return <MenuGroupItem key={group} group={group} items={items} pathname={pathname} />;
      })}
    </ul>
  );
}

function SignedInUser() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me) return null;
  const roles = [...new Set(me.roles.map((r) => r.role))].map((r) => t(`role.${r}`));
  // The seats held today, beside the roles: politicians and revisorer act through their bodies.
  const day = today();
  const seats = me.seats
    .filter((s) => s.validFrom <= day)
    .map((s) => t('seats.item', { role: t(`memberRole.${s.role}`), body: s.bodyName }));
  return (
    <div className="signed-in">
      <Text size="sm" fw={600} component="span">
        {me.displayName}
      </Text>
      <Text size="sm" component="span" className="muted">
        {roles.length + seats.length > 0 ? [...roles, ...seats].join(', ') : t('shell.noRoles')}
      </Text>
    </div>
  );
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('shell.language')}</legend>
      {LANGUAGES.map((lng) => (
        <Button
          key={lng}
          size="xs"
          variant={i18n.language === lng ? 'filled' : 'default'}
          aria-pressed={i18n.language === lng}
          lang={lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {t(`language.${lng}`, { lng })}
        </Button>
      ))}
    </fieldset>
  );
}

function SignOutButton() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => call(client.POST('/auth/logout')),
    onSettled: () => {
      queryClient.setQueryData(meKey, null);
      // Drop everything the previous user could see; the next user loads afresh.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
      void navigate('/');
    },
  });
  return (
    <Button size="xs" variant="outline" onClick={() => signOut.mutate()} loading={signOut.isPending}>
      {t('shell.signOut')}
    </Button>
  );
}

/** Shows the sign-in form in place of any page that needs a signed-in user. */
export function RequireSignIn() {
  const me = useMe();
  if (me.isPending) return <Loading />;
  if (!me.data) return <SignInPage />;
  return <Outlet />;
}
