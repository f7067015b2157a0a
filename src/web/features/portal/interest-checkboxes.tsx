import { Checkbox, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';

/**
 * Topics of the network as checkboxes; on wide screens in two columns. A module of its own: the
 * public application form uses it without loading the portal's profile forms.
 */
export function InterestCheckboxes<T extends { interests: string[] }>({
  form,
  topics,
  label,
  description,
  lang,
}: {
  form: UseFormReturnType<T>;
  /** A topic's own `lang` wins over the list's (names in the reader's language beside German ones). */
  topics: { key: string; name: string; lang?: string }[];
  label: string;
  description?: string;
  /** The language the network named its topics in, when it is known. */
  lang?: string;
}) {
  return (
    <Checkbox.Group label={label} description={description} {...form.getInputProps('interests')}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {topics.map((topic) => (
          <Checkbox
            key={topic.key}
            value={topic.key}
            label={
              <bdi lang={topic.lang ?? lang} className="portal-topic">
                {topic.name}
              </bdi>
            }
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}
