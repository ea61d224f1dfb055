/** A name as it can stand in a file name: "Västerås stadsbibliotek" → "vasteras-stadsbibliotek". */
export function fileSlug(name: string, fallback = 'bibliotek'): string {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || fallback
  )
}
