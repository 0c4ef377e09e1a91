import { Alert, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth';
import { PageHeading } from '../app/page';
import { CompetenceRulesAdmin } from '../competence/CompetenceRulesAdmin';
import { OutboxAdmin } from '../followup/OutboxAdmin';
import { BodiesAdmin } from './BodiesAdmin';
import { DelegationAdmin } from './DelegationAdmin';
import { UnitsAdmin } from './UnitsAdmin';
import { UsersAdmin } from './UsersAdmin';

export function AdminPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  if (!me?.can.administer)
    return (
      <>
        <PageHeading title={t('admin.title')} />
        <Alert color="orange">{t('admin.notAllowed')}</Alert>
      </>
    );
  return (
    <>
      <PageHeading title={t('admin.title')} />
      <Tabs defaultValue="units" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="units">{t('admin.units')}</Tabs.Tab>
          <Tabs.Tab value="bodies">{t('admin.bodies')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('admin.users')}</Tabs.Tab>
          <Tabs.Tab value="delegation">{t('admin.delegation')}</Tabs.Tab>
          <Tabs.Tab value="competence">{t('admin.competence')}</Tabs.Tab>
          <Tabs.Tab value="outbox">{t('admin.outbox')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units">
          <UnitsAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="bodies">
          <BodiesAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="users">
          <UsersAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="delegation">
          <DelegationAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="competence">
          <CompetenceRulesAdmin />
        </Tabs.Panel>
        <Tabs.Panel value="outbox">
          <OutboxAdmin />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
