import { List, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Locale } from '../../../core/locale.js'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import { type PolicyBlock, policyOutline } from '../../../core/strategy/policy-outline.js'

function Block({ block, headingLevel }: { block: PolicyBlock; headingLevel: 3 | 4 }) {
  switch (block.kind) {
    case 'subheading':
      return (
        <Title order={headingLevel} size="h5" mt="xs">
          {block.text}
        </Title>
      )
    case 'paragraph':
      return (
        <Stack gap="xs">
          {block.text.split(/\n{2,}/).map((p, i) => (
            <Text key={i} style={{ whiteSpace: 'pre-line' }}>
              {p}
            </Text>
          ))}
        </Stack>
      )
    case 'list':
      return (
        <List spacing={4}>
          {block.items.map((item, i) => (
            <List.Item key={i}>{item}</List.Item>
          ))}
        </List>
      )
    case 'terms':
      return (
        <Stack component="dl" gap="xs" m={0}>
          {block.items.map((item, i) => (
            <div key={i}>
              <Text component="dt" fw={700}>
                {item.term}
              </Text>
              <Text component="dd" m={0} style={{ whiteSpace: 'pre-line' }}>
                {item.text}
              </Text>
            </div>
          ))}
        </Stack>
      )
  }
}

/**
 * The policy as a page, from the same outline as the Markdown and PDF
 * exports. Sections are h2 under the page's h1 (or h3 under an h2).
 */
export function PolicyDocument({
  document,
  locale,
  topLevel = 2,
}: {
  document: StrategyDocument
  locale?: Locale
  topLevel?: 2 | 3
}) {
  const { i18n } = useTranslation()
  const language: Locale = locale ?? (i18n.language === 'en' ? 'en' : 'sv')
  return (
    <Stack gap="lg" className="prose" lang={language}>
      {policyOutline(document, language).map((section) => (
        <Stack key={section.id} gap="sm" component="section">
          <Title order={topLevel} size="h3">
            {section.title}
          </Title>
          {section.blocks.map((block, i) => (
            <Block key={i} block={block} headingLevel={topLevel === 2 ? 3 : 4} />
          ))}
        </Stack>
      ))}
    </Stack>
  )
}
