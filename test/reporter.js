// Mocha reporter: the spec reporter's output, plus the counts written as JSON to $KAMAE_TEST_RESULTS
// so .ci/run can print one `N passed, N failed` line across every suite it runs.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');

class KamaeReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.KAMAE_TEST_RESULTS;
      if (!file) return;
      const { passes, failures, pending } = this.stats;
      fs.writeFileSync(file, JSON.stringify({ passed: passes, failed: failures, pending }));
    });
  }
}
module.exports = KamaeReporter;
