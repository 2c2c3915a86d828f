import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** The e2e tests serve the production build; fail early with the command that makes it. */
export function assertClientBuilt(): void {
  const index = join(process.cwd(), 'dist', 'client', 'index.html')
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npx vite build\` before the e2e tests`)
}
