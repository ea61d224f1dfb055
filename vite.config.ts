import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

const webRoot = fileURLToPath(new URL('./web', import.meta.url))
const outDir = fileURLToPath(new URL('./dist/web', import.meta.url))
const apiServer = process.env.TORGET_API_URL ?? 'http://127.0.0.1:3000'

// Keep the browser's Host so the server's same-origin (CSRF) check sees the dev origin.
const toApi = { target: apiServer, changeOrigin: false }
// Only the API's own paths: '/api' alone would also catch the source files in web/api/.
const proxy = {
  '^/api/v\\d+/': toApi,
  '/healthz': toApi,
  '/readyz': toApi,
}

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    rolldownOptions: {
      treeshake: {
        // core/ builds its constants next to zod schemas the browser never
        // uses; marking zod's builders pure lets them (and zod) drop out.
        manualPureFunctions: ['z'],
      },
    },
  },
  server: {
    proxy,
  },
  preview: {
    proxy,
  },
})
