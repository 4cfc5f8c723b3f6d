// What a result shows of a story: its words that matched the query marked, and the sentence (or two
// adjacent short sentences) of the body with most of the query's terms, cut around them.
// No DOM here (ui.js turns the parts into text nodes and <mark> elements); tests run it in Node.

import { fold, tokenize } from "./analyzer.js";

export const SNIPPET_WORDS = 36; // longest snippet, in words; two sentences are joined up to this
const CONTEXT_BEFORE = 6; // words kept before the first match when a long sentence is cut
const WORD = /[\p{L}\p{N}]+(?:[-.,'’][\p{L}\p{N}]+)*/gu; // analyzer.js's token, with its offsets
const ELLIPSIS = "…";

// Words followed by a period that rarely end a sentence: titles, ranks, units, Latin-style
// shorthands (pt and id newsroom usage). Lowercase, without the period.
const ABBREVIATIONS = new Set([
  // pt
  "sr", "sra", "srs", "sras", "srta", "dr", "dra", "drs", "dras", "prof", "profa", "profs", "eng", "arq",
  "exmo", "exma", "pe", "sto", "sta", "gov", "dep", "sen", "min", "pres", "gen", "cel", "ten", "sgt",
  "maj", "cap", "art", "arts", "av", "núm", "nº", "pág", "págs", "pp", "vol", "ed", "cia", "ltda",
  "jr", "séc", "aprox", "tel", "obs", "ex",
  // id
  "bpk", "ibu", "sdr", "sdri", "yth", "hj", "kh", "ir", "jl", "jln", "kab", "kec", "kel", "prov", "rp",
  "no", "tbk", "dll", "dsb", "dst", "tsb", "dkk", "ny", "tn", "kol", "letkol", "mayjen", "brigjen",
  "jend", "kapt", "irjen", "kombes", "st",
]);
const CLOSERS = "\"'”’»)]";

// Index terms of one word that the query matched (none for the other words), for `compiled`
// (engine.js's {required, matchedTerms, prefixLast, typed} of the word's language) and that
// language's analyzer ({term(token)}). A word being typed also matches the words that begin with
// it as written ("pengang" marks "pengangguran"); stop words never match.
export function matcher(analyzer, compiled) {
  if (!analyzer || !compiled) return () => [];
  const wanted = new Set([...(compiled.required || []), ...(compiled.matchedTerms || [])]);
  const prefix = compiled.prefixLast ? compiled.required.at(-1) : null;
  const typed = compiled.prefixLast ? compiled.typed : null;
  const matches = (token, term) => wanted.has(term) || (prefix !== null && term.startsWith(prefix))
    || (typed && fold(token.toLowerCase()).startsWith(typed));
  const known = new Map(); // a body repeats its words: each is analyzed once
  return (word) => {
    if (!known.has(word)) {
      const terms = [];
      for (const token of tokenize(word)) {
        const term = analyzer.term(token);
        if (term && matches(token, term)) terms.push(term);
      }
      known.set(word, terms);
    }
    return known.get(word);
  };
}

// The words of `text`: [{start, end, terms}], terms being those `hits` gives each.
function words(text, hits) {
  return [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, terms: hits(m[0]) }));
}

// Whether the period ending at `dot` (text[dot] === ".") ends an abbreviation, an initial or a
// dotted shorthand such as "S.A." rather than a sentence.
function abbreviated(text, dot) {
  const before = text.slice(0, dot).match(/[\p{L}\p{N}º.]*$/u)[0];
  if (!before) return false;
  if (before.includes(".")) return /\p{L}/u.test(before); // S.A. / a.n. / U.S., not "2024." after "1.200"
  if (/^\p{Lu}$/u.test(before)) return true; // an initial: "Susilo B. Yudhoyono", "J. Silva"
  return ABBREVIATIONS.has(before.toLowerCase());
}

// Sentences of `text` as [start, end] offsets, trimmed. A sentence ends at . ! ? or … (with any
// closing quotes or brackets) followed by a space and a word that does not start in lowercase, or
// at a line break; "1.200", "5,3", "Sr. Silva" and "J. Silva" do not end one.
export function sentences(text) {
  const found = [];
  let start = 0;
  const push = (end) => {
    const piece = text.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const trimmed = piece.trim();
    if (trimmed) found.push([start + lead, start + lead + trimmed.length]);
  };
  const boundary = /[.!?…]+|\n/gu;
  for (const m of text.matchAll(boundary)) {
    let end = m.index + m[0].length;
    if (m[0] !== "\n") {
      while (end < text.length && CLOSERS.includes(text[end])) end++;
      const after = text.slice(end);
      if (after && !/^\s/u.test(after)) continue; // 1.200, 5,3, "a.n.", "etc.)"
      const next = after.trimStart();
      if (next && /^\p{Ll}/u.test(next)) continue; // a lowercase word goes on the sentence
      if (m[0] === "." && abbreviated(text, m.index)) continue;
    }
    push(end);
    start = end;
  }
  push(text.length);
  return found;
}

// `text` as parts [{text, mark}], the words `hits` finds terms for marked; runs of white space are
// shown as one space.
export function markWords(text, hits) {
  return piecesOf(text, 0, text.length, words(text, hits));
}

function piecesOf(text, from, to, wordList) {
  const parts = [];
  const add = (piece, mark) => {
    if (piece) parts.push({ text: piece, mark });
  };
  let at = from;
  for (const word of wordList) {
    if (word.end <= from || word.start >= to || !word.terms.length) continue;
    add(text.slice(at, word.start).replace(/\s+/gu, " "), false);
    add(text.slice(word.start, word.end), true);
    at = word.end;
  }
  add(text.slice(at, to).replace(/\s+/gu, " "), false);
  return normalized(parts);
}

const distinct = (list) => new Set(list.flatMap((word) => word.terms)).size;

// The sentence of `text` with most distinct matched terms (the earliest of those), joined to the
// following or, failing that, the preceding sentence of its paragraph when both fit in `limit`
// words (the one adding more terms first); or two adjacent sentences when only together do they
// have that many terms. Returns {first, last, list}: sentence positions and their words.
function bestWindow(text, spans, wordList, limit) {
  let w = 0;
  const inSpan = spans.map(([start, end]) => {
    while (w < wordList.length && wordList[w].start < start) w++;
    const from = w;
    while (w < wordList.length && wordList[w].end <= end) w++;
    return wordList.slice(from, w);
  });
  const joinable = (i) => i >= 0 && i + 1 < spans.length && inSpan[i].length + inSpan[i + 1].length <= limit
    && !text.slice(spans[i][1], spans[i + 1][0]).includes("\n");
  const window = (first, last) => {
    const list = inSpan.slice(first, last + 1).flat();
    return { first, last, list, score: distinct(list) };
  };
  const singles = spans.map((_, i) => window(i, i));
  const pairs = spans.map((_, i) => (joinable(i) ? window(i, i + 1) : null)).filter(Boolean);
  const top = Math.max(...singles.map((c) => c.score));
  const pairTop = Math.max(0, ...pairs.map((c) => c.score));
  if (pairTop > top) return pairs.find((c) => c.score === pairTop);
  const best = singles.find((c) => c.score === top);
  const around = [pairs.find((c) => c.first === best.first), pairs.find((c) => c.last === best.first)]
    .filter(Boolean);
  return around.reduce((chosen, c) => (c.score > chosen.score || chosen === best ? c : chosen), best);
}

// The start, in `list`, of the `limit` words to show of a longer stretch: the window with most
// distinct matched terms (the earliest of those), moved so its matches sit after a little context.
function cut(list, limit) {
  let bestStart = 0;
  let bestScore = -1;
  for (let s = 0; s + limit <= list.length; s++) {
    const score = distinct(list.slice(s, s + limit));
    if (score > bestScore) [bestStart, bestScore] = [s, score];
  }
  const window = list.slice(bestStart, bestStart + limit);
  const firstHit = bestStart + window.findIndex((w) => w.terms.length);
  const lastHit = bestStart + window.findLastIndex((w) => w.terms.length);
  const spare = limit - (lastHit - firstHit + 1);
  const start = firstHit - Math.min(CONTEXT_BEFORE, Math.floor(spare / 2));
  return Math.max(0, Math.min(start, list.length - limit));
}

// The snippet of `body` for a query: parts [{text, mark}] of the best sentence(s), cut to `limit`
// words around the matches with an ellipsis where cut; null when no word of the body matched.
export function bodySnippet(body, hits, { limit = SNIPPET_WORDS } = {}) {
  if (!body) return null;
  const wordList = words(body, hits);
  if (!wordList.some((word) => word.terms.length)) return null;
  const spans = sentences(body);
  const best = bestWindow(body, spans, wordList, limit);
  let from = spans[best.first][0];
  let to = spans[best.last][1];
  const { list } = best;
  let cutBefore = false;
  let cutAfter = false;
  if (list.length > limit) {
    const start = cut(list, limit);
    const end = start + limit - 1;
    if (start > 0) [from, cutBefore] = [list[start].start, true];
    if (end < list.length - 1) [to, cutAfter] = [list[end].end, true];
  }
  const parts = piecesOf(body, from, to, list);
  if (cutBefore) parts.unshift({ text: `${ELLIPSIS} `, mark: false });
  if (cutAfter) parts.push({ text: ` ${ELLIPSIS}`, mark: false });
  return normalized(parts);
}

// Adjacent plain parts merged (the ellipsis with the text next to it).
function normalized(parts) {
  const merged = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if (last && !last.mark && !part.mark) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}
