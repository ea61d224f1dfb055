// Torget's Content-Security-Policy forbids eval. Zod probes for eval once with `new Function`, and
// the browser reports that probe as a policy violation even though Zod catches it; jitless Zod
// parses without the probe. This is the object z.config() writes to, shared by every copy of Zod
// on the page: importing z.config here would add 4 KB to the bundle, and `z.*` calls are marked
// pure in vite.config.ts, so the bundle would drop one. e2e/phone.test.ts fails on any violation.
const zodGlobal = globalThis as { __zod_globalConfig?: { jitless?: boolean } }
zodGlobal.__zod_globalConfig ??= {}
zodGlobal.__zod_globalConfig.jitless = true
