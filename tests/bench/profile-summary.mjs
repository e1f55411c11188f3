// The top frames of V8 CPU profiles (node --cpu-prof): self time per function, summed over a
// process's profiles, as a share of the process's sampled time. Read, not guessed: what it prints
// is what docs/BENCHMARKS.md quotes.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../../scripts/lib.mjs';

const frameName = ({ functionName, url, lineNumber }) => {
  const where = url ? relative(ROOT, url.replace(/^file:\/\//, '')).replace(/^node_modules\/\.pnpm\/([^/]+)\/node_modules\//, '$1: ') : '';
  return `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`.trim();
};

/** Self time per frame for one .cpuprofile: each sample's time goes to the node it landed in. */
const selfTimes = (profile) => {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const times = new Map();
  profile.samples.forEach((id, i) => {
    const name = frameName(byId.get(id).callFrame);
    times.set(name, (times.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return times;
};

/** Where a frame's code lives: a package, Node itself, or the app's own code. */
const ownerOf = (frame) => {
  const match = /^\S+ (?:[^:]+@[^:]+: )?(@[^/]+\/[^/]+|[^/@ ][^/ ]*)\//.exec(frame);
  if (frame.includes('node:')) return 'node';
  if (/^\((idle|program|garbage collector)\)/.test(frame)) return frame.split(' ')[0];
  if (/ (apps|packages)\//.test(frame)) return frame.split(' ')[1].split('/').slice(0, 2).join('/');
  return match ? match[1] : 'native';
};

/** Top `count` frames of every .cpuprofile in `dir` whose name starts with `prefix`. */
export const topFrames = (dir, prefix, count = 12) => {
  const totals = new Map();
  for (const file of readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.cpuprofile'))) {
    for (const [name, time] of selfTimes(JSON.parse(readFileSync(join(dir, file), 'utf8'))))
      totals.set(name, (totals.get(name) ?? 0) + time);
  }
  const idle = ['(idle)', '(program)', '(garbage collector)'];
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  const busy = [...totals].filter(([name]) => !idle.includes(name)).reduce((a, [, t]) => a + t, 0);
  const rows = [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, time]) => ({ frame: name, selfMs: Math.round(time / 1000), share: time / all }));
  const byOwner = new Map();
  for (const [name, time] of totals) byOwner.set(ownerOf(name), (byOwner.get(ownerOf(name)) ?? 0) + time);
  const owners = [...byOwner]
    .filter(([owner]) => !idle.includes(owner))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([owner, time]) => ({ owner, selfMs: Math.round(time / 1000), shareOfBusy: time / busy }));
  return { sampledMs: Math.round(all / 1000), busyMs: Math.round(busy / 1000), rows, owners };
};
