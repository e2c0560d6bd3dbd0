// Ctrl-C (SIGINT) and SIGTERM while `pacsync sync`/`revert` runs. Without a handler Node exits at
// once: an operation stays in_progress on the server and, worse, pacman — in our process group —
// gets the terminal's SIGINT too and abandons its transaction between two packages. With this
// handler the first signal only asks the command to stop: `signal` is aborted (downloads and
// pacman's preparation stop; no new pacman step starts) and `reason()` names the signal, which the
// operation runner checks between its stages. A pacman transaction already running runs in a
// session of its own (pacman-runner.ts) and is finished; nothing ever kills it.
import process from 'node:process';
const SIGNALS = ['SIGINT', 'SIGTERM'];
/** Installs the handlers; `say` writes one line (default: stderr, which --json leaves free). */
export function catchStopSignals(say = (line) => process.stderr.write(`${line}\n`)) {
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
        },
    };
}
//# sourceMappingURL=stop-signals.js.map