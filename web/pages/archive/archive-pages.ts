// The archive's pages load together, on first use: one chunk, none of it in the first page.
export { ArchivePage } from './archive-page.js'
export { ArchiveEntryPage } from './entry-page.js'
export { ArchiveRequestsPage } from './requests-page.js'
export { ArchiveRequestPage } from './request-page.js'
export { ArchiveWeedingPage } from './weeding-page.js'
export { ArchiveReportPage } from './report-page.js'
export { PersonalDataPage } from './personal-data-page.js'
