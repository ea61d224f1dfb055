import { attrs, esc, type StreamedFile } from './xml.js'
import type { PackedFile } from './tar-output.js'

/*
 * METS documents following E-ARK CSIP 2.1.0 and E-ARK SIP 2.1.0, which is what
 * FGS Paketstruktur 2.0 asks for. Requirement ids (CSIPn, SIPn) name the rule
 * a line follows; docs/archive-package.md maps every field.
 */
export const SIP_PROFILE = 'https://earksip.dilcis.eu/profile/E-ARK-SIP.xml'
const NAMESPACES = {
  'xmlns:mets': 'http://www.loc.gov/METS/',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
  'xmlns:csip': 'https://DILCIS.eu/XML/METS/CSIPExtensionMETS',
  'xmlns:sip': 'https://DILCIS.eu/XML/METS/SIPExtensionMETS',
  'xsi:schemaLocation':
    'http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd http://www.w3.org/1999/xlink http://www.loc.gov/standards/mets/xlink.xsd https://DILCIS.eu/XML/METS/CSIPExtensionMETS https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd https://DILCIS.eu/XML/METS/SIPExtensionMETS https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd',
}
// The social-media records fall outside the DILCIS content categories (CSIP2, CSIP3).
const CONTENT_TYPE = { TYPE: 'OTHER', 'csip:OTHERTYPE': 'Social media records' }
export const CONTENT_INFORMATION_TYPE = {
  'csip:CONTENTINFORMATIONTYPE': 'OTHER',
  'csip:OTHERCONTENTINFORMATIONTYPE': 'Torget archive entries 1 (JSON)',
}

export interface HeaderFacts {
  createdAt: string
  torgetVersion: string
  library: { name: string; organisationNumber?: string | undefined }
  createdBy?: string | undefined
}

function header(facts: HeaderFacts): string {
  const library = facts.library
  const identification = library.organisationNumber
    ? `<mets:note csip:NOTETYPE="IDENTIFICATIONCODE">${esc(library.organisationNumber)}</mets:note>`
    : ''
  return [
    // CSIP117, CSIP7, SIP3, SIP4
    `<mets:metsHdr${attrs({ CREATEDATE: facts.createdAt, RECORDSTATUS: 'NEW', 'csip:OAISPACKAGETYPE': 'SIP' })}>`,
    // CSIP10–16: the software that made the package.
    `<mets:agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE"><mets:name>Torget</mets:name>`,
    `<mets:note csip:NOTETYPE="SOFTWARE VERSION">${esc(facts.torgetVersion)}</mets:note></mets:agent>`,
    // SIP9–14: the library created the records; SIP15–20: and submits them.
    `<mets:agent ROLE="ARCHIVIST" TYPE="ORGANIZATION"><mets:name>${esc(library.name)}</mets:name>${identification}</mets:agent>`,
    `<mets:agent ROLE="CREATOR" TYPE="ORGANIZATION"><mets:name>${esc(library.name)}</mets:name>${identification}</mets:agent>`,
    // SIP21–24: whoever made the export, when known.
    facts.createdBy
      ? `<mets:agent ROLE="CREATOR" TYPE="INDIVIDUAL"><mets:name>${esc(facts.createdBy)}</mets:name></mets:agent>`
      : '',
    `</mets:metsHdr>`,
  ].join('\n')
}

/** CSIP66–79: one file, with its size, creation, checksum and type, and where it is. */
function fileElement(id: string, file: PackedFile, href: string, created: string): string {
  return (
    `<mets:file${attrs({ ID: id, MIMETYPE: file.mime, SIZE: file.size, CREATED: created, CHECKSUM: file.sha256, CHECKSUMTYPE: 'SHA-256' })}>` +
    `<mets:FLocat LOCTYPE="URL" xlink:type="simple"${attrs({ 'xlink:href': encodeHref(href) })}/></mets:file>\n`
  )
}

/** Relative file paths as URLs; our names are ASCII already, so this only guards. */
function encodeHref(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/')
}

/** representations/rep1/METS.xml: every data file of the representation, written as it is read back. */
export async function writeRepresentationMets(
  out: StreamedFile,
  rep: string,
  facts: HeaderFacts,
  files: AsyncIterable<PackedFile>,
): Promise<void> {
  // CSIP1: a representation's METS is named by the representation; CSIP4 states its content.
  await out.write(
    `<?xml version="1.0" encoding="UTF-8"?>\n<mets:mets${attrs({ ...NAMESPACES, OBJID: rep, ...CONTENT_TYPE, ...CONTENT_INFORMATION_TYPE, PROFILE: SIP_PROFILE })}>\n`,
  )
  await out.write(header(facts) + '\n')
  await out.write(
    `<mets:fileSec ID="${rep}-filesec">\n<mets:fileGrp ID="${rep}-data" USE="Data">\n`,
  )
  let n = 0
  const prefix = `representations/${rep}/`
  for await (const file of files) {
    n++
    await out.write(
      fileElement(`${rep}-file-${n}`, file, file.path.slice(prefix.length), facts.createdAt),
    )
  }
  await out.write(`</mets:fileGrp>\n</mets:fileSec>\n`)
  await out.write(
    `<mets:structMap ID="${rep}-structmap" TYPE="PHYSICAL" LABEL="CSIP">\n<mets:div ID="${rep}-div" LABEL="${rep}">\n` +
      `<mets:div ID="${rep}-div-metadata" LABEL="Metadata"/>\n` +
      `<mets:div ID="${rep}-div-data" LABEL="Data"><mets:fptr FILEID="${rep}-data"/></mets:div>\n` +
      `</mets:div>\n</mets:structMap>\n</mets:mets>\n`,
  )
}

export interface RootFiles {
  descriptive: PackedFile
  preservation: PackedFile
  documentation: PackedFile[]
  schemas: PackedFile[]
  representations: { name: string; mets: PackedFile }[]
}

/** The package's METS.xml, written last: it holds the checksums of everything it points to. */
export function rootMets(id: string, label: string, facts: HeaderFacts, files: RootFiles): string {
  const created = facts.createdAt
  const mdRef = (file: PackedFile, type: Record<string, string>) =>
    // CSIP21–30, CSIP35–44
    `<mets:mdRef LOCTYPE="URL" xlink:type="simple"${attrs({ 'xlink:href': encodeHref(file.path), ...type, MIMETYPE: file.mime, SIZE: file.size, CREATED: created, CHECKSUM: file.sha256, CHECKSUMTYPE: 'SHA-256' })}/>`
  const group = (groupId: string, use: string, list: PackedFile[], extra = {}) =>
    `<mets:fileGrp${attrs({ ID: groupId, USE: use, ...extra })}>\n` +
    list.map((f, i) => fileElement(`${groupId}-file-${i + 1}`, f, f.path, created)).join('') +
    `</mets:fileGrp>\n`
  const reps = files.representations
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    // CSIP1, CSIP2, CSIP3, CSIP6 with SIP2's profile, SIP1
    `<mets:mets${attrs({ ...NAMESPACES, OBJID: id, LABEL: label, ...CONTENT_TYPE, PROFILE: SIP_PROFILE })}>`,
    header(facts),
    // CSIP17–30
    `<mets:dmdSec ID="dmd-1" CREATED="${esc(created)}" STATUS="CURRENT">${mdRef(files.descriptive, { MDTYPE: 'OTHER', OTHERMDTYPE: 'Torget archive delivery 1' })}</mets:dmdSec>`,
    // CSIP31–44: PREMIS in one digiprovMD.
    `<mets:amdSec ID="amd-1"><mets:digiprovMD ID="digiprov-1" CREATED="${esc(created)}" STATUS="CURRENT">${mdRef(files.preservation, { MDTYPE: 'PREMIS', MDTYPEVERSION: '3.0' })}</mets:digiprovMD></mets:amdSec>`,
    // CSIP58–79, CSIP113, CSIP114; CSIP62 on each representation's group.
    `<mets:fileSec ID="filesec-1">`,
    group('grp-documentation', 'Documentation', files.documentation),
    group('grp-schemas', 'Schemas', files.schemas),
    ...reps.map((r) =>
      group(`grp-rep-${r.name}`, `Representations/${r.name}`, [r.mets], CONTENT_INFORMATION_TYPE),
    ),
    `</mets:fileSec>`,
    // CSIP80–112: one PHYSICAL structMap labelled CSIP, one main div named by the package.
    `<mets:structMap ID="structmap-1" TYPE="PHYSICAL" LABEL="CSIP">`,
    `<mets:div ID="div-package"${attrs({ LABEL: id })}>`,
    `<mets:div ID="div-metadata" LABEL="Metadata" ADMID="digiprov-1" DMDID="dmd-1"/>`,
    `<mets:div ID="div-documentation" LABEL="Documentation"><mets:fptr FILEID="grp-documentation"/></mets:div>`,
    `<mets:div ID="div-schemas" LABEL="Schemas"><mets:fptr FILEID="grp-schemas"/></mets:div>`,
    ...reps.map(
      (r) =>
        `<mets:div ID="div-rep-${r.name}" LABEL="Representations/${r.name}">` +
        `<mets:mptr LOCTYPE="URL" xlink:type="simple" xlink:href="${encodeHref(r.mets.path)}" xlink:title="grp-rep-${r.name}"/></mets:div>`,
    ),
    `</mets:div>`,
    `</mets:structMap>`,
    `</mets:mets>`,
    '',
  ].join('\n')
}
