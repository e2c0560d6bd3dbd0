// Text from the network shown on a terminal. A name or message from the server could carry a
// newline (a forged extra line: "sync completed"), an escape sequence (moving the cursor,
// rewriting the screen or the window title) or a bidirectional override (reordering what is
// shown): each such character is shown as an escape instead, so what the user reads is what
// was sent.

// C0 controls, DEL, C1 controls, the line/paragraph separators and the bidirectional controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** `s` with every control character written as `\n`, `\e`, `\x07`, `\u202e`…; backslashes kept. */
export function printable(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
