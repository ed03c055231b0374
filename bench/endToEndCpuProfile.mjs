// Preloaded into the API and worker by `bench/endToEnd.ts --cpu-prof DIR` (NODE_OPTIONS=--import this file; Node 20
// refuses --cpu-prof in NODE_OPTIONS): profiles from start-up, and writes DIR/<entry>-<pid>.cpuprofile on SIGUSR2.
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable', () => session.post('Profiler.setSamplingInterval', { interval: 1000 }, () => session.post('Profiler.start')));
  process.on('SIGUSR2', () => {
    session.post('Profiler.stop', (error, result) => {
      if (error) return;
      const entry = process.argv.find((arg) => arg.endsWith('main.ts')) ?? 'node';
      writeFileSync(join(dir, `${basename(join(entry, '..', '..', '..'))}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
