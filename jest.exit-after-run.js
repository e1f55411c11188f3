// A jest reporter, in every package's config, that ends a run ten seconds after its results are in
// if something still holds the process open. A leaked connection (a BullMQ QueueEvents keeps a
// connection it was given; an ioredis client of a fault test's killed server between two reconnect
// attempts) once kept a package's run alive after every test had passed, and CI would have waited
// for its time limit. Leaks are still fixed where found; this makes the next one cost ten seconds
// and a warning, not the run. jest's own forceExit is no way out: on Node 24 its exit helper waits
// for a write callback that never comes. The timer is unref'd: a run that ends by itself is not
// delayed.
class ExitAfterRun {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests > 0 || results.numFailedTestSuites > 0 || results.numRuntimeErrorTestSuites > 0;
    setTimeout(() => {
      console.warn('jest: something held the run open after its results were in; exiting. Look for a connection a test did not close.');
      process.exit(failed ? 1 : 0);
    }, 10_000).unref();
  }
}
module.exports = ExitAfterRun;
