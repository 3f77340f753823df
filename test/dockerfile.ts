/**
 * Runs a Dockerfile's steps without a Docker engine: each stage gets a directory standing for its
 * filesystem root; COPY copies into it, RUN runs the command in its WORKDIR with its ENV, and the
 * final stage's CMD, ENV, USER and HEALTHCHECK are handed back for the test to start and probe.
 * Only `RUN npm …` is executed; any other RUN must be listed in `imageOnly` with an emulation
 * (it prepares the image outside the app, e.g. a volume's mount point).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, symlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Instruction {
  op: string;
  args: string;
}

export interface Stage {
  name: string;
  /** Directory standing for the stage's `/`. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string | undefined;
  cmd: string[] | undefined;
  healthcheck: string[] | undefined;
  ran: string[];
}

/** Instructions, with `\` continuations joined and comments dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*#/.test(line) && !pending) continue;
    if (/\\\s*$/.test(line)) {
      pending += `${line.replace(/\\\s*$/, '')} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (!full) continue;
    const m = /^(\w+)\s+(.*)$/.exec(full);
    if (m) out.push({ op: (m[1] as string).toUpperCase(), args: (m[2] as string).trim() });
  }
  return out;
}

export interface RunOptions {
  /** The build context (the repository). */
  context: string;
  /** Where the stages' roots go. */
  workspace: string;
  /** Environment for RUN steps on top of the stage's ENV. */
  baseEnv: Record<string, string>;
  /** RUN commands that are not `npm …`: what each does to the stage, done here instead. */
  imageOnly: Record<string, (stage: Stage) => Promise<void>>;
  /** Replaces one RUN step by an equivalent (e.g. reuse an `npm ci` of the same lockfile). */
  substitute?: (stage: Stage, command: string) => Promise<boolean>;
}

/** Runs every stage; returns them by name (the last one is the image). */
export async function runDockerfile(instructions: Instruction[], o: RunOptions): Promise<Stage[]> {
  const stages: Stage[] = [];
  const args: Record<string, string> = {};
  let stage: Stage | undefined;
  const at = (s: Stage, path: string) => join(s.root, path.startsWith('/') ? path : join(s.workdir, path));
  for (const { op, args: rest } of instructions) {
    if (op === 'ARG') {
      const [k, v = ''] = rest.split('=');
      args[k as string] = v;
      continue;
    }
    if (op === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(rest)?.[1] ?? String(stages.length);
      stage = {
        name,
        root: join(o.workspace, name),
        workdir: '/',
        env: {},
        user: undefined,
        cmd: undefined,
        healthcheck: undefined,
        ran: [],
      };
      await mkdir(stage.root, { recursive: true });
      stages.push(stage);
      continue;
    }
    if (!stage) throw new Error(`${op} before FROM`);
    const s = stage;
    switch (op) {
      case 'WORKDIR':
        s.workdir = rest;
        await mkdir(at(s, rest), { recursive: true });
        break;
      case 'ENV':
        for (const m of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g))
          s.env[m[1] as string] = (m[2] as string).replace(/^"|"$/g, '');
        break;
      case 'USER':
        s.user = rest;
        break;
      case 'CMD':
        s.cmd = JSON.parse(rest) as string[];
        break;
      case 'HEALTHCHECK': {
        const m = /\bCMD\s+(\[.*\])\s*$/.exec(rest);
        if (!m) throw new Error('HEALTHCHECK must use the exec form CMD [...]');
        s.healthcheck = JSON.parse(m[1] as string) as string[];
        break;
      }
      case 'COPY': {
        const words = rest.split(/\s+/);
        const flags = words.filter((w) => w.startsWith('--'));
        const paths = words.filter((w) => !w.startsWith('--'));
        const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
        const dest = paths.pop() as string;
        const source = from === undefined ? undefined : stages.find((x) => x.name === from);
        if (from !== undefined && !source) throw new Error(`COPY --from=${from}: no such stage`);
        const intoDir = paths.length > 1 || dest.endsWith('/');
        for (const p of paths) {
          const src = source ? join(source.root, p) : join(o.context, p);
          const target = intoDir ? join(at(s, dest), basename(p)) : at(s, dest);
          await cp(src, target, { recursive: true, dereference: false });
        }
        break;
      }
      case 'RUN': {
        const command = rest.replace(/^(--\S+\s+)+/, ''); // build-only flags such as --mount=type=cache
        s.ran.push(command);
        const emulate = o.imageOnly[command];
        if (emulate) {
          await emulate(s);
          break;
        }
        if (!command.startsWith('npm ')) throw new Error(`RUN step the test does not know: ${command}`);
        if (await o.substitute?.(s, command)) break;
        await run('sh', ['-c', command], {
          cwd: at(s, '.'),
          env: { ...o.baseEnv, ...s.env },
          maxBuffer: 64 * 1024 * 1024,
        });
        break;
      }
      case 'EXPOSE':
      case 'VOLUME':
      case 'LABEL':
        break;
      default:
        throw new Error(`Dockerfile instruction the test does not know: ${op}`);
    }
  }
  void args;
  return stages;
}

/** Links `node_modules` of `from` into the stage's WORKDIR. */
export async function linkNodeModules(stage: Stage, from: string): Promise<void> {
  await symlink(join(from, 'node_modules'), join(stage.root, stage.workdir, 'node_modules'), 'dir');
}
