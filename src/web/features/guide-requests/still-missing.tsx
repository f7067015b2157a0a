import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from '../../i18n/translate.js';
import { IconCheck } from '../../components/icons.js';
import { fieldLabel, inputIdOf } from './vocabulary.js';

/** The list beside the form: what the complete description still lacks, each a link to its field. */
export function StillMissing({ missing, serverMissing }: { missing: string[]; serverMissing?: string[] }) {
  const { t } = useTranslation();
  const focus = (path: string) => {
    const el = document.getElementById(inputIdOf(path));
    el?.focus();
    el?.scrollIntoView({ block: 'center' });
  };
  const savedDiffers = serverMissing && JSON.stringify(serverMissing) !== JSON.stringify(missing);
  return (
    <Paper withBorder p="md" radius="md" component="aside" aria-labelledby="still-missing-title" className="still-missing">
      <Title order={2} size="h4" id="still-missing-title">
        {t('requests.form.missingTitle')}
      </Title>
      <Text size="sm" mt={4} className="secondary-text">
        {t('requests.form.missingIntro')}
      </Text>
      {missing.length === 0 ? (
        <Group gap="xs" mt="sm" wrap="nowrap" align="flex-start">
          <span className="check-mark" data-done aria-hidden="true">
            <IconCheck size={14} />
          </span>
          <Text size="sm" fw={500}>
            {t('requests.form.complete')}
          </Text>
        </Group>
      ) : (
        <ul className="missing-list" aria-live="polite">
          {missing.map((m) => (
            <li key={m}>
              <Anchor component="button" type="button" size="sm" onClick={() => focus(m)}>
                {fieldLabel(m, t)}
              </Anchor>
            </li>
          ))}
        </ul>
      )}
      {savedDiffers && (
        <Text size="xs" mt="sm" className="secondary-text">
          {t('requests.form.savedMissing', { count: serverMissing.length })}
        </Text>
      )}
    </Paper>
  );
}
