import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { StrategyDocument } from '../../../core/schemas/strategy.js'
import { isLocalDate } from '../../../core/time/zoned.js'
import { DateInput } from '../../components/date-time-inputs.js'

export type Path = readonly (string | number)[]

export function getIn(value: unknown, path: Path): unknown {
  let current = value
  for (const key of path) current = (current as Record<string | number, unknown>)?.[key]
  return current
}

/** A copy of `value` with `path` set; untouched branches are shared. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T
  const [key, ...rest] = path
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<
    string | number,
    unknown
  >
  copy[key!] = setIn(copy[key!], rest, next)
  return copy as T
}

export interface Editor {
  doc: StrategyDocument
  update(path: Path, value: unknown): void
  /** Problems by dotted path, in the user's language. */
  errors: Record<string, string>
}

const EditorContext = createContext<Editor | null>(null)
export const EditorProvider = EditorContext.Provider

export function useEditor(): Editor {
  const editor = useContext(EditorContext)
  if (!editor) throw new Error('useEditor outside the strategy builder')
  return editor
}

export const fieldId = (path: Path) => `strategi-${path.join('-')}`

export function TextField({
  path,
  label,
  description,
  long = false,
}: {
  path: Path
  label: string
  description?: string
  long?: boolean
}) {
  const { doc, update, errors } = useEditor()
  const props = {
    id: fieldId(path),
    label,
    description,
    value: String(getIn(doc, path) ?? ''),
    error: errors[path.join('.')],
  }
  return long ? (
    <Textarea
      {...props}
      autosize
      minRows={3}
      maxRows={14}
      onChange={(e) => update(path, e.currentTarget.value)}
    />
  ) : (
    <TextInput {...props} onChange={(e) => update(path, e.currentTarget.value)} />
  )
}

export function NumberField({
  path,
  label,
  description,
  min,
  max,
  step,
  nullable = false,
}: {
  path: Path
  label: string
  description?: string
  min?: number
  max?: number
  step?: number
  nullable?: boolean
}) {
  const { doc, update, errors } = useEditor()
  const value = getIn(doc, path) as number | null
  return (
    <NumberInput
      id={fieldId(path)}
      label={label}
      description={description}
      value={value ?? ''}
      min={min}
      max={max}
      step={step}
      decimalScale={step && step < 1 ? 2 : undefined}
      hideControls
      error={errors[path.join('.')]}
      onChange={(next) => {
        if (next === '' || next === undefined) update(path, nullable ? null : (min ?? 0))
        else update(path, typeof next === 'number' ? next : Number(next))
      }}
    />
  )
}

/** A date typed as 2026-12-03: only a whole date (or none) goes into the document. */
export function DateField({ path, label }: { path: Path; label: string }) {
  const { doc, update, errors } = useEditor()
  const { t } = useTranslation()
  const stored = String(getIn(doc, path) ?? '')
  const [text, setText] = useState(stored)
  const [left, setLeft] = useState(false)
  // The document changed from elsewhere (a reload, a conflict): show what it now holds.
  useEffect(() => setText(stored), [stored])
  const wrong = left && text !== '' && !isLocalDate(text)
  return (
    <DateInput
      id={fieldId(path)}
      label={label}
      value={text}
      error={errors[path.join('.')] ?? (wrong ? t('dateTime.dateInvalid') : undefined)}
      onChange={(next) => {
        setText(next)
        setLeft(false)
        if (next === '') update(path, null)
        else if (isLocalDate(next)) update(path, next)
      }}
      onBlur={() => setLeft(true)}
      w="auto"
    />
  )
}

export function CheckField({
  path,
  label,
  description,
}: {
  path: Path
  label: string
  description?: string
}) {
  const { doc, update } = useEditor()
  return (
    <Checkbox
      id={fieldId(path)}
      label={label}
      description={description}
      checked={getIn(doc, path) === true}
      onChange={(e) => update(path, e.currentTarget.checked)}
    />
  )
}

export function SelectField({
  path,
  label,
  data,
}: {
  path: Path
  label: string
  data: { value: string; label: string }[]
}) {
  const { doc, update, errors } = useEditor()
  return (
    <NativeSelect
      id={fieldId(path)}
      label={label}
      data={data}
      value={String(getIn(doc, path) ?? '')}
      error={errors[path.join('.')]}
      onChange={(e) => update(path, e.currentTarget.value)}
    />
  )
}

function focusLater(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus())
}

/** A list of short texts (strengths, do's and don'ts): one labelled field each. */
export function StringList({
  path,
  legend,
  itemLabel,
  addLabel,
}: {
  path: Path
  legend: string
  itemLabel: (n: number) => string
  addLabel: string
}) {
  const { t } = useTranslation()
  const { doc, update, errors } = useEditor()
  const items = (getIn(doc, path) as string[]) ?? []
  return (
    <Fieldset legend={legend} radius="md">
      <Stack gap="sm">
        {items.length === 0 && <Text size="sm">{t('strategy.builder.emptyList')}</Text>}
        {items.map((item, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              id={fieldId([...path, i])}
              label={itemLabel(i + 1)}
              value={item}
              error={errors[[...path, i].join('.')]}
              onChange={(e) => update([...path, i], e.currentTarget.value)}
              style={{ flex: 1 }}
            />
            <Button
              variant="subtle"
              color="red"
              aria-label={t('strategy.builder.removeNamed', { name: itemLabel(i + 1) })}
              onClick={() => {
                update(
                  path,
                  items.filter((_, j) => j !== i),
                )
                // Focus stays in the list: on the item before, or on "add" when none is left.
                focusLater(
                  items.length > 1
                    ? fieldId([...path, Math.max(0, i - 1)])
                    : `${fieldId(path)}-add`,
                )
              }}
            >
              {t('strategy.builder.remove')}
            </Button>
          </Group>
        ))}
        {errors[path.join('.')] && (
          <Text size="sm" c="red.8" role="alert">
            {errors[path.join('.')]}
          </Text>
        )}
        <Group>
          <Button
            id={`${fieldId(path)}-add`}
            variant="light"
            onClick={() => {
              update(path, [...items, ''])
              focusLater(fieldId([...path, items.length]))
            }}
          >
            {addLabel}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  )
}

/** A list of rows with several fields each (goals, audiences, channels …). */
export function RowList<T>({
  path,
  legend,
  itemLegend,
  addLabel,
  empty,
  firstField,
  minItems = 0,
  headingOrder = 3,
  onRemove,
  children,
}: {
  path: Path
  legend: string
  itemLegend: (item: T, n: number) => string
  addLabel: string
  empty: () => T
  /** The field that receives focus when a row is added. */
  firstField: string
  minItems?: number
  headingOrder?: 3 | 4
  onRemove?: (remaining: T[]) => void
  children: (itemPath: Path, item: T, index: number) => ReactNode
}) {
  const { t } = useTranslation()
  const { doc, update, errors } = useEditor()
  const items = (getIn(doc, path) as T[]) ?? []
  return (
    <Stack gap="sm">
      <Title order={headingOrder} size="h5">
        {legend}
      </Title>
      {items.length === 0 && <Text size="sm">{t('strategy.builder.emptyList')}</Text>}
      {items.map((item, i) => (
        <Fieldset key={i} legend={itemLegend(item, i + 1)} radius="md">
          <Stack gap="sm">
            {children([...path, i], item, i)}
            {items.length > minItems && (
              <Group justify="flex-end">
                <Button
                  variant="subtle"
                  color="red"
                  onClick={() => {
                    const remaining = items.filter((_, j) => j !== i)
                    update(path, remaining)
                    onRemove?.(remaining)
                    focusLater(`${fieldId(path)}-add`)
                  }}
                >
                  {t('strategy.builder.removeNamed', { name: itemLegend(item, i + 1) })}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      ))}
      {errors[path.join('.')] && (
        <Text size="sm" c="red.8" role="alert">
          {errors[path.join('.')]}
        </Text>
      )}
      <Group>
        <Button
          id={`${fieldId(path)}-add`}
          variant="light"
          onClick={() => {
            update(path, [...items, empty()])
            focusLater(fieldId([...path, items.length, firstField]))
          }}
        >
          {addLabel}
        </Button>
      </Group>
    </Stack>
  )
}
