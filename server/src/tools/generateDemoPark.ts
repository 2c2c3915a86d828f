/**
 * Writes scenes/demo-park/scene.json from the layout in ./demoPark. The scene is data committed
 * to the repository; this script is how it was made and how to change it:
 *
 *   npx tsx server/src/tools/generateDemoPark.ts          write the file
 *   npx tsx server/src/tools/generateDemoPark.ts --check  exit 1 if the committed file is stale
 *
 * Formatted with the repository's Prettier config so `prettier --check` agrees with the output.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { buildDemoPark } from './demoPark/buildScene'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')
export const DEMO_PARK_FILE = resolve(ROOT, 'scenes/demo-park/scene.json')

export async function renderDemoPark(): Promise<string> {
  const options = (await prettier.resolveConfig(DEMO_PARK_FILE)) ?? {}
  return prettier.format(JSON.stringify(buildDemoPark()), { ...options, parser: 'json' })
}

async function main(): Promise<void> {
  const text = await renderDemoPark()
  if (process.argv.includes('--check')) {
    const current = await readFile(DEMO_PARK_FILE, 'utf8').catch(() => '')
    if (current !== text) {
      console.error(`${DEMO_PARK_FILE} is out of date; run npx tsx server/src/tools/generateDemoPark.ts`)
      process.exit(1)
    }
    console.log(`${DEMO_PARK_FILE} is up to date`)
    return
  }
  await mkdir(dirname(DEMO_PARK_FILE), { recursive: true })
  await writeFile(DEMO_PARK_FILE, text)
  console.log(`wrote ${DEMO_PARK_FILE} (${text.length} bytes)`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
