// A jest reporter that ends the e2e run ten seconds after its results are in, if something still
// holds it open. The fault tests kill their own Redis and MariaDB servers mid-run, and under load
// an ioredis client of a closed app has once been left between two reconnect attempts, keeping
// the process alive after every test had passed (CI would then wait for its time limit). jest's
// own forceExit is no way out: on Node 24 its exit helper waits for a write callback that never
// comes. The timer is unref'd: a run that ends by itself is not delayed.
class ExitAfterRun {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests > 0 || results.numFailedTestSuites > 0 || results.numRuntimeErrorTestSuites > 0;
    setTimeout(() => {
      console.warn('e2e: something held the run open after its results were in; exiting.');
      process.exit(failed ? 1 : 0);
    }, 10_000).unref();
  }
}
module.exports = ExitAfterRun;
