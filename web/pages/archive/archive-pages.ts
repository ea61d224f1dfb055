// The archive's pages load together, on first use: one chunk, none of it in the first page.
export { ArchivePage } from './archive-page.js'
export { ArchiveEntryPage } from './entry-page.js'
export { ArchiveRequestsPage } from './requests-page.js'
export { ArchiveRequestPage } from './request-page.js'
