/**
 * Wall and CPU seconds per build phase. On a machine shared with other work the wall time is inflated by waiting
 * for a core; this process's CPU time is what the build itself cost.
 */
export function timePhases() {
  const seconds: Record<string, number> = {};
  const cpuSeconds: Record<string, number> = {};
  return {
    seconds,
    cpuSeconds,
    run<T>(name: string, work: () => T): T {
      const began = performance.now();
      const cpu = process.cpuUsage();
      const result = work();
      const used = process.cpuUsage(cpu);
      seconds[name] = (performance.now() - began) / 1000;
      cpuSeconds[name] = (used.user + used.system) / 1e6;
      return result;
    },
  };
}
