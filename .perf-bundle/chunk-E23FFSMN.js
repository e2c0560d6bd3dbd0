// dist/src/core/vercmp.js
function isDigit(c) {
  return c >= 48 && c <= 57;
}
function isAlpha(c) {
  const l = c | 32;
  return l >= 97 && l <= 122;
}
function classOf(c) {
  return isDigit(c) ? 1 : isAlpha(c) ? 2 : 0;
}
function utf8Bytes(s, i, end, c) {
  if (c < 2048)
    return 2;
  if (c >= 55296 && c <= 56319) {
    const n = i + 1 < end ? s.charCodeAt(i + 1) : 0;
    return n >= 56320 && n <= 57343 ? 2 : 3;
  }
  if (c >= 56320 && c <= 57343) {
    const p = i > 0 ? s.charCodeAt(i - 1) : 0;
    return p >= 55296 && p <= 56319 ? 2 : 3;
  }
  return 3;
}
function rpmvercmp(a, as, ae, b, bs, be) {
  const la = ae - as;
  const lb = be - bs;
  const max = la < lb ? la : lb;
  let p = 0;
  while (p < max && a.charCodeAt(as + p) === b.charCodeAt(bs + p))
    p++;
  if (p === la && p === lb)
    return 0;
  let q = p - 1;
  if (q > 0) {
    let next = classOf(a.charCodeAt(as + q));
    for (; q > 0; q--) {
      const prev = classOf(a.charCodeAt(as + q - 1));
      if (prev !== 0 && prev !== next)
        break;
      next = prev;
    }
  } else {
    q = 0;
  }
  let i = as + q;
  let j = bs + q;
  while (i < ae && j < be) {
    let sa = 0;
    let c = a.charCodeAt(i);
    while (!(isDigit(c) || isAlpha(c))) {
      sa += c < 128 ? 1 : utf8Bytes(a, i, ae, c);
      if (++i === ae)
        break;
      c = a.charCodeAt(i);
    }
    let sb = 0;
    let d = b.charCodeAt(j);
    while (!(isDigit(d) || isAlpha(d))) {
      sb += d < 128 ? 1 : utf8Bytes(b, j, be, d);
      if (++j === be)
        break;
      d = b.charCodeAt(j);
    }
    if (i === ae || j === be)
      break;
    if (sa !== sb)
      return sa < sb ? -1 : 1;
    let pi = i + 1;
    let pj = j;
    if (isDigit(c)) {
      while (pi < ae && isDigit(a.charCodeAt(pi)))
        pi++;
      while (pj < be && isDigit(b.charCodeAt(pj)))
        pj++;
      if (pj === j)
        return 1;
      while (i < pi && a.charCodeAt(i) === 48)
        i++;
      while (j < pj && b.charCodeAt(j) === 48)
        j++;
      const la2 = pi - i;
      const lb2 = pj - j;
      if (la2 !== lb2)
        return la2 > lb2 ? 1 : -1;
      for (; i < pi; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y)
          return x < y ? -1 : 1;
      }
    } else {
      while (pi < ae && isAlpha(a.charCodeAt(pi)))
        pi++;
      while (pj < be && isAlpha(b.charCodeAt(pj)))
        pj++;
      if (pj === j)
        return -1;
      for (; i < pi && j < pj; i++, j++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(j);
        if (x !== y)
          return x < y ? -1 : 1;
      }
      if (i < pi)
        return 1;
      if (j < pj)
        return -1;
    }
    i = pi;
    j = pj;
  }
  if (i >= ae && j >= be)
    return 0;
  if (i >= ae && !isAlpha(b.charCodeAt(j)) || i < ae && isAlpha(a.charCodeAt(i)))
    return -1;
  return 1;
}
var DEFAULT_EPOCH = "0";
function vercmp(a, b) {
  return a === b ? 0 : compareDistinct(a, b);
}
function compareDistinct(a, b) {
  const la = a.length;
  let s = 0;
  while (s < la && isDigit(a.charCodeAt(s)))
    s++;
  const aHasEpoch = s < la && a.charCodeAt(s) === 58;
  const aVer = aHasEpoch ? s + 1 : 0;
  let aVerEnd = la - 1;
  while (aVerEnd >= aVer && a.charCodeAt(aVerEnd) !== 45)
    aVerEnd--;
  if (aVerEnd < aVer)
    aVerEnd = la;
  const aEpochEnd = aHasEpoch ? s : 0;
  const lb = b.length;
  let t = 0;
  while (t < lb && isDigit(b.charCodeAt(t)))
    t++;
  const bHasEpoch = t < lb && b.charCodeAt(t) === 58;
  const bVer = bHasEpoch ? t + 1 : 0;
  let bVerEnd = lb - 1;
  while (bVerEnd >= bVer && b.charCodeAt(bVerEnd) !== 45)
    bVerEnd--;
  if (bVerEnd < bVer)
    bVerEnd = lb;
  const bEpochEnd = bHasEpoch ? t : 0;
  if (aEpochEnd > 0 || bEpochEnd > 0) {
    const r2 = aEpochEnd > 0 ? bEpochEnd > 0 ? rpmvercmp(a, 0, aEpochEnd, b, 0, bEpochEnd) : rpmvercmp(a, 0, aEpochEnd, DEFAULT_EPOCH, 0, 1) : rpmvercmp(DEFAULT_EPOCH, 0, 1, b, 0, bEpochEnd);
    if (r2 !== 0)
      return r2;
  }
  const r = rpmvercmp(a, aVer, aVerEnd, b, bVer, bVerEnd);
  if (r !== 0 || aVerEnd === la || bVerEnd === lb)
    return r;
  return rpmvercmp(a, aVerEnd + 1, la, b, bVerEnd + 1, lb);
}
function satisfies(version, op, required) {
  if (op === void 0 || required === void 0)
    return true;
  const c = vercmp(version, required);
  switch (op) {
    case "=":
      return c === 0;
    case ">=":
      return c >= 0;
    case "<=":
      return c <= 0;
    case "<":
      return c < 0;
    case ">":
      return c > 0;
    default:
      return true;
  }
}

export {
  vercmp,
  satisfies
};
