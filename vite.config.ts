import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Path aliases shared with tsconfig.json "paths"; keep the two in step. */
export const alias = {
  '@sim': r('./simulation/src'),
  '@server': r('./server/src'),
  '@client': r('./client/src'),
}

export default defineConfig({
  root: r('./client'),
  publicDir: r('./assets'),
  plugins: [react()],
  resolve: { alias },
  build: {
    outDir: r('./dist/client'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'ws://localhost:8080', ws: true },
    },
  },
})
