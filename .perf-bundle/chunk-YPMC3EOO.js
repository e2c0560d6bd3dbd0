// dist/src/agent/stop-signals.js
import process from "node:process";
var SIGNALS = ["SIGINT", "SIGTERM"];
function catchStopSignals(say = (line) => process.stderr.write(`${line}
`)) {
  const controller = new AbortController();
  let first = null;
  const onSignal = (sig) => {
    if (first !== null) {
      say(`${sig} again: still stopping (a pacman transaction that has begun is never interrupted)`);
      return;
    }
    first = sig;
    say(`${sig}: stopping; a pacman transaction that has begun is finished first, nothing new starts`);
    controller.abort();
  };
  for (const s of SIGNALS)
    process.on(s, onSignal);
  return {
    signal: controller.signal,
    reason: () => first,
    dispose() {
      for (const s of SIGNALS)
        process.off(s, onSignal);
    }
  };
}

export {
  catchStopSignals
};
