import { READABLE_PDF_MAX_ENTRIES } from './readable.js'
import { attrs, esc } from './xml.js'
import type { PackageMetadata } from './write-package.js'

/*
 * The descriptive record of a delivery, in a small XML format of Torget's own
 * (METS MDTYPE="OTHER", CSIP25): who delivers, which accounts, which period,
 * and what the package holds, with the first and last hash of the chain so an
 * archive can check that successive deliveries join up. Its schema travels in
 * the package (schemas/), written here, so the archive can validate it.
 */
export const DELIVERY_NAMESPACE = 'urn:torget:archive-delivery:1'
export const DELIVERY_SCHEMA_NAME = 'torget-archive-delivery-1.xsd'

export interface DeliveryContents {
  entries: number
  mediaFiles: number
  missingMedia: number
  weeded: number
  byKind: Record<string, number>
  first: { seq: number; prevHash: string } | null
  last: { seq: number; hash: string } | null
}

export function deliveryRecord(
  packageId: string,
  meta: PackageMetadata,
  contents: DeliveryContents,
): string {
  const kinds = Object.entries(contents.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, count]) => `    <kind${attrs({ name: kind, entries: count })}/>`)
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<delivery${attrs({ xmlns: DELIVERY_NAMESPACE, version: 1 })}>`,
    `  <package${attrs({ id: packageId, createdAt: meta.createdAt, torgetVersion: meta.torgetVersion, createdBy: meta.createdBy })}/>`,
    `  <library${attrs({ id: meta.library.id, organisationNumber: meta.library.organisationNumber })}>${esc(meta.library.name)}</library>`,
    `  <period${attrs({ from: meta.period.from, to: meta.period.to })}/>`,
    `  <accounts>`,
    ...meta.accounts.map(
      (a) =>
        `    <account${attrs({ channelId: a.channelId, network: a.network, handle: a.handle, url: a.url })}/>`,
    ),
    `  </accounts>`,
    `  <contents${attrs({ entries: contents.entries, mediaFiles: contents.mediaFiles, missingMedia: contents.missingMedia, weeded: contents.weeded })}>`,
    ...kinds,
    contents.first && contents.last
      ? `    <chain${attrs({ firstSeq: contents.first.seq, prevHash: contents.first.prevHash, lastSeq: contents.last.seq, lastHash: contents.last.hash })}/>`
      : '',
    `  </contents>`,
    `</delivery>`,
    '',
  ]
    .filter((line) => line !== '')
    .join('\n')
    .concat('\n')
}

export const DELIVERY_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<!-- The descriptive record of a Torget archive delivery (metadata/descriptive/delivery.xml). -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${DELIVERY_NAMESPACE}"
  xmlns="${DELIVERY_NAMESPACE}" elementFormDefault="qualified">
  <xs:simpleType name="sha256"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction></xs:simpleType>
  <xs:element name="delivery">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="package">
          <xs:complexType>
            <xs:attribute name="id" type="xs:string" use="required"/>
            <xs:attribute name="createdAt" type="xs:dateTime" use="required"/>
            <xs:attribute name="torgetVersion" type="xs:string" use="required"/>
            <xs:attribute name="createdBy" type="xs:string"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="library">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="id" type="xs:string" use="required"/>
                <xs:attribute name="organisationNumber" type="xs:string"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
        <xs:element name="period">
          <xs:complexType>
            <xs:attribute name="from" type="xs:string" use="required"/>
            <xs:attribute name="to" type="xs:string" use="required"/>
          </xs:complexType>
        </xs:element>
        <xs:element name="accounts">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="account" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:attribute name="channelId" type="xs:string" use="required"/>
                  <xs:attribute name="network" type="xs:string" use="required"/>
                  <xs:attribute name="handle" type="xs:string" use="required"/>
                  <xs:attribute name="url" type="xs:string" use="required"/>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
          </xs:complexType>
        </xs:element>
        <xs:element name="contents">
          <xs:complexType>
            <xs:sequence>
              <xs:element name="kind" minOccurs="0" maxOccurs="unbounded">
                <xs:complexType>
                  <xs:attribute name="name" type="xs:string" use="required"/>
                  <xs:attribute name="entries" type="xs:nonNegativeInteger" use="required"/>
                </xs:complexType>
              </xs:element>
              <xs:element name="chain" minOccurs="0">
                <xs:complexType>
                  <xs:attribute name="firstSeq" type="xs:positiveInteger" use="required"/>
                  <xs:attribute name="prevHash" type="sha256" use="required"/>
                  <xs:attribute name="lastSeq" type="xs:positiveInteger" use="required"/>
                  <xs:attribute name="lastHash" type="sha256" use="required"/>
                </xs:complexType>
              </xs:element>
            </xs:sequence>
            <xs:attribute name="entries" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="mediaFiles" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="missingMedia" type="xs:nonNegativeInteger" use="required"/>
            <xs:attribute name="weeded" type="xs:nonNegativeInteger" use="required"/>
          </xs:complexType>
        </xs:element>
      </xs:sequence>
      <xs:attribute name="version" type="xs:positiveInteger" use="required"/>
    </xs:complexType>
  </xs:element>
</xs:schema>
`

/** documentation/README.txt: what the package is, for whoever opens it first. */
export function readme(packageId: string, meta: PackageMetadata, pdf: boolean): string {
  return `${packageId}

Leveranspaket från Torget ${meta.torgetVersion}, skapat ${meta.createdAt}.
${meta.library.name}: allmänna handlingar från bibliotekets konton i sociala medier,
${meta.period.from} – ${meta.period.to}.

Paketet följer FGS Paketstruktur 2.0 (E-ARK CSIP 2.1.0 och E-ARK SIP 2.1.0).
  METS.xml                                  paketets METS med kontrollsummor (SHA-256)
  metadata/descriptive/delivery.xml         vem som levererar, vilka konton, vilken period
  metadata/preservation/premis.xml          PREMIS 3: filer, kontrollsummor, händelser
  schemas/                                  scheman för filerna ovan
  representations/rep1/METS.xml             representationens METS med alla datafiler
  representations/rep1/data/entries/        en JSON-fil per arkivpost (löpnummer-typ.json)
  representations/rep1/data/media/          bilder och andra filer, namngivna efter SHA-256
  representations/rep1/data/readable/       posterna som läsbar text, en fil per månad (${meta.timeZone})${
    pdf
      ? `
                                            och samma som PDF/A-2a (ÅÅÅÅ-MM.pdf; en stor månad i delar,
                                            ÅÅÅÅ-MM-001.pdf …; tecken som inget typsnitt har, som emoji,
                                            finns bara i text- och JSON-filerna)`
      : `
                                            (ingen PDF/A: paketet har fler än ${READABLE_PDF_MAX_ENTRIES.toLocaleString('sv-SE')} poster;
                                            exportera kortare perioder för att få PDF/A)`
  }

Varje post har en hash som täcker dess innehåll och föregående posts hash,
så kedjan kan kontrolleras post för post. En gallrad post saknar innehåll men
behåller sina hashar.

Delivery package from Torget: public records from the library's social-media
accounts for the period above, following FGS Paketstruktur 2.0 (E-ARK CSIP and
SIP 2.1.0). One JSON file per archive entry, media named by SHA-256, a readable
text rendition per month${pdf ? ' and the same as PDF/A-2a' : ` (no PDF/A: over ${READABLE_PDF_MAX_ENTRIES} entries; export shorter periods to get it)`},
PREMIS 3 preservation metadata, and a SHA-256 for every file in the METS documents.
`
}
