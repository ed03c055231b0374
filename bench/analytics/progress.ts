/** Prints "what: n / total (rate/s)" at most every 2 s, so a long build shows it is alive. */
export function progress(what: string, total: number): { tick: (done: number) => void; end: (done: number) => number } {
  const began = performance.now();
  let printed = began;
  return {
    tick(done) {
      const now = performance.now();
      if (now - printed < 2_000) return;
      printed = now;
      const rate = done / ((now - began) / 1000);
      console.log(`  ${what}: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)`);
    },
    end(done) {
      const seconds = (performance.now() - began) / 1000;
      console.log(`  ${what}: ${done.toLocaleString('en')} in ${seconds.toFixed(1)} s (${Math.round(done / seconds).toLocaleString('en')}/s)`);
      return seconds;
    },
  };
}
