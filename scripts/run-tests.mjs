#!/usr/bin/env node
/**
 * `npm test`: every check and every test lane, side by side. The checks (types, lint, format,
 * dependency rules, generated schema, client and settings table) run next to vitest, a few at a
 * time (TEST_CHECKS_CONCURRENCY, default 1): most of vitest's time is spent waiting on emulators
 * and child processes, which leaves the CPU to them. Each check's output is shown when it ends
 * (in full only when it fails); vitest's output streams as it comes. The run fails when any part
 * fails, and ends with the time of each part and vitest's closing `vitest: N passed, …` line.
 *
 * `node scripts/run-tests.mjs -- <vitest args>` passes the arguments on to vitest.
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { createInterface } from 'node:readline';

const bin = (name) => join('node_modules', '.bin', name);
// The checks' caches live in the checkout's .cache/ (git-ignored), not in node_modules: `npm ci`
// empties node_modules, and worktrees may share one.
const cacheDir = join('.cache', 'checks');
mkdirSync(cacheDir, { recursive: true });
// Node 22.1+ keeps the compiled code of every module here, for every process this run starts
// (vitest's workers, child gateways, tsc, eslint); older Node ignores the variable.
process.env.NODE_COMPILE_CACHE ??= join(process.cwd(), '.cache', 'node-compile');

const CHECKS = [
  // package.json's typecheck (TypeScript 7, single-threaded), keeping its state between runs.
  // (`typescript` 5.9 stays only for typescript-eslint, which needs the API TypeScript 7 dropped.)
  [
    'typecheck',
    'npm',
    ['run', '-s', 'typecheck', '--', '--incremental', '--tsBuildInfoFile', join(cacheDir, 'tsbuildinfo7')],
  ],
  ['eslint', bin('eslint'), ['--cache', '--cache-location', join(cacheDir, 'eslintcache'), '.']],
  [
    'prettier',
    bin('prettier'),
    ['--check', '--cache', '--cache-location', join(cacheDir, 'prettiercache'), '.'],
  ],
  ['deps:check', 'npm', ['run', '-s', 'deps:check']],
  ['schema:check', 'npm', ['run', '-s', 'schema:check']],
  ['codegen:check', 'npm', ['run', '-s', 'codegen:check']],
  ['settings:check', 'npm', ['run', '-s', 'settings:check']],
];

const concurrency = Math.max(1, Number(process.env.TEST_CHECKS_CONCURRENCY ?? 1) || 1);
const vitestArgs = process.argv.slice(2).filter((a) => a !== '--');
const children = new Set();
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command with its output captured; resolves with its exit code, output and time. */
function run(command, args) {
  const t0 = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve) => {
    child.on('error', (err) => (output += `\n${err.message}\n`));
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - t0 });
    });
  });
}

async function runChecks() {
  const results = [];
  const queue = [...CHECKS];
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, command, args] = next;
      const r = await run(command, args);
      results.push({ name, ...r });
      if (r.code === 0) process.stdout.write(`\n✓ ${name} (${seconds(r.ms)})\n`);
      else process.stdout.write(`\n✗ ${name} failed (exit ${r.code}, ${seconds(r.ms)}):\n${r.output}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, CHECKS.length) }, worker));
  return results;
}

/** vitest, streamed, except its closing summary line, kept for the very end. */
function runVitest() {
  const t0 = Date.now();
  const child = spawn(bin('vitest'), ['run', ...vitestArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let summary = '';
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (/^vitest: \d+ passed, \d+ failed, \d+ skipped$/.test(line)) summary = line;
    else process.stdout.write(`${line}\n`);
  });
  return new Promise((resolve) => {
    child.on('error', (err) =>
      process.stderr.write(`vitest did not start (${err.message}): run npm ci first\n`),
    );
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ code: code ?? (signal ? 1 : 0), summary, ms: Date.now() - t0 });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const c of children) c.kill(signal);
    process.exit(130);
  });
}

const [vitest, checks] = await Promise.all([runVitest(), runChecks()]);
const failed = checks.filter((c) => c.code !== 0).map((c) => c.name);
if (vitest.code !== 0) failed.push('vitest');
process.stdout.write(
  `\nnpm test: ${seconds(Date.now() - started)} wall; vitest ${seconds(vitest.ms)}; checks ` +
    `${checks.map((c) => `${c.name} ${seconds(c.ms)}`).join(', ')}\n` +
    (failed.length ? `FAILED: ${failed.join(', ')}\n` : 'all passed\n') +
    `${vitest.summary || 'vitest: no summary line (vitest did not finish its run)'}\n`,
);
process.exit(failed.length ? 1 : 0);
