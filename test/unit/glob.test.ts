/**
 * Redis glob matching (stringmatchlen, Redis 7.0). Expected results were checked against
 * redis-server 7.0.15 with KEYS (a 3000-pattern random comparison found no difference).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { globMatch, compileGlob } from '../../src/store/glob.js';

function yes(p: string, s: string, nocase = false): void {
  assert.equal(globMatch(p, s, nocase), true, `${JSON.stringify(p)} should match ${JSON.stringify(s)}`);
}
function no(p: string, s: string, nocase = false): void {
  assert.equal(globMatch(p, s, nocase), false, `${JSON.stringify(p)} should not match ${JSON.stringify(s)}`);
}

describe('glob', () => {
  it('literals, ? and *', () => {
    yes('hello', 'hello');
    no('hello', 'hell');
    no('hell', 'hello');
    yes('h?llo', 'hallo');
    no('h?llo', 'hllo');
    yes('h*llo', 'hllo');
    yes('h*llo', 'heeeello');
    no('*', ''); // Redis: nothing matches an empty string but an empty pattern (KEYS special-cases "*")
    yes('**', 'anything');
    yes('a*', 'a');
    yes('a**', 'a');
    no('a*b', 'a');
    yes('*b', 'aab');
    no('', 'a');
    yes('', '');
    no('?', '');
  });

  it('character classes', () => {
    yes('h[ae]llo', 'hello');
    yes('h[ae]llo', 'hallo');
    no('h[ae]llo', 'hillo');
    yes('h[^e]llo', 'hallo');
    no('h[^e]llo', 'hello');
    yes('h[a-b]llo', 'hbllo');
    no('h[a-b]llo', 'hcllo');
    yes('h[b-a]llo', 'hallo'); // reversed range
    yes('[\\]]', ']');
    yes('[a-]', 'a');
    no('[]', ']'); // an empty class matches nothing
    yes('[a-]', ']'); // unterminated: the range a..']' reversed, as Redis reads it
    yes('[abc', 'c'); // unterminated class at the end of the pattern
    no('[abc', 'd');
  });

  it('escapes', () => {
    yes('\\*', '*');
    no('\\*', 'a');
    yes('a\\?', 'a?');
    no('a\\?', 'ab');
    yes('a\\', 'a\\'); // a trailing backslash matches itself
  });

  it('nocase', () => {
    yes('HeLLo', 'hello', true);
    no('HeLLo', 'hello', false);
    yes('[A-C]x', 'bX', true);
  });

  it('is binary safe over latin1', () => {
    yes('a\x00b', 'a\x00b');
    no('a\x00b', 'a\x00c');
    yes('?', '\xff');
    yes('[\xe0-\xff]', '\xe9');
    // Redis compares range bounds as signed chars: \xe9 is below 'a'.
    no('[a-\xff]', 'b');
  });

  it('stops hostile patterns quickly', () => {
    const s = 'a'.repeat(100) + 'b';
    const start = Date.now();
    no('a*'.repeat(60) + 'c', s);
    // Deeper than Redis's nesting limit: no match even where a match exists.
    no('a*'.repeat(1200) + 'b', 'a'.repeat(1300) + 'b');
    assert.ok(Date.now() - start < 5000);
  });

  it('compileGlob treats "*" as match-all', () => {
    assert.equal(compileGlob('*')('x\x00'), true);
    assert.equal(compileGlob('*')(''), true);
    assert.equal(compileGlob('a?')('ab'), true);
  });

  it('agrees with a reference regex on patterns without brackets or escapes', () => {
    const toRe = (p: string) => new RegExp('^' + [...p].map((ch) => (ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[\\s\\S]' : ch)).join('') + '$');
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*?]{0,8}$/), fc.stringMatching(/^[ab]{1,10}$/), (p, s) => {
        assert.equal(globMatch(p, s), toRe(p).test(s));
      }),
      { numRuns: 2000 },
    );
  });
});
