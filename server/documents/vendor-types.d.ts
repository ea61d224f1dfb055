// The parts of two untyped packages the PDF code uses.

declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean
  }
  export function create(buffer: Buffer): Font
}

declare module 'bidi-js' {
  export interface EmbeddingLevels {
    levels: Uint8Array
    /** `start` and `end` are inclusive. */
    paragraphs: { start: number; end: number; level: number }[]
  }
  export interface Bidi {
    getEmbeddingLevels(text: string, direction?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels
    /** Every index of `text`; those from `start` to `end` (inclusive) in visual order. */
    getReorderedIndices(
      text: string,
      levels: EmbeddingLevels,
      start?: number,
      end?: number,
    ): number[]
    getMirroredCharacter(char: string): string | null
  }
  export default function bidiFactory(): Bidi
}
