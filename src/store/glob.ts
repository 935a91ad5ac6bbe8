/**
 * Redis glob matching (src/util.c stringmatchlen, Redis 7.0): `*`, `?`, `[abc]`, `[^a]`,
 * `[a-z]` (reversed ranges allowed), `\x` escapes, binary safe over latin1 strings.
 *
 * Hostile patterns: like Redis 7.0 a failed `*` tells its callers that trying longer
 * substrings cannot help (the "skip longer matches" flag), which keeps the work polynomial, and
 * recursion deeper than 1000 nested `*` answers "no match" (Redis's nesting limit).
 */

const MAX_NESTING = 1000;

/** Byte at i, or 0 past the end (Redis reads the NUL terminator of its sds strings). */
function at(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : 0;
}

/** C tolower in the "C" locale: only A-Z change. */
function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function signed(c: number): number {
  return c >= 128 ? c - 256 : c;
}

interface MatchState {
  skipLonger: boolean;
}

function matchImpl(
  pat: string,
  p: number,
  pEnd: number,
  str: string,
  s: number,
  sEnd: number,
  nocase: boolean,
  st: MatchState,
  nesting: number,
): boolean {
  if (nesting > MAX_NESTING) return false;
  while (p < pEnd && s < sEnd) {
    const pc = pat.charCodeAt(p);
    switch (pc) {
      case 42 /* '*' */: {
        while (p < pEnd && at(pat, p + 1) === 42 && p + 1 < pEnd) p++;
        if (pEnd - p === 1) return true;
        while (s < sEnd) {
          if (matchImpl(pat, p + 1, pEnd, str, s, sEnd, nocase, st, nesting + 1)) return true;
          if (st.skipLonger) return false;
          s++;
        }
        st.skipLonger = true;
        return false;
      }
      case 63 /* '?' */:
        s++;
        break;
      case 91 /* '[' */: {
        p++;
        const not = at(pat, p) === 94; /* '^' */
        if (not) p++;
        let match = false;
        const sc = str.charCodeAt(s);
        for (;;) {
          const c = at(pat, p);
          if (c === 92 /* '\\' */ && pEnd - p >= 2) {
            p++;
            if (pat.charCodeAt(p) === sc) match = true;
          } else if (c === 93 /* ']' */ && p < pEnd) {
            break;
          } else if (p >= pEnd) {
            p--;
            break;
          } else if (pEnd - p >= 3 && pat.charCodeAt(p + 1) === 45 /* '-' */) {
            // Redis compares C chars, which are signed: bytes >= 0x80 sort below 'a'.
            let start = signed(c);
            let end = signed(pat.charCodeAt(p + 2));
            let ch = signed(sc);
            if (start > end) {
              const t = start;
              start = end;
              end = t;
            }
            if (nocase) {
              start = lower(start);
              end = lower(end);
              ch = lower(ch);
            }
            p += 2;
            if (ch >= start && ch <= end) match = true;
          } else if (nocase ? lower(c) === lower(sc) : c === sc) {
            match = true;
          }
          p++;
        }
        if (not) match = !match;
        if (!match) return false;
        s++;
        break;
      }
      default: {
        // A backslash escapes the next byte (a trailing one matches itself).
        if (pc === 92 && pEnd - p >= 2) p++;
        const a = pat.charCodeAt(p);
        const b = str.charCodeAt(s);
        if (nocase ? lower(a) !== lower(b) : a !== b) return false;
        s++;
        break;
      }
    }
    p++;
    if (s === sEnd) {
      while (p < pEnd && pat.charCodeAt(p) === 42) p++;
      break;
    }
  }
  return p === pEnd && s === sEnd;
}

/** True when `str` matches the Redis glob `pattern`. */
export function globMatch(pattern: string, str: string, nocase = false): boolean {
  return matchImpl(pattern, 0, pattern.length, str, 0, str.length, nocase, { skipLonger: false }, 0);
}

/**
 * A matcher for one pattern used against many strings (KEYS, SCAN MATCH). "*" matches
 * everything without calling the matcher, as Redis special-cases it.
 */
export function compileGlob(pattern: string, nocase = false): (s: string) => boolean {
  if (pattern === '*') return () => true;
  return (s) => globMatch(pattern, s, nocase);
}
