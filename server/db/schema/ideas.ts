/** An idea on the board (Idéer): a line, and what it is about. */
export interface IdeasTable {
  id: string
  library_id: string
  /** Who had the idea: told when it becomes a draft and when that post is published. */
  owner_id: string
  text: string
  book: string | null
  /** An https address. */
  link: string | null
  event_id: string | null
  /** 'new' | 'in_progress' | 'used' | 'not_now' */
  state: string
  /** The draft made of it; unique, set once. */
  post_id: string | null
  drafted_by: string | null
  drafted_at: string | null
  published_at: string | null
  created_at: string
  updated_at: string
}

/** An idea's photo, EXIF and GPS already stripped (server/media). */
export interface IdeaPhotosTable {
  idea_id: string
  library_id: string
  mime_type: string
  width: number
  height: number
  byte_size: number
  data: Uint8Array
  alt: string
  created_at: string
}

/** One member's support of an idea. */
export interface IdeaSupportsTable {
  idea_id: string
  user_id: string
  library_id: string
  created_at: string
}

export interface IdeaCommentsTable {
  id: string
  library_id: string
  idea_id: string
  author_id: string
  text: string
  created_at: string
}
