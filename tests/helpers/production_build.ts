import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'

export interface ProductionBuild {
  /** The build folder: run `node bin/server.js` or `node ace …` from here. */
  dir: string
  remove: () => Promise<void>
}

/**
 * Runs the production build (`node ace build` with tsconfig.build.json, as `npm run build`
 * and the Dockerfile do) into a temporary folder, so a developer's own build/ is left alone.
 * The build resolves packages through a link to this project's node_modules.
 */
export async function buildForProduction(): Promise<ProductionBuild> {
  const root = process.cwd()
  const tmp = await mkdtemp(join(tmpdir(), 'nexus-build-'))
  const dir = join(tmp, 'build')
  const remove = () => rm(tmp, { recursive: true, force: true })

  /*
  | A tsconfig outside the project resolves type packages from its own folder, hence the
  | explicit typeRoots. The assembler joins the --tsconfig path to the app root: relative.
  */
  const tsconfig = join(tmp, 'tsconfig.json')
  await writeFile(
    tsconfig,
    JSON.stringify({
      extends: join(root, 'tsconfig.build.json'),
      compilerOptions: {
        outDir: './build',
        typeRoots: [join(root, 'node_modules/@types')],
        types: ['node'],
      },
    })
  )

  const child = spawn(
    process.execPath,
    ['ace.js', 'build', `--tsconfig=${relative(root, tsconfig)}`, '--no-ansi'],
    { cwd: root, stdio: 'pipe' }
  )
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const [code] = await once(child, 'exit')
  if (code !== 0) {
    await remove()
    throw new Error(`node ace build failed with exit code ${code}:\n${output}`)
  }

  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  return { dir, remove }
}
