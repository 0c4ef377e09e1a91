import { Anchor, Button, Center, Group, Loader, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type NavLinkProps, Outlet, Link as RouterLink, NavLink as RouterNavLink, useNavigate } from 'react-router';
import '../bodies/texts';
import '../control/texts';
import '../month/texts';
import '../risk/texts';
import { meKey, useMe } from './auth';
import { call, client } from './client';
import { useWithContext } from './context';
import { today } from './format';
import { LANGUAGES } from './i18n';
import { SignInPage } from './SignInPage';

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
            <ul>
              <li>
                <NavLink to="/" end>
                  {t('start.title')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/organisation">{t('nav.organisation')}</NavLink>
              </li>
              <li>
                <NavLink to="/organ">{t('nav.bodies')}</NavLink>
              </li>
              <li>
                <NavLink to="/styrkort">{t('nav.scorecard')}</NavLink>
              </li>
              <li>
                <NavLink to="/indikatorer">{t('nav.indicators')}</NavLink>
              </li>
              <li>
                <NavLink to="/planer">{t('nav.plans')}</NavLink>
              </li>
              <li>
                <NavLink to="/handlingsplaner">{t('nav.actionPlans')}</NavLink>
              </li>
              <li>
                <NavLink to="/beslut" end>
                  {t('nav.decisions')}
                </NavLink>
              </li>
              <li>
                <NavLink to="/beslut/fel-niva">{t('wrongLevel.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/intern-kontroll">{t('control.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/uppdrag">{t('nav.assignments')}</NavLink>
              </li>
              <li>
                <NavLink to="/aktiviteter">{t('nav.activities')}</NavLink>
              </li>
              <li>
                <NavLink to="/varden">{t('nav.values')}</NavLink>
              </li>
              <li>
                <NavLink to="/uppfoljning">{t('nav.followup')}</NavLink>
              </li>
              <li>
                <NavLink to="/avvikelser">{t('nav.deviations')}</NavLink>
              </li>
              <li>
                <NavLink to="/risker">{t('risk.nav')}</NavLink>
              </li>
              <li>
                <NavLink to="/rapporter">{t('nav.reports')}</NavLink>
              </li>
              <li>
                <NavLink to="/sammantraden">{t('nav.meetings')}</NavLink>
              </li>
              <li>
                <NavLink to="/arshjul">{t('nav.cycle')}</NavLink>
              </li>
              {me?.can.administer && (
                <li>
                  <NavLink to="/administration">{t('nav.admin')}</NavLink>
                </li>
              )}
            </ul>
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
