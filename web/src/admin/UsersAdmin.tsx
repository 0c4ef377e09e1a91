import { Badge, Button, Checkbox, Group, Paper, Select, SimpleGrid, Table, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../app/auth';
import { call, client, type RequestBody } from '../app/client';
import { today } from '../app/format';
import { ROLES, type Role, type User } from '../app/types';
import { orgUnitsQuery } from '../org/TreePage';
import { FormStatus, fieldError } from '../ui/forms';
import { useUnitOptions } from '../ui/options';
import { PasswordField } from '../ui/PasswordField';

const usersQuery = { queryKey: ['users'], queryFn: () => call(client.GET('/users')) };

export function UsersAdmin() {
  const { t } = useTranslation();
  const users = useQuery(usersQuery);
  const units = useQuery(orgUnitsQuery(today()));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const list = users.data?.users ?? [];
  const selected = list.find((u) => u.id === selectedId) ?? null;
  const unitName = (id: string) => units.data?.units.find((u) => u.id === id)?.name ?? id;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3">
          {t('adminUsers.title')}
        </Title>
        {users.data?.can.create && <Button onClick={() => setCreating(true)}>{t('adminUsers.new')}</Button>}
      </Group>
      {creating && <CreateUserForm onDone={() => setCreating(false)} />}
      {selected && (
        <EditUser key={selected.id} user={selected} unitName={unitName} onClose={() => setSelectedId(null)} />
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table striped withTableBorder captionSide="top">
          <Table.Caption>{t('adminUsers.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('field.displayName')}</Table.Th>
              <Table.Th scope="col">{t('field.username')}</Table.Th>
              <Table.Th scope="col">{t('field.email')}</Table.Th>
              <Table.Th scope="col">{t('adminUsers.roles')}</Table.Th>
              <Table.Th scope="col">{t('adminUsers.status')}</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">{t('common.actions')}</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Th scope="row">{u.displayName}</Table.Th>
                <Table.Td>{u.username}</Table.Td>
                <Table.Td>{u.email ?? '—'}</Table.Td>
                <Table.Td>
                  {u.roles.map((r) => `${t(`role.${r.role}`)} (${unitName(r.unitId)})`).join(', ') || '—'}
                </Table.Td>
                <Table.Td>
                  <Badge color={u.disabled ? 'gray' : 'green'} variant="light" className="badge-dark">
                    {u.disabled ? t('adminUsers.disabled') : t('adminUsers.active')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {(u.can.edit || u.can.grantRoles || u.roles.some((r) => r.can.revoke)) && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setSelectedId(u.id)}
                      aria-label={t('adminUsers.editNamed', { name: u.displayName })}
                    >
                      {t('common.edit')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const create = useMutation({
    mutationFn: () =>
      call(
        client.POST('/users', { body: { username, displayName, email: email || null, password: password || null } }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const err = create.error;
  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-labelledby="create-user-heading">
      <Title order={3} size="h4" id="create-user-heading" mb="sm">
        {t('adminUsers.createTitle')}
      </Title>
      <FormStatus error={err} />
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('field.username')}
            description={t('adminUsers.usernameHelp')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={fieldError(err, 'username')}
          />
          <TextInput
            label={t('field.displayName')}
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={fieldError(err, 'displayName')}
          />
          <TextInput
            type="email"
            label={t('field.email')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(err, 'email')}
          />
          <PasswordField
            label={t('field.password')}
            description={t('adminUsers.passwordHelp')}
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(err, 'password')}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit" loading={create.isPending}>
            {t('adminUsers.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

function EditUser({ user, unitName, onClose }: { user: User; unitName: (id: string) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const units = useQuery(orgUnitsQuery(today()));
  const unitOptions = useUnitOptions(units.data?.units ?? []);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [email, setEmail] = useState(user.email ?? '');
  const [disabled, setDisabled] = useState(user.disabled);
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  // Nobody changes their own roles (the server refuses it): another administrator must.
  const ownAccount = useMe().data?.id === user.id;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['users'] });

  const save = useMutation({
    mutationFn: () => {
      const change: RequestBody<'/users/{id}', 'patch'> = { version: user.version };
      if (displayName !== user.displayName) change.displayName = displayName;
      if ((email || null) !== user.email) change.email = email || null;
      if (disabled !== user.disabled) change.disabled = disabled;
      if (password) change.password = password;
      return call(client.PATCH('/users/{id}', { params: { path: { id: user.id } }, body: change }));
    },
    onSuccess: async () => {
      setMessage(t('adminUsers.saved'));
      await refresh();
    },
    onError: refresh,
  });
  const grant = useMutation({
    mutationFn: (grant: { role: Role; unitId: string }) =>
      call(client.POST('/role-assignments', { body: { userId: user.id, ...grant } })),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => call(client.DELETE('/role-assignments/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMessage('');
    save.mutate();
  };
  const submitGrant = (e: FormEvent) => {
    e.preventDefault();
    // The button is disabled until both are chosen.
    if (role && unitId) grant.mutate({ role, unitId });
  };
  const err = save.error;
  const title = t('adminUsers.editTitle', { name: user.displayName });

  return (
    <Paper withBorder p="md" mb="lg" radius="md" component="section" aria-label={title}>
      <Group justify="space-between">
        <Title order={3} size="h4" mb="sm">
          {title}
        </Title>
        <Button variant="default" size="xs" onClick={onClose}>
          {t('common.close')}
        </Button>
      </Group>
      <FormStatus error={err} success={message} />
      {user.can.edit && (
        <form onSubmit={submit} noValidate>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('field.displayName')}
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={fieldError(err, 'displayName')}
            />
            <TextInput
              type="email"
              label={t('field.email')}
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fieldError(err, 'email')}
            />
            <PasswordField
              label={t('adminUsers.newPassword')}
              description={t('adminUsers.passwordHelp')}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fieldError(err, 'password')}
            />
            <Checkbox
              mt="lg"
              label={t('adminUsers.disableAccount')}
              checked={disabled}
              onChange={(e) => setDisabled(e.currentTarget.checked)}
            />
          </SimpleGrid>
          <Group mt="md">
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </form>
      )}

      <Title order={4} size="h5" mt="lg" mb="xs">
        {t('adminUsers.roles')}
      </Title>
      <FormStatus error={grant.error ?? revoke.error} />
      {user.roles.length === 0 ? (
        <p>{t('adminUsers.noRoles')}</p>
      ) : (
        <ul className="plain-list">
          {user.roles.map((r) => (
            <li key={r.id}>
              <Group gap="sm">
                <span>
                  {t(`role.${r.role}`)} – {unitName(r.unitId)}
                </span>
                {r.can.revoke && (
                  <Button
                    size="compact-xs"
                    variant="outline"
                    color="red"
                    loading={revoke.isPending && revoke.variables === r.id}
                    onClick={() => revoke.mutate(r.id)}
                  >
                    {t('adminUsers.revoke')}
                    <span className="visually-hidden">
                      {' '}
                      {t(`role.${r.role}`)} – {unitName(r.unitId)}
                    </span>
                  </Button>
                )}
              </Group>
            </li>
          ))}
        </ul>
      )}
      {ownAccount && <p>{t('adminUsers.ownRoles')}</p>}
      {user.can.grantRoles && (
        <form onSubmit={submitGrant} noValidate>
          <Group align="flex-end" mt="sm">
            <Select
              label={t('field.role')}
              data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              value={role}
              onChange={(v) => setRole(v as Role | null)}
              required
              error={fieldError(grant.error, 'role')}
            />
            <Select
              label={t('field.unit')}
              data={unitOptions}
              value={unitId}
              onChange={setUnitId}
              searchable
              required
              nothingFoundMessage={t('common.nothingFound')}
              error={fieldError(grant.error, 'unitId')}
              w={340}
            />
            <Button type="submit" loading={grant.isPending} disabled={!role || !unitId}>
              {t('adminUsers.grant')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
