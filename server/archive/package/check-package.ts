import { expect } from 'vitest'
import { children, findAll, parseXml } from '../../test/xml-tree.js'
import { sha256Of } from './unpack.js'

/** Tests only. */
export /** Every checksum any METS or PREMIS document states, checked against the file's real bytes. */
function checkAll(files: Map<string, Buffer>) {
  const stated = new Map<string, { sha256: string; size: number }[]>()
  const state = (path: string, sha256: string, size: number) =>
    stated.set(path, [...(stated.get(path) ?? []), { sha256, size }])
  const root = parseXml(files.get('METS.xml')!.toString('utf8'))
  for (const file of findAll(root, 'mets:file'))
    state(
      children(file, 'mets:FLocat')[0]!.attributes['xlink:href']!,
      file.attributes.CHECKSUM!,
      Number(file.attributes.SIZE),
    )
  for (const ref of findAll(root, 'mets:mdRef'))
    state(ref.attributes['xlink:href']!, ref.attributes.CHECKSUM!, Number(ref.attributes.SIZE))
  const rep = parseXml(files.get('representations/rep1/METS.xml')!.toString('utf8'))
  for (const file of findAll(rep, 'mets:file'))
    state(
      `representations/rep1/${children(file, 'mets:FLocat')[0]!.attributes['xlink:href']}`,
      file.attributes.CHECKSUM!,
      Number(file.attributes.SIZE),
    )
  const premis = parseXml(files.get('metadata/preservation/premis.xml')!.toString('utf8'))
  for (const object of findAll(premis, 'premis:object')) {
    const path = findAll(object, 'premis:objectIdentifierValue')[0]!.text
    state(
      path,
      findAll(object, 'premis:messageDigest')[0]!.text,
      Number(findAll(object, 'premis:size')[0]!.text),
    )
  }
  for (const [path, bytes] of files) {
    if (path === 'METS.xml') continue
    const claims = stated.get(path)
    expect(claims, `${path} has no checksum in any METS`).toBeDefined()
    for (const claim of claims!)
      expect(claim, path).toEqual({ sha256: sha256Of(bytes), size: bytes.length })
  }
  for (const path of stated.keys())
    expect(files.has(path), `${path} is named but missing`).toBe(true)
  return { root, rep, premis }
}
