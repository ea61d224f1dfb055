// `npm start [-- --demo]`: build when needed, then `torget serve`.
import { checkNode, ensureBuild } from './ensure-build.js'

checkNode()
ensureBuild()
process.argv.splice(2, 0, 'serve')
await import('../dist/server/cli/main.js')
