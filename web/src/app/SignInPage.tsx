import { Alert, Button, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../ui/PasswordField';
import { ApiError } from './api';
import { meKey } from './auth';
import { call, client } from './client';
import { adoptServerClock } from './format';
import { PageHeading } from './page';

export function SignInPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => call(client.POST('/auth/login', { body: { username, password } })),
    onSuccess: (me) => {
      setPassword('');
      adoptServerClock(me.now);
      queryClient.setQueryData(meKey, me);
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };

  const error = signIn.error;
  const message =
    error instanceof ApiError && error.status === 401
      ? t('signIn.wrongCredentials')
      : error instanceof ApiError && error.status === 429
        ? t('signIn.tooMany')
        : error
          ? t('common.unexpectedError', { message: error.message })
          : null;

  return (
    <Paper className="sign-in" withBorder p="xl" radius="md">
      <PageHeading title={t('signIn.title')} />
      <Text mb="md">{t('signIn.intro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <div aria-live="assertive">
            {message && (
              <Alert color="red" variant="light" title={t('signIn.failed')}>
                {message}
              </Alert>
            )}
          </div>
          <TextInput
            label={t('signIn.username')}
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
          />
          <PasswordField
            label={t('signIn.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={signIn.isPending}>
            {t('signIn.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
