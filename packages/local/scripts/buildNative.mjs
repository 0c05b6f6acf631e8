#!/usr/bin/env node
/**
 * Builds the one-pass native logits reader (native/readLogits.cc) on install, against the headers of
 * the llama.cpp that node-llama-cpp ships (its llama/gitRelease.bundle) and of its own addon, so the
 * reader sees node-llama-cpp's context object with the layout its prebuilt binary has. Needs Linux,
 * a C++ compiler (`$CXX`, else c++) and git. Never fails the install: without the reader the engine
 * reads the logits through node-llama-cpp's sampling calls (the same values, slower), and this
 * prints why. `TOKENSCOPE_SKIP_NATIVE=1` skips it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, '..');
const source = join(packageDir, 'native', 'readLogits.cc');
const output = join(packageDir, 'native', 'build', 'readLogits.node');

function skip(reason) {
  console.log(
    `@tokenscope/local: the native logits reader was not built (${reason}); local models read logits through node-llama-cpp's sampling calls instead (same values, slower)`,
  );
  process.exit(0);
}

/** The folder of the package `name` that holds `file`. */
function packageRoot(file, name) {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(`node_modules/${name}`)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${name}'s folder above ${file}`);
    dir = parent;
  }
  return dir;
}

if (process.env.TOKENSCOPE_SKIP_NATIVE === '1') skip('TOKENSCOPE_SKIP_NATIVE=1');
if (process.platform !== 'linux') skip(`it is built on Linux only; this is ${process.platform}`);
if (!existsSync(source)) skip(`${source} is missing`);

const require = createRequire(join(packageDir, 'package.json'));
let nodeLlamaCpp;
let addonApi;
let napiHeaders;
try {
  nodeLlamaCpp = packageRoot(require.resolve('node-llama-cpp'), 'node-llama-cpp');
  addonApi = require('node-addon-api').include_dir;
  napiHeaders = require('node-api-headers').include_dir;
} catch (error) {
  skip(`a dependency is missing: ${error.message.split('\n')[0]}`);
}
const bundle = join(nodeLlamaCpp, 'llama', 'gitRelease.bundle');
if (!existsSync(bundle)) skip(`node-llama-cpp has no llama/gitRelease.bundle at ${bundle}`);

const work = mkdtempSync(join(tmpdir(), 'tokenscope-native-'));
const started = Date.now();
try {
  const llamaSource = join(work, 'llama.cpp');
  try {
    execFileSync('git', ['clone', '--quiet', '--no-checkout', bundle, llamaSource], { stdio: 'pipe' });
    execFileSync('git', ['-C', llamaSource, 'checkout', '--quiet', 'HEAD', '--', 'include', 'ggml/include'], {
      stdio: 'pipe',
    });
  } catch (error) {
    skip(
      `could not read llama.cpp's headers from ${bundle} with git: ${
        String(error.stderr || error.message)
          .trim()
          .split('\n')[0]
      }`,
    );
  }
  mkdirSync(dirname(output), { recursive: true });
  const cxx = process.env.CXX || 'c++';
  const args = [
    '-O3',
    '-fopenmp-simd',
    '-std=c++17',
    '-shared',
    '-fPIC',
    '-fvisibility=hidden',
    '-DNAPI_VERSION=8',
    '-DNAPI_CPP_EXCEPTIONS',
    '-DNODE_ADDON_API_DISABLE_DEPRECATED',
    `-I${napiHeaders}`,
    `-I${addonApi.replace(/^"|"$/g, '')}`,
    `-I${join(nodeLlamaCpp, 'llama', 'addon')}`,
    `-I${join(llamaSource, 'include')}`,
    `-I${join(llamaSource, 'ggml', 'include')}`,
    source,
    '-o',
    output,
    '-ldl',
  ];
  try {
    execFileSync(cxx, args, { stdio: 'pipe' });
  } catch (error) {
    const detail =
      error.code === 'ENOENT'
        ? `no C++ compiler (${cxx})`
        : String(error.stderr || error.message)
            .trim()
            .split('\n')
            .slice(0, 3)
            .join(' ');
    skip(`compiling failed: ${detail}`);
  }
  console.log(
    `@tokenscope/local: built the native logits reader in ${((Date.now() - started) / 1000).toFixed(1)} s (${output})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
