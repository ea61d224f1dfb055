import { isBuiltInNetwork } from '../../../core/channels/networks.js'
import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { renderSavedReply } from '../../../core/inbox/placeholders.js'
import type { InboxItemDetail } from '../../../core/schemas/inbox.js'
import { isApiError } from '../../api/client.js'
import { refreshInboxItem, savedRepliesQuery, sendInboxReply } from '../../api/inbox.js'
import { useMembership } from '../../api/use-session.js'
import { ErrorAlert } from '../../components/error-alert.js'
import { networkName, atHandle } from '../../components/network.js'
import { notify } from '../../components/notify.js'
import { GuidelineFindings } from '../posts/guideline-findings.js'
import { showInField } from '../posts/problems.js'
import { useAnnounce } from './announcer.js'
import { newestIsMine, snapshot, type Snapshot } from './changes.js'
import { ChangeNotice } from './change-notice.js'
import { READABLE_ALERT } from './item-facts.js'
import {
  placeholderProblems,
  placeholderValues,
  REPLY_FIELD_ID,
  useReplyFindings,
} from './reply-checks.js'
import { isItemChanged } from './use-patch-item.js'

type Props = {
  libraryId: string
  detail: InboxItemDetail
  me: { id: string; name: string }
  canAnswer: boolean
  onWriting: (writing: boolean) => void
}

/**
 * The answer, published in the thread from the library's account. It is sent
 * against the item as the person saw it when they began, so a colleague's
 * answer meanwhile is shown before a second one goes out.
 */
export function ReplyBox({ canAnswer, ...props }: Props) {
  const { t } = useTranslation()
  if (!canAnswer)
    return (
      <Text size="sm" c="gray.8">
        {t('inbox.reply.cannot')}
      </Text>
    )
  return <ReplyForm key={props.detail.item.id} {...props} />
}

function ReplyForm({ libraryId, detail, me, onWriting }: Omit<Props, 'canAnswer'>) {
  const { t, i18n } = useTranslation()
  const locale = i18n.language === 'en' ? 'en' : 'sv'
  const queryClient = useQueryClient()
  const announce = useAnnounce()
  const item = detail.item
  const libraryName = useMembership(libraryId).libraryName
  const saved = useQuery(savedRepliesQuery(libraryId))
  const [text, setText] = useState('')
  const [seen, setSeen] = useState<Snapshot>()
  const [problem, setProblem] = useState<string>()
  const values = placeholderValues(item, libraryName, me)
  const placeholders = placeholderProblems(text, values)
  const checks = useReplyFindings(libraryId, item, text, locale)
  const blocking = checks.findings.filter((f) => f.severity === 'block')
  const warnings = checks.findings.filter((f) => f.severity === 'warn')
  const writing = text.trim() !== ''

  useEffect(() => onWriting(writing), [writing, onWriting])
  useEffect(() => () => onWriting(false), [onWriting])
  // The person's own tag or note while writing is no colleague's change.
  useEffect(() => {
    if (seen && item.version > seen.item.version && newestIsMine(detail, me.id))
      setSeen(snapshot(detail))
  }, [detail, item.version, me.id, seen])
  const stale = seen !== undefined && item.version > seen.item.version

  const send = useMutation({
    mutationFn: (input: { version: number; acknowledgeWarnings: boolean }) =>
      sendInboxReply(
        libraryId,
        item.id,
        { text: text.trim(), ...input },
        isBuiltInNetwork(item.channel.network),
      ),
    onSuccess: (reply) => {
      setText('')
      setSeen(undefined)
      const message =
        reply.state === 'published'
          ? t('inbox.reply.published')
          : reply.state === 'in_review'
            ? t('inbox.reply.inReview')
            : t('inbox.reply.queued')
      notify(message)
      announce(message)
    },
    onSettled: () => refreshInboxItem(queryClient, libraryId, item.id),
  })

  const edit = (next: string) => {
    if (!seen && next.trim() !== '') setSeen(snapshot(detail))
    if (next.trim() === '') setSeen(undefined)
    setText(next)
  }

  const insertSaved = (id: string) => {
    const reply = saved.data?.find((r) => r.id === id)
    if (!reply) return
    const filled = renderSavedReply(reply.body, values).text
    edit(text.trim() ? `${text.trimEnd()}\n\n${filled}` : filled)
    requestAnimationFrame(() => document.getElementById(REPLY_FIELD_ID)?.focus())
  }

  const submit = (event: FormEvent, anyway = false) => {
    event.preventDefault()
    setProblem(undefined)
    if (!writing) return fail(t('inbox.reply.empty'))
    if (placeholders.unknown.length > 0 || placeholders.missing.length > 0)
      return fail(t('inbox.reply.fixPlaceholders'))
    if (blocking.length > 0) return fail(t('inbox.reply.blocked'))
    const version = anyway || !seen ? item.version : seen.item.version
    if (anyway) setSeen(snapshot(detail))
    send.mutate({ version, acknowledgeWarnings: warnings.length > 0 })
  }
  const fail = (message: string) => {
    setProblem(message)
    showInField(REPLY_FIELD_ID)
  }

  const conflict = stale || isItemChanged(send.error)
  const policyRefused = isApiError(send.error) && send.error.status === 422
  return (
    <Stack gap="sm" component="section" aria-labelledby="inbox-reply-heading">
      <Title order={3} size="h5" id="inbox-reply-heading">
        {t('inbox.reply.heading')}
      </Title>
      {conflict && seen && (
        <ChangeNotice before={seen} now={detail} meId={me.id}>
          <Text size="sm">{t('inbox.conflict.keep')}</Text>
          <Group>
            <Button variant="default" onClick={(e) => submit(e, true)} loading={send.isPending}>
              {t('inbox.conflict.sendAnyway')}
            </Button>
          </Group>
        </ChangeNotice>
      )}
      <form onSubmit={(e) => submit(e)} noValidate>
        <Stack gap="sm">
          {saved.data && saved.data.length > 0 && (
            <NativeSelect
              label={t('inbox.reply.saved')}
              description={t('inbox.reply.savedHint')}
              value=""
              onChange={(e) => insertSaved(e.currentTarget.value)}
              data={[
                { value: '', label: t('inbox.reply.savedPick') },
                ...saved.data.map((r) => ({ value: r.id, label: r.title })),
              ]}
              maw={420}
            />
          )}
          <Textarea
            id={REPLY_FIELD_ID}
            label={t('inbox.reply.field')}
            description={t('inbox.reply.hint', {
              network: networkName(item.channel.network),
              handle: atHandle(item.channel.handle),
            })}
            value={text}
            onChange={(e) => edit(e.currentTarget.value)}
            error={problem}
            autosize
            minRows={3}
            maxRows={12}
            maxLength={5000}
          />
          <PlaceholderErrors {...placeholders} />
          {writing && (
            <GuidelineFindings
              findings={checks.findings}
              policyNote={checks.policyNote}
              status={checks.status}
              source={checks.source}
              audiences={[]}
              audience={undefined}
              onAudience={() => undefined}
              locale={locale}
              onShow={(finding) => showInField(REPLY_FIELD_ID, finding.range)}
              onFix={(finding) => {
                const fix = finding.fix?.replacement
                if (!fix || text !== finding.source) return
                edit(text.slice(0, fix.start) + fix.text + text.slice(fix.end))
              }}
            />
          )}
          {policyRefused && send.error instanceof Error && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              title={t('inbox.reply.refused')}
              styles={READABLE_ALERT}
            >
              <Text size="sm">{send.error.message}</Text>
              {isApiError(send.error) && send.error.details.length > 0 && (
                <ul style={{ margin: '0.25rem 0 0', paddingLeft: '1.25rem' }}>
                  {send.error.details.map((d, i) => (
                    <li key={i}>
                      <Text size="sm">{d.message}</Text>
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {send.error && !policyRefused && !isItemChanged(send.error) && (
            <ErrorAlert error={send.error} />
          )}
          <Group>
            <Button type="submit" loading={send.isPending}>
              {warnings.length > 0 ? t('inbox.reply.sendAnyway') : t('inbox.reply.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  )
}

/** Said before sending: a placeholder left in the text would be published as it is. */
function PlaceholderErrors({ unknown, missing }: { unknown: string[]; missing: string[] }) {
  const { t } = useTranslation()
  if (unknown.length === 0 && missing.length === 0) return null
  const braces = (names: string[]) => names.map((n) => `{${n}}`).join(', ')
  return (
    <Alert color="red" variant="light" role="alert" p="sm">
      {unknown.length > 0 && (
        <Text size="sm">{t('inbox.reply.unknown', { list: braces(unknown) })}</Text>
      )}
      {missing.length > 0 && (
        <Text size="sm">{t('inbox.reply.missing', { list: braces(missing) })}</Text>
      )}
    </Alert>
  )
}
