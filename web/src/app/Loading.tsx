import { Center, Loader, type MantineSize, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The one mark for "still loading". The spinner itself is hidden from assistive technology
 * (a span may not carry a name without a role); a status region says "Laddar…" in words.
 */
export function Loading({ size, inline = false }: { size?: MantineSize; inline?: boolean }) {
  const { t } = useTranslation();
  const mark = (
    <>
      <Loader size={size} aria-hidden="true" />
      <VisuallyHidden>{t('common.loading')}</VisuallyHidden>
    </>
  );
  return inline ? (
    <div role="status">{mark}</div>
  ) : (
    <Center p="xl" role="status">
      {mark}
    </Center>
  );
}
