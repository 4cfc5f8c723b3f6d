// What a result shows of a story: its words that matched the query marked, and the sentence (or two
// adjacent short sentences) of the body with most of the query's terms, cut around them.
// No DOM here (ui.js turns the parts into text nodes and <mark> elements); tests run it in Node.
// ui.js draws up to 10 results at every keystroke, mostly the same stories again, so a text is read
// once while it is among the last drawn (`reading`: one pass for its words, one for its
// sentences), a query's matcher looks at each distinct written word once, and a word is tokenized
// and stemmed once per page, only when a query needs its term (`analysis`).

import { fold, tokenize } from "./analyzer.js";

export const SNIPPET_WORDS = 36; // longest snippet, in words; two sentences are joined up to this
const CONTEXT_BEFORE = 6; // words kept before the first match when a long sentence is cut
const WORD = /[\p{L}\p{N}]+(?:[-.,'’][\p{L}\p{N}]+)*/gu; // analyzer.js's token, with its offsets
const ELLIPSIS = "…";

// Words followed by a period that rarely end a sentence: titles, ranks, units, Latin-style
// shorthands (pt and id newsroom usage). Lowercase, without the period. Only abbreviations: a
// word that is also written in full ("ibu", mother; "ex", someone's former partner, whose
// abbreviation "por ex." is followed by a lowercase word anyway) may end a sentence.
const ABBREVIATIONS = new Set([
  // pt
  "sr", "sra", "srs", "sras", "srta", "dr", "dra", "drs", "dras", "prof", "profa", "profs", "eng", "arq",
  "exmo", "exma", "pe", "sto", "sta", "gov", "dep", "sen", "min", "pres", "gen", "cel", "ten", "sgt",
  "maj", "cap", "art", "arts", "av", "núm", "nº", "pág", "págs", "pp", "vol", "ed", "cia", "ltda",
  "jr", "séc", "aprox", "tel", "obs",
  // id
  "bpk", "sdr", "sdri", "yth", "hj", "kh", "ir", "jl", "jln", "kab", "kec", "kel", "prov", "rp",
  "no", "tbk", "dll", "dsb", "dst", "tsb", "dkk", "ny", "tn", "kol", "letkol", "mayjen", "brigjen",
  "jend", "kapt", "irjen", "kombes", "st",
]);
const LOOK_BACK = 32; // characters read back from a period for the word it ends
const CLOSERS = "\"'”’»)]";
const ANALYSIS_LIMIT = 50000; // distinct written words whose analysis is kept (a page's searches)
const MATCHERS_KEPT = 8; // queries whose matchers are kept (the results of one are drawn in turns)

// Per analyzer (it is pure): each written word's tokens, their written forms (lowercase, accents
// folded) and, once a query needs them, their terms; and the matchers of recent queries.
const analyses = new WeakMap();
const NONE = Object.freeze([]); // the terms of a word that matched none

function analysis(analyzer) {
  let cache = analyses.get(analyzer);
  if (!cache) analyses.set(analyzer, (cache = { words: new Map(), matchers: new Map() }));
  if (cache.words.size > ANALYSIS_LIMIT) cache.words.clear();
  return cache;
}

// Index terms of one word that the query matched (none for the other words), for `compiled`
// (engine.js's {required, matchedTerms, prefixLast, typed} of the word's language) and that
// language's analyzer ({term(token)}). Stop words never match.
// - A finished word matches the words of its term ("orçamentos" for "orçamento"; the stemmer's
//   conflations too: "anggur", grape, for "pengangguran", since the search found stories by that
//   term), and, when the index has no such term, the terms the engine backed off to (matchedTerms
//   that begin it or that it begins: "orçamento" for "orçamentozzz").
// - The word being typed (compiled.typed) matches only the words that begin with the letters
//   typed, accents and case aside: "pengang" marks "pengangguran", not "anggur" although that
//   is pengangguran's term and among matchedTerms (they hold the completions the engine searched).
// The matcher of a query is kept, so the results drawn for it share their analyzed words.
export function matcher(analyzer, compiled) {
  if (!analyzer || !compiled) return () => [];
  const cache = analysis(analyzer);
  const typed = compiled.prefixLast ? compiled.typed : null;
  const required = compiled.required || [];
  const finished = compiled.prefixLast ? required.slice(0, -1) : required;
  const matchedTerms = compiled.matchedTerms || null;
  const key = JSON.stringify([finished, typed, matchedTerms]);
  let hits = cache.matchers.get(key);
  if (hits) return hits;

  const wanted = new Set(finished);
  if (matchedTerms) {
    const indexed = new Set(matchedTerms);
    const backedOff = finished.filter((term) => !indexed.has(term));
    for (const term of matchedTerms) {
      if (backedOff.some((own) => own.startsWith(term) || term.startsWith(own))) wanted.add(term);
    }
  }
  const matched = new Map(); // a body repeats its words, and results share theirs
  hits = (word) => {
    let terms = matched.get(word);
    if (terms) return terms;
    let known = cache.words.get(word);
    if (!known) {
      const tokens = tokenize(word);
      known = { tokens, written: tokens.map((token) => fold(token.toLowerCase())), terms: null };
      cache.words.set(word, known);
    }
    terms = NONE;
    for (let t = 0; t < known.tokens.length; t++) {
      const begins = typed !== null && known.written[t].startsWith(typed);
      if (!begins && !wanted.size) continue; // only the letters typed so far: no stemming needed
      known.terms ??= known.tokens.map((token) => analyzer.term(token));
      const term = known.terms[t];
      if (term && (begins || wanted.has(term))) terms = terms === NONE ? [term] : [...terms, term];
    }
    matched.set(word, terms);
    return terms;
  };
  if (cache.matchers.size >= MATCHERS_KEPT) cache.matchers.delete(cache.matchers.keys().next().value);
  cache.matchers.set(key, hits);
  return hits;
}

const RUN_BEFORE = /[\p{L}\p{N}º.]*$/u; // what an abbreviation, an initial or "S.A." is written with

// Whether the period at `dot` (text[dot] === ".") ends an abbreviation, an initial or a dotted
// shorthand such as "S.A." rather than a sentence. Reads back at most LOOK_BACK characters: the
// word before the period, and what is written before it in the same run of letters, digits and
// periods.
function abbreviated(text, dot) {
  const before = RUN_BEFORE.exec(text.slice(Math.max(0, dot - LOOK_BACK), dot))[0];
  if (!before) return false;
  if (before.includes(".")) return /\p{L}/u.test(before); // S.A. / a.n. / U.S., not "2024." after "1.200"
  if (/^\p{Lu}$/u.test(before)) return true; // an initial: "Susilo B. Yudhoyono", "J. Silva"
  return ABBREVIATIONS.has(before.toLowerCase());
}

const BOUNDARY = /[.!?…]+|\n/gu;
const GOES_ON = /\s*\p{Ll}/uy; // after a sentence's end: a lowercase word goes on the sentence
const SPACE = /\s/u;

// Sentences of `text` as [start, end] offsets, trimmed. A sentence ends at . ! ? or … (with any
// closing quotes or brackets) followed by a space and a word that does not start in lowercase, or
// at a line break; "1.200", "5,3", "Sr. Silva" and "J. Silva" do not end one. One pass over the
// text.
export function sentences(text) {
  const found = [];
  let start = 0;
  const push = (end) => {
    let from = start;
    let to = end;
    while (from < to && SPACE.test(text[from])) from++;
    while (to > from && SPACE.test(text[to - 1])) to--;
    if (to > from) found.push([from, to]);
  };
  for (const m of text.matchAll(BOUNDARY)) {
    let end = m.index + m[0].length;
    if (m[0] !== "\n") {
      while (end < text.length && CLOSERS.includes(text[end])) end++;
      if (end < text.length) {
        if (!SPACE.test(text[end])) continue; // 1.200, 5,3, "a.n.", "etc.)"
        GOES_ON.lastIndex = end;
        if (GOES_ON.test(text)) continue;
      }
      if (m[0] === "." && abbreviated(text, m.index)) continue;
    }
    push(end);
    start = end;
  }
  push(text.length);
  return found;
}

// The texts last drawn, each read once: its words (offsets, and the position of each among the
// text's distinct written words, `forms`) and, for a body, its sentences.
const READINGS_KEPT = 256;
const readings = new Map();

function reading(text) {
  let read = readings.get(text);
  if (read) {
    readings.delete(text); // the most recently used last
    readings.set(text, read);
    return read;
  }
  const starts = [];
  const ends = [];
  const ids = [];
  const forms = [];
  const position = new Map();
  for (const m of text.matchAll(WORD)) {
    let id = position.get(m[0]);
    if (id === undefined) {
      id = forms.length;
      position.set(m[0], id);
      forms.push(m[0]);
    }
    starts.push(m.index);
    ends.push(m.index + m[0].length);
    ids.push(id);
  }
  read = { starts, ends, ids, forms, sentences: null };
  if (readings.size >= READINGS_KEPT) readings.delete(readings.keys().next().value);
  readings.set(text, read);
  return read;
}

// The sentences of a read text and the words of each: {spans, bounds}, bounds[i] = [first, end)
// positions of sentence i's words.
function sentencesOf(text, read) {
  if (!read.sentences) {
    const spans = sentences(text);
    const bounds = [];
    let w = 0;
    for (const [start, end] of spans) {
      while (w < read.starts.length && read.starts[w] < start) w++;
      const first = w;
      while (w < read.starts.length && read.ends[w] <= end) w++;
      bounds.push([first, w]);
    }
    read.sentences = { spans, bounds };
  }
  return read.sentences;
}

// What `hits` finds in a read text: {terms, at}, terms(i) being word i's matched terms and `at`
// the positions of the words with some, in order; null when no word has any.
function found(read, hits) {
  const termsOf = read.forms.map(hits);
  if (!termsOf.some((terms) => terms.length)) return null;
  const { ids } = read;
  const at = [];
  for (let i = 0; i < ids.length; i++) if (termsOf[ids[i]].length) at.push(i);
  return { terms: (i) => termsOf[ids[i]], at };
}

// `text` as parts [{text, mark}], the words `hits` finds terms for marked; runs of white space are
// shown as one space.
export function markWords(text, hits) {
  const read = reading(text);
  return piecesOf(text, 0, text.length, read, found(read, hits), 0, read.starts.length);
}

// Parts of text[from, to), whose words are those at positions [first, end), matched ones marked.
function piecesOf(text, from, to, read, matched, first, end) {
  const parts = [];
  const add = (piece, mark) => {
    if (piece) parts.push({ text: piece, mark });
  };
  let at = from;
  for (const i of matched ? matched.at : []) {
    if (i < first || i >= end) continue;
    add(text.slice(at, read.starts[i]).replace(/\s+/gu, " "), false);
    add(text.slice(read.starts[i], read.ends[i]), true);
    at = read.ends[i];
  }
  add(text.slice(at, to).replace(/\s+/gu, " "), false);
  return normalized(parts);
}

// The sentence of `text` with most distinct matched terms (the earliest of those), joined to the
// following or, failing that, the preceding sentence of its paragraph when both fit in `limit`
// words; or the earliest two adjacent sentences when only together do they have more terms.
// Returns {first, last, from, end}: sentence positions, and the positions of their words
// [from, end).
function bestWindow(text, { spans, bounds }, matched, limit) {
  const termsIn = spans.map(() => []); // each sentence's matched terms
  let s = 0;
  for (const i of matched.at) {
    while (s < spans.length && bounds[s][1] <= i) s++;
    if (s < spans.length && i >= bounds[s][0]) termsIn[s].push(...matched.terms(i));
  }
  const size = (i) => bounds[i][1] - bounds[i][0];
  const joinable = (i) => i >= 0 && i + 1 < spans.length && size(i) + size(i + 1) <= limit
    && !text.slice(spans[i][1], spans[i + 1][0]).includes("\n");
  const window = (first, last) => ({ first, last, from: bounds[first][0], end: bounds[last][1] });
  const score = (first, last) => new Set(termsIn.slice(first, last + 1).flat()).size;
  let best = 0;
  let top = -1;
  for (let i = 0; i < spans.length; i++) {
    const single = termsIn[i].length ? score(i, i) : 0;
    if (single > top) [best, top] = [i, single];
  }
  let pair = -1;
  for (let i = 0; i + 1 < spans.length; i++) {
    if (!termsIn[i].length || !termsIn[i + 1].length || !joinable(i)) continue; // else no more than one
    const both = score(i, i + 1);
    if (both > top) [pair, top] = [i, both];
  }
  if (pair >= 0) return window(pair, pair + 1);
  // A pair holding the best sentence has its terms and no more (no pair had more): the neighbour is
  // context.
  if (joinable(best)) return window(best, best + 1);
  if (joinable(best - 1)) return window(best - 1, best);
  return window(best, best);
}

// The position of the first of the `limit` words to show of the longer stretch [first, end): the
// window with most distinct matched terms (the earliest of those), moved so its matches sit after
// a little context. One pass: the window slides, counting its terms.
function cut(matched, first, end, limit) {
  const counts = new Map();
  const count = (i, step) => {
    for (const term of matched.terms(i)) {
      const n = (counts.get(term) || 0) + step;
      if (n) counts.set(term, n);
      else counts.delete(term);
    }
  };
  for (let i = first; i < first + limit; i++) count(i, 1);
  let bestStart = first;
  let bestScore = counts.size;
  for (let s = first + 1; s + limit <= end; s++) {
    count(s - 1, -1);
    count(s + limit - 1, 1);
    if (counts.size > bestScore) [bestStart, bestScore] = [s, counts.size];
  }
  let firstHit = bestStart;
  while (firstHit < bestStart + limit - 1 && !matched.terms(firstHit).length) firstHit++;
  let lastHit = bestStart + limit - 1;
  while (lastHit > firstHit && !matched.terms(lastHit).length) lastHit--;
  const spare = limit - (lastHit - firstHit + 1);
  const start = firstHit - Math.min(CONTEXT_BEFORE, Math.floor(spare / 2));
  return Math.max(first, Math.min(start, end - limit));
}

// The snippet of `body` for a query: parts [{text, mark}] of the best sentence(s), cut to `limit`
// words around the matches with an ellipsis where cut; null when no word of the body matched.
export function bodySnippet(body, hits, { limit = SNIPPET_WORDS } = {}) {
  if (!body) return null;
  const read = reading(body);
  const matched = found(read, hits);
  if (!matched) return null;
  const split = sentencesOf(body, read);
  const best = bestWindow(body, split, matched, limit);
  let from = split.spans[best.first][0];
  let to = split.spans[best.last][1];
  let first = best.from;
  let end = best.end;
  let cutBefore = false;
  let cutAfter = false;
  if (end - first > limit) {
    const start = cut(matched, first, end, limit);
    if (start > first) [from, cutBefore] = [read.starts[start], true];
    if (start + limit < end) [to, cutAfter] = [read.ends[start + limit - 1], true];
    [first, end] = [start, start + limit];
  }
  const parts = piecesOf(body, from, to, read, matched, first, end);
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
