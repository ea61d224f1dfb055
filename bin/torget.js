#!/usr/bin/env node
// The compiled CLI; `npm run build:server` produces it.
import('../dist/server/cli/main.js')
