/**
 * Nothing the repository runs may call home: every way a root script can reach turbo must carry
 * the quiet environment (turbo's, Apollo's and the cross-tool DO_NOT_TRACK).
 *
 * Why here: infra/ is already the package whose tests read repository files (compose, manifests,
 * server configuration) and check them against what the code relies on; the root scripts are the
 * same kind of file. A package of its own would add a workspace importer to the lockfile for one
 * test file.
 *
 * Why a static reading: running every root script would build, migrate and start the whole stack.
 * The reader follows the ways a script here can reach turbo (a `turbo` command word, `pnpm exec` /
 * `pnpm dlx` / `npx turbo`, `pnpm run X` and `pnpm X`, `pnpm --filter P X` and `pnpm -r X`, the
 * lifecycle scripts of `pnpm install`, `node <file>.mjs` entry points with the local modules they
 * import, and a turbo task running each package's script with only the variables turbo passes
 * through) and carries the environment along each path. What the reader takes on trust (that
 * lib.mjs's `run` and `turbo` set the quiet environment, that the wrapper silences turbo) is
 * checked by running them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const QUIET = ['TURBO_TELEMETRY_DISABLED', 'APOLLO_TELEMETRY_DISABLED', 'DO_NOT_TRACK'] as const;

interface Workspace {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const workspaces = (): Workspace[] => {
  const patterns = readFileSync(path.join(ROOT, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n\n')[0]!
    .split('\n')
    .map((line) => /^\s*-\s*["']?([^"'\s]+)["']?\s*$/.exec(line)?.[1])
    .filter((pattern): pattern is string => pattern !== undefined);
  const dirs = patterns.flatMap((pattern) =>
    pattern.endsWith('/*')
      ? readdirSync(path.join(ROOT, pattern.slice(0, -2)), { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => path.join(ROOT, pattern.slice(0, -2), entry.name))
      : [path.join(ROOT, pattern)],
  );
  return [ROOT, ...dirs]
    .filter((dir) => existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = readJson<{ name: string; scripts?: Record<string, string> }>(path.join(dir, 'package.json'));
      return { name: manifest.name, dir, scripts: manifest.scripts ?? {} };
    });
};

const WORKSPACES = workspaces();
const ROOT_WORKSPACE = WORKSPACES[0]!;
interface TurboConfig {
  globalPassThroughEnv?: string[];
  tasks: Record<string, unknown>;
}
const TURBO = readJson<TurboConfig>(path.join(ROOT, 'turbo.json'));
const PASS_THROUGH = new Set(TURBO.globalPassThroughEnv ?? []);

type Env = ReadonlySet<string>;
const withVars = (env: Env, vars: Iterable<string>): Env => new Set([...env, ...vars]);
const missing = (env: Env): string[] => QUIET.filter((name) => !env.has(name));

/** Shell words of one command line, split into simple commands at `&&`, `||`, `;`, `|` and `&`. */
const commands = (line: string): string[][] => {
  const result: string[][] = [[]];
  let word: string | null = null;
  let quote: string | null = null;
  const end = () => {
    if (word !== null) result[result.length - 1]!.push(word);
    word = null;
  };
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) word = (word ?? '') + line[++i];
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? '';
    } else if (/\s/.test(c)) end();
    else if ('&|;'.includes(c)) {
      end();
      if (line[i + 1] === c) i += 1;
      result.push([]);
    } else word = (word ?? '') + c;
  }
  end();
  return result.filter((words) => words.length > 0);
};

const TURBO_SUBCOMMANDS = new Set([
  'run',
  'watch',
  'prune',
  'telemetry',
  'login',
  'logout',
  'link',
  'unlink',
  'daemon',
  'ls',
  'info',
  'query',
  'gen',
  'generate',
  'bin',
  'scan',
  'boundaries',
  'docs',
  'devtools',
]);
const PNPM_INSTALL = new Set(['install', 'i', 'add']);
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare'];

class Reader {
  readonly findings: string[] = [];
  private readonly seen = new Set<string>();
  private readonly root: Workspace;

  /** workspaces: the root first. */
  constructor(
    private readonly workspaces: Workspace[] = WORKSPACES,
    private readonly turboConfig: TurboConfig = TURBO,
    private readonly onTurbo: (trail: string[], env: Env) => void = () => undefined,
  ) {
    this.root = workspaces[0]!;
  }

  script(workspace: Workspace, name: string, env: Env, trail: string[]): void {
    const key = `${workspace.dir}\0${name}\0${[...env].sort().join(',')}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const body = workspace.scripts[name];
    if (body === undefined) return;
    const label = workspace === this.root ? `pnpm ${name}` : `${workspace.name} ${name}`;
    for (const words of commands(body)) this.command(words, workspace, env, [...trail, `${label}: ${body}`]);
  }

  command(input: string[], workspace: Workspace, env: Env, trail: string[]): void {
    let words = [...input];
    const assigned: string[] = [];
    for (;;) {
      if (words[0] === 'cross-env' || words[0] === 'env') words = words.slice(1);
      else if (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) assigned.push(words.shift()!.split('=')[0]!);
      else break;
    }
    const here = withVars(env, assigned);
    const [head, ...args] = words;
    if (head === undefined) return;
    const bin = path.basename(head).replace(/\.(cmd|exe|js|mjs)$/, '');
    if (bin === 'turbo') return this.turbo(args, here, trail);
    if (bin === 'npx' || bin === 'bunx') return this.command(dropFlags(args), workspace, here, trail);
    if (bin === 'pnpm' || bin === 'npm' || bin === 'yarn') return this.pnpm(args, workspace, here, trail);
    if (bin === 'node') {
      const at = args.findIndex((arg) => !arg.startsWith('-'));
      const file = args[at];
      if (file && /\.[cm]?js$/.test(file)) this.nodeFile(path.resolve(workspace.dir, file), args.slice(at + 1), workspace, here, trail);
    }
  }

  private turbo(args: string[], env: Env, trail: string[]): void {
    this.onTurbo(trail, env);
    const absent = missing(env);
    if (absent.length > 0) this.findings.push(`${trail.join('\n  → ')}\n  → turbo without ${absent.join(', ')}`);
    const until = args.indexOf('--');
    const own = until === -1 ? args : args.slice(0, until);
    const positional = own.filter(
      (arg, i) => !arg.startsWith('-') && !(own[i - 1] ?? '').match(/^--(filter|concurrency|output-logs|cache-dir|env-mode|log-order|ui)$/),
    );
    const tasks = positional[0] === 'run' ? positional.slice(1) : TURBO_SUBCOMMANDS.has(positional[0] ?? '') ? [] : positional;
    // A task sees only what turbo passes through to it, and the root's script runs for a task only
    // when turbo.json names it `//#task`.
    const passThrough = new Set(this.turboConfig.globalPassThroughEnv ?? []);
    const taskEnv = new Set([...env].filter((name) => passThrough.has(name)));
    for (const task of tasks) {
      const runners = `//#${task}` in this.turboConfig.tasks ? this.workspaces : this.workspaces.slice(1);
      for (const workspace of runners) this.script(workspace, task, taskEnv, [...trail, `turbo task ${task}`]);
    }
  }

  private pnpm(args: string[], workspace: Workspace, env: Env, trail: string[]): void {
    let targets: Workspace[] = [workspace];
    let i = 0;
    for (; i < args.length && args[i]!.startsWith('-'); i += 1) {
      const flag = args[i]!;
      const filter = flag === '--filter' || flag === '-F' ? args[++i] : /^--filter=(.+)$/.exec(flag)?.[1];
      if (filter !== undefined) targets = this.workspaces.filter((w) => matches(filter, w));
      else if (flag === '-r' || flag === '--recursive') targets = this.workspaces.slice(1);
      else if (flag === '-w' || flag === '--workspace-root') targets = [this.root];
      else if (flag === '-C' || flag === '--dir') {
        const dir = path.resolve(workspace.dir, args[++i] ?? '.');
        targets = this.workspaces.filter((w) => w.dir === dir);
      }
    }
    const [sub, ...rest] = args.slice(i);
    if (sub === undefined) return;
    if (sub === 'exec' || sub === 'dlx' || sub === 'x') return this.command(dropFlags(rest), workspace, env, trail);
    if (PNPM_INSTALL.has(sub)) {
      for (const target of this.workspaces) for (const name of LIFECYCLE) this.script(target, name, env, trail);
      return;
    }
    const name = sub === 'run' || sub === 'run-script' ? rest.find((a) => !a.startsWith('-')) : sub;
    if (name === undefined) return;
    const withScript = targets.filter((target) => target.scripts[name] !== undefined);
    // `pnpm <bin>` runs a dependency's binary when no script has that name.
    if (withScript.length === 0 && sub !== 'run') return this.command([name, ...rest], workspace, env, trail);
    for (const target of withScript) this.script(target, name, env, trail);
  }

  /** A Node entry point and the local modules it imports: each child-process call it makes. */
  private nodeFile(file: string, argv: string[], workspace: Workspace, env: Env, trail: string[]): void {
    for (const source of localModules(file)) {
      const text = readFileSync(source, 'utf8');
      for (const call of childProcessCalls(text, argv)) {
        const where = `${path.relative(ROOT, source)}: ${call.text.split('\n')[0]!.trim()}`;
        // lib.mjs's run and turbo add the quiet environment (checked by running them below); any
        // other call passes it on only if it spreads quietEnv into its env.
        const callEnv = call.callee === 'run' || call.callee === 'turbo' || /\bquietEnv\b/.test(call.text) ? withVars(env, QUIET) : env;
        if (call.callee === 'turbo' || (call.words.length === 0 && /turbo/i.test(call.text))) {
          this.turbo(call.words, callEnv, [...trail, where]);
        } else if (call.words.length > 0) this.command(call.words, workspace, callEnv, [...trail, where]);
      }
    }
  }
}

/** The command after a launcher's own leading flags. */
const dropFlags = (args: string[]): string[] =>
  args.slice(
    Math.max(
      0,
      args.findIndex((arg) => !arg.startsWith('-')),
    ),
  );

const matches = (filter: string, workspace: Workspace): boolean => {
  if (filter.startsWith('.')) return path.resolve(ROOT, filter) === workspace.dir;
  const pattern = new RegExp(`^${filter.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return pattern.test(workspace.name);
};

const localModules = (entry: string, seen = new Set<string>()): string[] => {
  if (seen.has(entry) || !existsSync(entry)) return [];
  seen.add(entry);
  const text = readFileSync(entry, 'utf8');
  for (const [, spec] of text.matchAll(/(?:from|import\()\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    localModules(path.resolve(path.dirname(entry), spec!), seen);
  return [...seen];
};

interface Call {
  callee: string;
  text: string;
  /** The command as words when it is written out as literals (`'pnpm', ['exec', 'turbo']`), else []. */
  words: string[];
}

const CALLEES = ['run', 'turbo', 'spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'];

/** argv: the entry point's arguments, for a call that forwards `process.argv` (the turbo wrapper). */
const childProcessCalls = (text: string, argv: string[]): Call[] => {
  const calls: Call[] = [];
  for (const match of text.matchAll(new RegExp(`(?<![\\w.$])(${CALLEES.join('|')})\\s*\\(`, 'g'))) {
    // Declarations (`const run = (cmd, args) =>`) are not calls.
    if (/(const|function)\s*$/.test(text.slice(Math.max(0, match.index - 12), match.index))) continue;
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end += 1) {
      if (text[end] === '(') depth += 1;
      else if (text[end] === ')' && --depth === 0) break;
    }
    const callText = text.slice(match.index, end + 1);
    const inner = callText.slice(match[0].length, -1).trim();
    const literal = (s: string) => /^['"`]([^'"`]*)['"`]$/.exec(s.trim())?.[1];
    const array = (s: string) => [...(/^\[([^\]]*)\]/.exec(s.trim())?.[1] ?? '').matchAll(/['"`]([^'"`]*)['"`]/g)].map((m) => m[1]!);
    let words: string[] = [];
    const callee = match[1]!;
    if (callee === 'turbo') words = /^process\.argv\b/.test(inner) ? argv : array(inner);
    else {
      const first = /^(['"`][^'"`]*['"`])\s*(?:,\s*([\s\S]*))?$/.exec(inner);
      const command = first ? literal(first[1]!) : undefined;
      if (command !== undefined) words = first?.[2]?.trim().startsWith('[') ? [command, ...array(first[2])] : (commands(command)[0] ?? []);
    }
    calls.push({ callee, text: callText, words });
  }
  return calls;
};

/** An environment like a fresh machine's: no telemetry setting anywhere, and a HOME of its own. */
const freshEnv = (home: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home, XDG_CONFIG_HOME: path.join(home, '.config') };
  for (const name of [...QUIET, 'CI']) delete env[name];
  return env;
};

describe('root scripts', () => {
  it.each(Object.keys(ROOT_WORKSPACE.scripts))('pnpm %s reaches turbo only with telemetry off', (name) => {
    const reader = new Reader();
    reader.script(ROOT_WORKSPACE, name, new Set(), []);
    expect(reader.findings).toEqual([]);
  });

  it('are read deeply enough to see every turbo they reach', () => {
    // A reader that saw nothing would pass every script above.
    const reached: string[] = [];
    const reader = new Reader(WORKSPACES, TURBO, (trail) => reached.push(trail[0]!.slice(0, trail[0]!.indexOf(': '))));
    for (const name of Object.keys(ROOT_WORKSPACE.scripts)) reader.script(ROOT_WORKSPACE, name, new Set(), []);
    expect([...new Set(reached)]).toEqual(
      expect.arrayContaining([
        'pnpm build',
        'pnpm typecheck',
        'pnpm lint',
        'pnpm migrations:check',
        'pnpm bench',
        'pnpm start',
        'pnpm test',
        'pnpm db:migrate',
      ]),
    );
  });

  it('would catch a loud turbo behind pnpm run, pnpm --filter, a turbo task and a node entry point', () => {
    // A made-up tree: every path below reaches turbo, and only the wrapper's is quiet.
    const fixture = (name: string, dir: string, scripts: Record<string, string>): Workspace => ({
      name,
      dir: path.join(ROOT, dir),
      scripts,
    });
    const tree = [
      fixture('root', '.', {
        chained: 'pnpm run lint && pnpm check',
        check: 'pnpm --filter @fixture/app gen',
        lint: 'TURBO_TELEMETRY_DISABLED=1 turbo run lint',
        nested: 'node scripts/turbo.mjs run gen',
        entry: 'node scripts/start.mjs',
      }),
      fixture('@fixture/app', 'apps/contracts', { gen: 'pnpm exec turbo run build --filter=@fixture/app' }),
    ];
    const loud = { tasks: {}, globalPassThroughEnv: ['TURBO_TELEMETRY_DISABLED'] };
    const read = (script: string, turbo: TurboConfig = loud, shellHolds: string[] = []) => {
      const reader = new Reader(tree, turbo);
      reader.script(tree[0]!, script, new Set(shellHolds), []);
      return reader.findings;
    };
    expect(read('chained')).toEqual([
      expect.stringMatching(/pnpm lint: .*\n.*turbo without APOLLO_TELEMETRY_DISABLED, DO_NOT_TRACK$/),
      expect.stringMatching(/pnpm check: .*\n.*@fixture\/app gen: pnpm exec turbo .*\n.*turbo without TURBO_TELEMETRY_DISABLED/),
    ]);
    // Quiet at the top, but the task's nested turbo keeps only what turbo.json passes through.
    expect(read('nested')).toEqual([
      expect.stringMatching(/turbo task gen\n.*\n  → turbo without APOLLO_TELEMETRY_DISABLED, DO_NOT_TRACK$/),
    ]);
    expect(read('nested', { tasks: {}, globalPassThroughEnv: [...QUIET] })).toEqual([]);
    expect(read('entry', loud, [...QUIET])).toEqual([]);
    expect(read('check', loud, [...QUIET])).toEqual([]);
  });

  it('pass the quiet environment through turbo to every task', () => {
    expect([...PASS_THROUGH]).toEqual(expect.arrayContaining([...QUIET]));
  });
});

describe('the quiet environment, run for real', () => {
  let home: string;
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'azukari-home-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it("lib.mjs's run gives a child process every quiet variable, whatever the shell held", () => {
    const probe = `import { run } from './scripts/lib.mjs';
      run(process.execPath, ['-e', 'console.log(JSON.stringify(process.env))']);`;
    const shell = { ...freshEnv(home), DO_NOT_TRACK: '0', TURBO_TELEMETRY_DISABLED: '0' };
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: ROOT, env: shell, encoding: 'utf8' });
    expect(out.stderr).toBe('');
    const childEnv = JSON.parse(out.stdout) as Record<string, string>;
    expect(childEnv).toMatchObject({ TURBO_TELEMETRY_DISABLED: '1', APOLLO_TELEMETRY_DISABLED: 'true', DO_NOT_TRACK: '1' });
  });

  it('the turbo wrapper leaves turbo telemetry disabled on a fresh machine, with no notice', () => {
    const out = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'turbo.mjs'), 'telemetry', 'status'], {
      cwd: ROOT,
      env: freshEnv(home),
      encoding: 'utf8',
    });
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/Status: Disabled/);
    expect(`${out.stdout}${out.stderr}`).not.toMatch(/collects completely anonymous telemetry/);
  });
});
