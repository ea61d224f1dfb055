/** The first web address in a text, without the punctuation that ends a sentence after it. */
export function firstUrl(text: string): string | undefined {
  return /https?:\/\/[^\s<>"]+[^\s<>".,:;!?)\]'’]/iu.exec(text)?.[0]
}
