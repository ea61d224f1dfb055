import { attrs, esc, type StreamedFile } from './xml.js'
import type { PackedFile } from './tar-output.js'

/** What PREMIS says of an entry's capture, kept beside its file until PREMIS is written. */
export interface Capture {
  entryId: string
  seq: number
  capturedAt: string
  hash: string
}

export interface PremisFacts {
  createdAt: string
  packageId: string
  torgetVersion: string
  library: { id: string; name: string; organisationNumber?: string | undefined }
  createdBy?: string | undefined
}

const id = (type: string, value: string) =>
  `<premis:${type}Type>local</premis:${type}Type><premis:${type}Value>${esc(value)}</premis:${type}Value>`

/**
 * metadata/preservation/premis.xml (PREMIS 3.0): an object with SHA-256 fixity
 * for every file the METS documents point to, an event for each entry's
 * capture and one for the package's creation, and the agents behind them.
 * Written from a stream of files, twice read, so nothing of size is held.
 */
export async function writePremis(
  out: StreamedFile,
  facts: PremisFacts,
  files: () => AsyncIterable<PackedFile & { capture?: Capture }>,
): Promise<void> {
  await out.write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<premis:premis${attrs({
      'xmlns:premis': 'http://www.loc.gov/premis/v3',
      'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
      'xsi:schemaLocation':
        'http://www.loc.gov/premis/v3 https://www.loc.gov/standards/premis/premis.xsd',
      version: '3.0',
    })}>\n`,
  )
  for await (const file of files()) {
    const events = [file.capture ? `capture-${file.capture.entryId}` : null, 'package-creation']
    await out.write(
      `<premis:object xsi:type="premis:file"><premis:objectIdentifier>${id('objectIdentifier', file.path)}</premis:objectIdentifier>` +
        `<premis:objectCharacteristics><premis:compositionLevel>0</premis:compositionLevel>` +
        `<premis:fixity><premis:messageDigestAlgorithm>SHA-256</premis:messageDigestAlgorithm><premis:messageDigest>${file.sha256}</premis:messageDigest><premis:messageDigestOriginator>Torget</premis:messageDigestOriginator></premis:fixity>` +
        `<premis:size>${file.size}</premis:size>` +
        `<premis:format><premis:formatDesignation><premis:formatName>${esc(file.mime)}</premis:formatName></premis:formatDesignation></premis:format></premis:objectCharacteristics>` +
        events
          .filter((e) => e !== null)
          .map(
            (e) =>
              `<premis:linkingEventIdentifier>${id('linkingEventIdentifier', e)}</premis:linkingEventIdentifier>`,
          )
          .join('') +
        `</premis:object>\n`,
    )
  }
  const agent = (value: string) =>
    `<premis:linkingAgentIdentifier>${id('linkingAgentIdentifier', value)}</premis:linkingAgentIdentifier>`
  for await (const file of files()) {
    const capture = file.capture
    if (!capture) continue
    await out.write(
      `<premis:event><premis:eventIdentifier>${id('eventIdentifier', `capture-${capture.entryId}`)}</premis:eventIdentifier>` +
        `<premis:eventType>capture</premis:eventType><premis:eventDateTime>${esc(capture.capturedAt)}</premis:eventDateTime>` +
        `<premis:eventDetailInformation><premis:eventDetail>${esc(`Entry ${capture.seq} of the library's archive chain, hash ${capture.hash}`)}</premis:eventDetail></premis:eventDetailInformation>` +
        `<premis:eventOutcomeInformation><premis:eventOutcome>success</premis:eventOutcome></premis:eventOutcomeInformation>` +
        agent('torget') +
        `<premis:linkingObjectIdentifier>${id('linkingObjectIdentifier', file.path)}</premis:linkingObjectIdentifier></premis:event>\n`,
    )
  }
  await out.write(
    `<premis:event><premis:eventIdentifier>${id('eventIdentifier', 'package-creation')}</premis:eventIdentifier>` +
      `<premis:eventType>creation</premis:eventType><premis:eventDateTime>${esc(facts.createdAt)}</premis:eventDateTime>` +
      `<premis:eventDetailInformation><premis:eventDetail>${esc(`Delivery package ${facts.packageId} made by Torget ${facts.torgetVersion}`)}</premis:eventDetail></premis:eventDetailInformation>` +
      `<premis:eventOutcomeInformation><premis:eventOutcome>success</premis:eventOutcome></premis:eventOutcomeInformation>` +
      agent('torget') +
      agent(`library-${facts.library.id}`) +
      (facts.createdBy ? agent('exported-by') : '') +
      `</premis:event>\n`,
  )
  const agentElement = (agentId: string, name: string, type: string, extra = '') =>
    `<premis:agent><premis:agentIdentifier>${id('agentIdentifier', agentId)}</premis:agentIdentifier>` +
    `<premis:agentName>${esc(name)}</premis:agentName><premis:agentType>${type}</premis:agentType>${extra}</premis:agent>\n`
  await out.write(
    agentElement(
      'torget',
      'Torget',
      'software',
      `<premis:agentVersion>${esc(facts.torgetVersion)}</premis:agentVersion>`,
    ) +
      agentElement(
        `library-${facts.library.id}`,
        facts.library.name,
        'organization',
        facts.library.organisationNumber
          ? `<premis:agentNote>${esc(`Organisationsnummer ${facts.library.organisationNumber}`)}</premis:agentNote>`
          : '',
      ) +
      (facts.createdBy ? agentElement('exported-by', facts.createdBy, 'person') : '') +
      `</premis:premis>\n`,
  )
}
