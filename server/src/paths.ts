import { fileURLToPath } from 'node:url'
import { resolve } from 'node:path'

/** Repository root, found from this file so commands work from any working directory. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..')
export const DEFAULT_SCENES_DIR = resolve(REPO_ROOT, 'scenes')
export const DEFAULT_STATIC_DIR = resolve(REPO_ROOT, 'dist/client')
export const DEFAULT_DATA_DIR = resolve(REPO_ROOT, 'data')
