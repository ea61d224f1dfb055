import { lowerHashCostInTests } from '../security/passwords.js'

// Runs in every test file's process before its tests (vitest.config.ts `setupFiles`).
lowerHashCostInTests()
