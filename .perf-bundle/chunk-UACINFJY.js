// dist/src/core/fnmatch.js
var END = 0;
var BACKSLASH = 92;
var OPEN = 91;
var CLOSE = 93;
var COLON = 58;
var DASH = 45;
var EQUALS = 61;
var DOT = 46;
var CLASS_MAX = 256;
var DONE = -2;
var FAIL = -1;
var UNTERMINATED = -2;
var isDigit = (c) => c >= 48 && c <= 57;
var isUpper = (c) => c >= 65 && c <= 90;
var isLower = (c) => c >= 97 && c <= 122;
var isAlnum = (c) => isDigit(c) || isUpper(c) || isLower(c);
var CLASSES = {
  alnum: isAlnum,
  alpha: (c) => isUpper(c) || isLower(c),
  blank: (c) => c === 32 || c === 9,
  cntrl: (c) => c < 32 || c === 127,
  digit: isDigit,
  graph: (c) => c > 32 && c < 127,
  lower: isLower,
  print: (c) => c >= 32 && c < 127,
  punct: (c) => c > 32 && c < 127 && !isAlnum(c),
  space: (c) => c === 32 || c >= 9 && c <= 13,
  upper: isUpper,
  xdigit: (c) => isDigit(c) || c >= 65 && c <= 70 || c >= 97 && c <= 102
};
var Pattern = class {
  p;
  sets = /* @__PURE__ */ new Map();
  n;
  constructor(p) {
    this.p = p;
    const nul = p.indexOf("\0");
    this.n = nul >= 0 ? nul : p.length;
  }
  at(i) {
    return i < this.n ? this.p.charCodeAt(i) : END;
  }
  /**
   * After a member matched, glibc skips to the closing `]` honouring only `\x`, `[:…:]`,
   * `[=x=]` and `[.….]`. Returns the index after `]`, or -1 where it gives up.
   */
  skipToEnd(k) {
    for (; ; ) {
      const c = this.at(k++);
      if (c === CLOSE)
        return k;
      if (c === END)
        return UNTERMINATED;
      if (c === BACKSLASH) {
        if (this.at(k) === END)
          return -1;
        k++;
      } else if (c === OPEN && this.at(k) === COLON) {
        let q = k;
        for (let len = 1; ; len++) {
          const d = this.at(++q);
          if (len === CLASS_MAX)
            return -1;
          if (d === COLON && this.at(q + 1) === CLOSE)
            break;
          if (d < 97 || d >= 122) {
            q = k - 2;
            break;
          }
        }
        k = q + 2;
      } else if (c === OPEN && this.at(k) === EQUALS) {
        if (this.at(k + 1) === END)
          return -1;
        if (this.at(k + 2) !== EQUALS || this.at(k + 3) !== CLOSE)
          return -1;
        k += 4;
      } else if (c === OPEN && this.at(k) === DOT) {
        let q = k;
        for (; ; ) {
          const d = this.at(++q);
          if (d === END)
            return -1;
          if (d === DOT && this.at(q + 1) === CLOSE)
            break;
        }
        k = q + 2;
      }
    }
  }
  /** `[.x.]` starting at the `.` at `j`: [index after `.]`, the character], or null if glibc fails. */
  collating(j) {
    let q = j;
    for (let len = 0; ; len++) {
      const d = this.at(++q);
      if (d === DOT && this.at(q + 1) === CLOSE)
        return len === 1 ? [q + 2, this.at(j + 1)] : null;
      if (d === END)
        return null;
    }
  }
  /** Parses the bracket expression whose `[` is at `open`, the way glibc reads its members. */
  parseSet(open) {
    const members = [];
    const member = (test, resume) => {
      members.push({ test, next: test === null ? -1 : this.skipToEnd(resume) });
    };
    let j = open + 1;
    const negated = this.at(j) === 33 || this.at(j) === 94;
    if (negated)
      j++;
    let c = this.at(j++);
    for (; ; ) {
      let lo;
      let checkLo;
      if (c === BACKSLASH) {
        if (this.at(j) === END)
          return this.fail(members, negated);
        lo = this.at(j++);
        checkLo = !this.rangeFollows(j);
      } else if (c === OPEN && this.at(j) === COLON) {
        const cls = this.className(j);
        if (cls !== null) {
          const test = CLASSES[cls.name];
          if (test === void 0)
            return this.fail(members, negated);
          member(test, cls.next);
          j = cls.next;
          c = this.at(j++);
          if (c === CLOSE)
            return { members, negated, end: j };
          continue;
        }
        lo = OPEN;
        checkLo = !this.rangeFollows(j);
      } else if (c === END) {
        return { members, negated, end: -1 };
      } else if (c === OPEN && this.at(j) === EQUALS) {
        const x = this.at(j + 1);
        if (x !== END && this.at(j + 2) === EQUALS && this.at(j + 3) === CLOSE) {
          member((d) => d === x, j + 4);
          j += 4;
          c = this.at(j++);
          if (c === CLOSE)
            return { members, negated, end: j };
          continue;
        }
        lo = OPEN;
        checkLo = !this.rangeFollows(j);
      } else if (c === OPEN && this.at(j) === DOT) {
        const sym = this.collating(j);
        if (sym === null)
          return this.fail(members, negated);
        j = sym[0];
        lo = sym[1];
        checkLo = !(this.at(j) === DASH && this.at(j + 1) !== END);
      } else {
        lo = c;
        checkLo = !this.rangeFollows(j);
      }
      if (checkLo)
        member((d) => d === lo, j);
      c = this.at(j++);
      if (c === DASH && this.at(j) !== CLOSE) {
        let hi = this.at(j++);
        if (hi === OPEN && this.at(j) === DOT) {
          const sym = this.collating(j);
          if (sym === null)
            return this.fail(members, negated);
          j = sym[0];
          hi = sym[1];
        } else {
          if (hi === BACKSLASH)
            hi = this.at(j++);
          if (hi === END)
            return this.fail(members, negated);
        }
        const from = lo;
        const to = hi;
        member((d) => from <= d && d <= to, j);
        c = this.at(j++);
      }
      if (c === CLOSE)
        return { members, negated, end: j };
    }
  }
  /** `lo` is followed by `-x` with x not `]`: glibc tests it only as a range start. */
  rangeFollows(j) {
    return this.at(j) === DASH && this.at(j + 1) !== END && this.at(j + 1) !== CLOSE;
  }
  /** `[:name:]` with the `:` at `j`, or null when it is not a class (then `[` is a member). */
  className(j) {
    let q = j;
    for (let len = 0; ; len++) {
      if (len === CLASS_MAX)
        return { name: "", next: q };
      const d = this.at(++q);
      if (d === COLON && this.at(q + 1) === CLOSE)
        return { name: this.p.slice(j + 1, q), next: q + 2 };
      if (d < 97 || d >= 122)
        return null;
    }
  }
  /** A set glibc gives up on where this point is reached. */
  fail(members, negated) {
    members.push({ test: null, next: -1 });
    return { members, negated, end: -1 };
  }
  set(open) {
    let s = this.sets.get(open);
    if (s === void 0) {
      s = this.parseSet(open);
      this.sets.set(open, s);
    }
    return s;
  }
  /** Where the pattern continues after the set at `open` consumed `c`, or -1. */
  stepSet(open, c) {
    const s = this.set(open);
    for (const m of s.members) {
      if (m.test === null)
        return -1;
      if (m.test(c)) {
        if (m.next === UNTERMINATED)
          return c === OPEN ? open + 1 : -1;
        return s.negated ? -1 : m.next;
      }
    }
    if (s.end < 0)
      return c === OPEN ? open + 1 : -1;
    return s.negated ? s.end : -1;
  }
  /**
   * Walks the pattern from `pi` over `s` from `si`. Returns DONE when both end together, FAIL,
   * or — when `stopAtStar` — the position of the next `*` reached, encoded as pi * (n + 1) + si.
   *
   * A `*` is resolved the way glibc does it: try each start position for the text up to the next
   * `*` and commit to the first one that fits (for ordinary globs that is the same as full
   * backtracking; for odd sets it is what glibc answers).
   */
  walk(s, pi, si, stopAtStar) {
    const n = s.length;
    for (; ; ) {
      const c = this.at(pi);
      if (c === END)
        return si === n ? DONE : FAIL;
      if (c === 42) {
        if (stopAtStar)
          return pi * (n + 1) + si;
        let q = pi;
        for (let d2 = c; d2 === 42 || d2 === 63; d2 = this.at(++q)) {
          if (d2 === 63) {
            if (si === n)
              return FAIL;
            si++;
          }
        }
        if (this.at(q) === END)
          return DONE;
        let found = FAIL;
        for (let k = si; k < n && found === FAIL; k++) {
          const r = this.walk(s, q, k, true);
          if (r === DONE)
            return DONE;
          found = r;
        }
        if (found === FAIL)
          return FAIL;
        pi = Math.floor(found / (n + 1));
        si = found % (n + 1);
        continue;
      }
      if (si === n)
        return FAIL;
      const d = s.charCodeAt(si);
      if (c === 63) {
        pi++;
      } else if (c === BACKSLASH) {
        const e = this.at(pi + 1);
        if (e === END || e !== d)
          return FAIL;
        pi += 2;
      } else if (c === OPEN) {
        pi = this.stepSet(pi, d);
        if (pi < 0)
          return FAIL;
      } else {
        if (c !== d)
          return FAIL;
        pi++;
      }
      si++;
    }
  }
  match(s) {
    return this.walk(s, 0, 0, false) === DONE;
  }
};
function isLiteralPattern(pattern) {
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 || c === 63 || c === OPEN || c === BACKSLASH || c === 0)
      return false;
  }
  return true;
}
function compileFnmatch(pattern) {
  if (isLiteralPattern(pattern))
    return (name) => name === pattern;
  const compiled = new Pattern(pattern);
  return (name) => compiled.match(name);
}
function fnmatch(pattern, name) {
  return compileFnmatch(pattern)(name);
}

export {
  isLiteralPattern,
  compileFnmatch,
  fnmatch
};
