export interface PostImagesTable {
  id: string
  library_id: string
  post_id: string
  position: number
  mime_type: string
  width: number
  height: number
  byte_size: number
  data: Uint8Array
  alt: string
  created_at: string
}
