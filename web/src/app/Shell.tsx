import { Anchor, Button, Center, Group, Loader, Menu, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
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
import '../month/texts';
import { meKey, useMe } from './auth';
import { call, client } from './client';
import { useWithContext } from './context';
import { today } from './format';
import { LANGUAGES } from './i18n';
import { isCurrent, menuFor } from './menu';
import './menu-texts';
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

/** A menu link that keeps the chosen unit and month (?enhet=&manad=) of the page it is on. */
function NavLink({ to, ...props }: NavLinkProps & { to: string }) {
  const withContext = useWithContext();
  return <RouterNavLink to={withContext(to)} {...props} />;
}

/**
 * The menu grouped by task (menu.ts): a group of one entry is a plain link, a larger one a
 * menu button whose entries are reached with the arrow keys and closed with Escape.
 */
function MainMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const withContext = useWithContext();
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
        const active = items.some((i) => isCurrent(i, pathname));
        return (
          <li key={group}>
            {/* Kept in the page, closed, inside the navigation: every entry stays a link of the main menu. */}
            <Menu position="bottom-start" withinPortal={false} keepMounted>
              <Menu.Target>
                <UnstyledButton
                  data-group={group}
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
              </Menu.Target>
              <Menu.Dropdown>
                {items.map((i) => (
                  <Menu.Item
                    key={i.path}
                    component={RouterLink}
                    to={withContext(i.path)}
                    aria-current={isCurrent(i, pathname) ? 'page' : undefined}
                    fw={isCurrent(i, pathname) ? 700 : undefined}
                    // One entry a line: the menu bar's own link style (.shell-nav a) is not for these.
                    style={{ display: 'flex', width: '100%', borderBottom: 'none' }}
                  >
                    {t(i.label)}
                  </Menu.Item>
                ))}
              </Menu.Dropdown>
            </Menu>
          </li>
        );
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
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending)
    return (
      <Center p="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (!me.data) return <SignInPage />;
  return <Outlet />;
}
