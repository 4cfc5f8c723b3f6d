// Search engine: loads, per language, the manifest and document data once, then only the term
// partitions a query needs and the display fragments of the results shown. Scores are lunr.js's
// (lunr.Index.prototype.query, 2.3.9), reproduced exactly: the weights are computed here as
// lunr.py's Builder computes them, from the term frequencies and field lengths the build wrote
// (the file layout is documented in plugins/search/partitions.py). No DOM here (see ui.js); Node runs it in
// tests/search/test_partitions.py (through engine_runner.mjs) with its own `load` function.

import { createAnalyzer, fold, tokenize } from "./analyzer.js";

const FORMAT = 3; // of the index files (plugins/search/partitions.py)
const PREFIX_MIN_LENGTH = 3; // a shorter last word is matched exactly, not as a prefix
const BACK_OFF_MIN_LENGTH = 4; // a word with no postings backs off to an indexed beginning this long or longer
// A half-typed word also matches the terms of the written words it begins (meta.json "words");
// those terms may lie anywhere in the term order ("pengang…" -> "anggur"), so at most this many
// partitions beyond the query's own are loaded for them, the most frequent terms first.
const COMPLETION_PARTITIONS = 3;
// A half-typed word that begins no written word nor term keeps the stories of its longest
// beginning that does ("tufõ" of "tufões" when the archive only has "tufão"), looked for in at
// most this many partitions.
const TYPED_BACK_OFF_PARTITIONS = 4;
const NEAR_TIE = 0.05; // scores within 5% of the best count as a tie, broken by date
const DAY_MS = 86400000;

// `fresh`: revalidated with the server, past the browser's cache (see LanguageIndex.open)
async function fetchJson(url, { fresh = false } = {}) {
  const response = await fetch(url, fresh ? { cache: "no-cache" } : undefined);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// The reader's words as lunr clauses for one language: one clause per word, "-word" excluded,
// and the last word, while it is still being typed (no space after it, three letters or more),
// matched as a prefix: `typed` is that word as written (lowercased, accent-folded); its term is
// the last of `required`. A stop word being typed ("nas", on the way to "nascimento") is only
// matched through the written words it begins (`typedStop`): it is not one of the words a story
// must have. Stories with all the words rank first, then those with most of them (see
// LanguageIndex.scores).
export function compileQuery(text, analyzer) {
  const required = [];
  const excluded = [];
  let typed = null;
  let typedStop = false;
  const chunks = text.split(/\s+/).filter(Boolean);
  const open = !/\s$/.test(text);
  chunks.forEach((chunk, position) => {
    const negative = chunk.startsWith("-") && chunk.length > 1;
    const tokens = tokenize(negative ? chunk.slice(1) : chunk);
    tokens.forEach((token, i) => {
      const term = analyzer.term(token);
      const written = fold(token.toLowerCase());
      if (open && !negative && position === chunks.length - 1 && i === tokens.length - 1
          && written.length >= PREFIX_MIN_LENGTH) {
        typed = written;
        typedStop = term === null;
        required.push(term ?? written);
      } else if (term) (negative ? excluded : required).push(term);
    });
  });
  return { required, excluded, prefixLast: typed !== null, typed, typedStop };
}

// Position of the partition ([first, last, hash], sorted) holding `term`, or -1 when none can.
export function findPartition(partitions, term) {
  let low = 0;
  let high = partitions.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = partitions[middle];
    if (term < first) high = middle - 1;
    else if (term > last) low = middle + 1;
    else return middle;
  }
  return -1;
}

// Positions of the partitions that may hold a term starting with `prefix`.
export function prefixPartitions(partitions, prefix) {
  const end = `${prefix}\uffff`;
  let low = 0;
  let high = partitions.length;
  while (low < high) { // first partition whose last term is >= prefix
    const middle = (low + high) >> 1;
    if (partitions[middle][1] < prefix) low = middle + 1;
    else high = middle;
  }
  const found = [];
  for (let i = low; i < partitions.length && partitions[i][0] < end; i++) found.push(i);
  return found;
}

function undelta(values) {
  let sum = 0;
  return values.map((value) => (sum += value));
}

// Python's round(x, 3), as lunr.py rounds its weights: the nearest 3-decimal value to x's exact
// binary value, an exact tie to the even one. x * 1000 can itself round onto or off a tie (0.0125
// is a little above it, and 0.0125 * 1000 is exactly 12.5): near one, the exact decimal expansion
// decides (70 places hold any weight's: a double >= 2^-11 has at most 63).
export function round3(x) {
  const scaled = x * 1000;
  if (Math.abs(scaled - Math.floor(scaled) - 0.5) > 1e-6) return Math.round(scaled) / 1000;
  const [whole, decimals] = x.toFixed(70).split(".");
  if (/^50*$/.test(decimals.slice(3))) {
    const lower = Number(whole + decimals.slice(0, 3));
    return (lower % 2 === 0 ? lower : lower + 1) / 1000;
  }
  return Number(x.toFixed(3));
}

// One term's postings, from its partition entry [term, first, per field: doc ids (delta-coded),
// term frequencies]: decoded when a query first reads them (a partition holds hundreds of terms, a
// query reads a few), each weight computed as lunr.py's Builder computes it.
class Postings {
  constructor(entry, index) {
    this.entry = entry;
    this.index = index; // the LanguageIndex: document count, field lengths, averages, boosts
    this.decoded = null;
    const docs = entry.slice(2).filter((_, i) => i % 2 === 0);
    // lunr's term index order: the first document holding the term, then the term's place in it
    this.order = [Math.min(...docs.filter((ids) => ids.length).map((ids) => ids[0])), entry[1]];
  }

  // [[doc ids], [weights]] per field
  get fields() {
    if (!this.decoded) {
      const { entry } = this;
      const { count, lengths, averages, boosts, k1, b } = this.index.bm25;
      let documentsWithTerm = 0;
      for (let f = 2; f < entry.length; f += 2) documentsWithTerm += entry[f].length;
      const x = (count - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
      const idf = Math.log(1 + Math.abs(x));
      this.decoded = [];
      for (let f = 0; 2 + 2 * f < entry.length; f++) {
        const docs = undelta(entry[2 + 2 * f]);
        const frequencies = entry[3 + 2 * f];
        const length = lengths[f];
        const average = averages[f];
        const boost = boosts[f];
        const weights = docs.map((d, k) => {
          const tf = frequencies[k];
          let score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length[d] / average)) + tf);
          score *= boost;
          return round3(score);
        });
        this.decoded.push([docs, weights]);
      }
      this.entry = null;
    }
    return this.decoded;
  }
}

// lunr.Vector's order of a query's terms (its term index): by first document, then place in it.
function termOrder(a, b) {
  return a.order[0] - b.order[0] || a.order[1] - b.order[1];
}

class LanguageIndex {
  constructor(lang, manifestUrl, { vendor, load, stemmer }) {
    this.lang = lang;
    this.manifestUrl = manifestUrl;
    this.base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    this.vendor = vendor;
    this.load = load;
    this.stemmer = stemmer;
    this.partitions = new Map(); // position -> Promise of its loading
    this.wordLoads = new Map(); // position in manifest.words -> Promise of its loading
    this.words = new Map(); // position in manifest.words -> its [written, term, stories] entries
    this.postings = new Map(); // term -> Postings {index, fields: [[docs], [weights]] per field}
    this.terms = new Map(); // partition position -> its terms, in order (for prefix expansion)
    this.docs = []; // id -> doc object handed to the UI
    this.fragments = new Map(); // display fragment number -> Promise
  }

  // The manifest, the document data and the stemmer: everything but postings and display text.
  open() {
    this.opening ??= (async () => {
      let manifest = await this.load(this.manifestUrl);
      // The manifest is the one index file without a content hash in its name: a browser may hold
      // the one from before a deploy that changed the format, while this script is the new one.
      if (manifest.format !== FORMAT) manifest = await this.load(this.manifestUrl, { fresh: true });
      if (manifest.format !== FORMAT) throw new Error(`${this.manifestUrl}: index format ${manifest.format}, not ${FORMAT}`);
      const [data, stemWord] = await Promise.all([
        this.load(this.base + manifest.docs),
        this.stemmer ? this.stemmer(manifest.analyzer.stemmer)
          : import(`${this.vendor}stemmers/${manifest.analyzer.stemmer}.js`).then((module) => module.stemmer),
      ]);
      this.manifest = manifest;
      this.docs = new Array(manifest.count); // filled as documents are shown (a fast array, not a sparse one)
      this.analyzer = createAnalyzer(manifest.analyzer, stemWord);
      this.days = undelta(data.days);
      this.categories = data.categories;
      this.stories = undelta(data.stories);
      this.byStory = new Map(this.stories.map((story, id) => [story, id]));
      this.bm25 = {
        count: manifest.count,
        lengths: data.lengths,
        averages: manifest.fields.map((field) => manifest.averageFieldLength[field]),
        boosts: manifest.fields.map((field) => manifest.boosts[field]),
        k1: manifest.bm25.k1,
        b: manifest.bm25.b,
      };
    })().catch((error) => {
      this.opening = null; // a failed load is tried again by the next search, not kept
      throw error;
    });
    return this.opening;
  }

  // The partitions of the query's own terms: each exact term's, and for the word being typed the
  // prefix ranges of its term and of the word as written.
  ownPartitions(compiled) {
    const { partitions } = this.manifest;
    const wanted = new Set();
    [...compiled.required, ...compiled.excluded].forEach((term, i) => {
      if (compiled.prefixLast && i === compiled.required.length - 1) {
        if (term.length >= PREFIX_MIN_LENGTH) prefixPartitions(partitions, term).forEach((p) => wanted.add(p));
        else if (findPartition(partitions, term) >= 0) wanted.add(findPartition(partitions, term));
        prefixPartitions(partitions, compiled.typed).forEach((p) => wanted.add(p));
      } else {
        const p = findPartition(partitions, term);
        if (p >= 0) wanted.add(p);
      }
    });
    return wanted;
  }

  // Terms of the written words that begin the word being typed, [term, partition] each: the most
  // frequent first, a word written exactly as typed before all, and only from the query's own
  // partitions and COMPLETION_PARTITIONS more (the same choice whatever is loaded already).
  completions(compiled) {
    if (!compiled.prefixLast) return [];
    const typed = compiled.typed;
    const frequency = new Map();
    for (const p of prefixPartitions(this.manifest.words, typed)) {
      for (const [written, term, stories] of this.words.get(p) || []) {
        if (!written.startsWith(typed)) continue;
        const weight = written === typed ? Infinity : stories;
        frequency.set(term, Math.max(frequency.get(term) || 0, weight));
      }
    }
    const own = this.ownPartitions(compiled);
    const extra = new Set();
    const found = [];
    const order = [...frequency].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [term] of order) {
      const p = findPartition(this.manifest.partitions, term);
      if (p < 0) continue;
      if (!own.has(p) && !extra.has(p)) {
        if (extra.size >= COMPLETION_PARTITIONS) continue;
        extra.add(p);
      }
      found.push([term, p]);
    }
    return found;
  }

  // Loads the partitions `compiled` needs: the query's own (with the written words that begin
  // the word being typed), those of its completions, and, for a word with no postings, those of
  // its back-off terms. Each step starts as soon as what it reads is in, not once the step
  // before has finished everywhere: the completions' partitions once the words/ ranges are in
  // (beside the query's own partitions), a finished word's back-off once its own partition is
  // in, the word being typed's once its completions are (the files are the same either way).
  async prepare(compiled) {
    const words = compiled.prefixLast ? prefixPartitions(this.manifest.words, compiled.typed) : [];
    const own = Promise.all([...this.ownPartitions(compiled)].map((p) => this.loadPartition(p)));
    const completions = Promise.all(words.map((p) => this.loadWords(p)))
      .then(() => Promise.all(this.completions(compiled).map(([, p]) => this.loadPartition(p))));
    const finished = own.then(() => this.loadBackOff(compiled, false));
    await Promise.all([own, completions, finished]);
    await this.loadBackOff(compiled, true);
  }

  // The back-off partitions of the words with no postings: those of the finished words (typing
  // false: their own partitions are in) or of the word being typed (typing true: its own and its
  // completions' partitions are in).
  loadBackOff(compiled, typing) {
    const { partitions } = this.manifest;
    const backOff = new Set();
    for (const clause of this.clauses(compiled)) {
      if (!clause.backedOff || clause.typing !== typing) continue;
      if (clause.term.length >= PREFIX_MIN_LENGTH) {
        prefixPartitions(partitions, clause.term).forEach((p) => backOff.add(p));
      }
      for (let k = BACK_OFF_MIN_LENGTH; k < clause.term.length; k++) {
        const p = findPartition(partitions, clause.term.slice(0, k));
        if (p >= 0) backOff.add(p);
      }
      if (clause.typing) this.typedBackOff(compiled.typed).range.forEach((p) => backOff.add(p));
    }
    return Promise.all([...backOff].map((p) => this.loadPartition(p)));
  }

  // The shortest beginning (three letters or more) of the word being typed whose terms lie in at
  // most TYPED_BACK_OFF_PARTITIONS partitions: its length and those partitions.
  typedBackOff(typed) {
    for (let length = PREFIX_MIN_LENGTH; length < typed.length; length++) {
      const range = prefixPartitions(this.manifest.partitions, typed.slice(0, length));
      if (range.length <= TYPED_BACK_OFF_PARTITIONS) return { length, range };
    }
    return { length: typed.length, range: [] };
  }

  // Each word's clause: its term and the indexed terms it matches (itself; for the word being
  // typed, the terms its term and its written form begin and its completions). A word with no
  // postings backs off to the longest indexed term that begins it (at least BACK_OFF_MIN_LENGTH
  // letters) and to the indexed terms it begins; the word being typed, failing those, to the
  // terms its longest beginning begins (Pagefind's fallback, which keeps results while typing).
  clauses(compiled) {
    return compiled.required.map((term, i) => {
      const typing = compiled.prefixLast && i === compiled.required.length - 1;
      const optional = typing && compiled.typedStop;
      let expanded = this.postings.has(term) && !optional ? [term] : [];
      if (typing) {
        // a term of one or two letters ("ma" of "mãe") is not widened to every term it begins
        const found = new Set([...expanded, ...(term.length >= PREFIX_MIN_LENGTH ? this.expand(term) : []),
          ...this.expand(compiled.typed)]);
        for (const [completion] of this.completions(compiled)) found.add(completion);
        expanded = [...found].filter((t) => this.postings.has(t));
      }
      if (expanded.length || optional) return { term, expanded, backedOff: false, typing, optional };
      const found = new Set();
      for (let k = term.length - 1; k >= BACK_OFF_MIN_LENGTH; k--) {
        if (this.postings.has(term.slice(0, k))) {
          found.add(term.slice(0, k));
          break;
        }
      }
      // A word too short to be a prefix (one or two letters) is not widened to every word it begins.
      if (term.length >= PREFIX_MIN_LENGTH) this.expand(term).forEach((t) => found.add(t));
      if (typing) {
        const shortest = this.typedBackOff(compiled.typed).length;
        for (let k = compiled.typed.length - 1; !found.size && k >= shortest; k--) {
          this.expand(compiled.typed.slice(0, k)).forEach((t) => found.add(t));
        }
      }
      return { term, expanded: [...found], backedOff: true, typing };
    });
  }

  loadPartition(position) {
    if (!this.partitions.has(position)) {
      const [, , hash] = this.manifest.partitions[position];
      this.partitions.set(position, this.load(`${this.base}terms/${hash}.json`).then((entries) => {
        this.terms.set(position, entries.map(([term]) => term));
        for (const entry of entries) this.postings.set(entry[0], new Postings(entry, this));
      }).catch((error) => {
        this.partitions.delete(position);
        throw error;
      }));
    }
    return this.partitions.get(position);
  }

  loadWords(position) {
    if (!this.wordLoads.has(position)) {
      const [, , hash] = this.manifest.words[position];
      this.wordLoads.set(position, this.load(`${this.base}words/${hash}.json`).then((entries) => {
        this.words.set(position, entries);
      }).catch((error) => {
        this.wordLoads.delete(position);
        throw error;
      }));
    }
    return this.wordLoads.get(position);
  }

  // Loaded terms starting with `prefix` (lunr's TokenSet expansion of "prefix*"): a prefix's
  // terms lie in its prefix partitions only.
  expand(prefix) {
    const found = [];
    for (const p of prefixPartitions(this.manifest.partitions, prefix)) {
      for (const term of this.terms.get(p) || []) if (term.startsWith(prefix)) found.push(term);
    }
    return found;
  }

  doc(id) {
    let doc = this.docs[id];
    if (!doc) {
      const day = this.days[id];
      const [section, category, counterparts] = this.manifest.categories[this.categories[id]] || ["", "", []];
      doc = {
        lang: this.lang,
        id,
        day,
        date: new Date(day * DAY_MS).toISOString().slice(0, 10),
        category, // its name in this language
        section, // its category's key
        sections: [section, ...counterparts], // and those of its counterparts in the other editions
        story: this.stories[id],
      };
      this.docs[id] = doc;
    }
    return doc;
  }

  docOfStory(story) {
    const id = this.byStory?.get(story);
    return id === undefined ? undefined : this.doc(id);
  }

  // lunr.Index.prototype.query with one OPTIONAL clause per word (trailing wildcard for the word
  // being typed) and PROHIBITED ones for "-word", over the loaded postings. Returns the stories
  // found (`ids`) and, in the same order, `score` (the number lunr.js computes) and `matched` (how
  // many of the query's words a story has). With every word REQUIRED lunr keeps the stories whose
  // matched is all the words, with the same scores. Typed arrays over every document id keep a
  // common word of a large archive (tens of thousands of postings) within milliseconds.
  scoreArrays(compiled, clauses) {
    const count = this.manifest.count;
    const fields = this.manifest.fields.length;
    // per document id, kept between queries (allocating them per query kept the garbage collector busy)
    this.scratch ??= { matched: new Uint16Array(count), lastClause: new Uint16Array(count),
      prohibited: new Uint8Array(count), found: new Uint8Array(count), dots: new Float64Array(fields * count),
      ids: new Int32Array(count), group: new Int32Array(count), position: new Int32Array(count).fill(-1) };
    const { matched, lastClause, prohibited, found, dots } = this.scratch; // dots: field f of story d at f * count + d
    matched.fill(0);
    lastClause.fill(0); // 1 + the last clause a story counted for
    prohibited.fill(0);
    found.fill(0);
    dots.fill(0);
    const queryVector = new Map(); // term -> summed clause boost (lunr: queryVectors[field].upsert)
    clauses.forEach((clause, c) => {
      for (const t of clause.expanded) {
        queryVector.set(t, (queryVector.get(t) || 0) + 1);
        if (clause.optional) continue;
        for (const [docs] of this.postings.get(t).fields) {
          for (let k = 0; k < docs.length; k++) {
            const d = docs[k];
            if (lastClause[d] !== c + 1) {
              lastClause[d] = c + 1;
              matched[d] += 1;
            }
          }
        }
      }
    });
    for (const term of compiled.excluded) {
      for (const [docs] of this.postings.get(term)?.fields || []) for (const d of docs) prohibited[d] = 1;
    }
    // lunr.Vector keeps elements by term index: sum in that order for the same floating-point result.
    const terms = [...queryVector.keys()].sort((a, b) => termOrder(this.postings.get(a), this.postings.get(b)));
    let squares = 0;
    for (const term of terms) squares += queryVector.get(term) ** 2;
    const magnitude = Math.sqrt(squares);
    let n = 0;
    for (const term of terms) {
      const boost = queryVector.get(term);
      this.postings.get(term).fields.forEach(([docs, weights], f) => {
        const offset = f * count;
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k];
          if (prohibited[d]) continue;
          dots[offset + d] += boost * weights[k];
          if (!found[d]) {
            found[d] = 1;
            this.scratch.ids[n++] = d;
          }
        }
      });
    }
    // lunr adds each field's similarity in field order; 0 + x and x + 0 are exact, so a field
    // the story lacks changes nothing
    const ids = this.scratch.ids.slice(0, n);
    const score = new Float64Array(n);
    const words = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const d = ids[i];
      let sum = 0;
      for (let f = 0; f < fields; f++) sum += dots[f * count + d] / magnitude || 0;
      score[i] = sum;
      words[i] = matched[d];
    }
    return { ids, score, matched: words };
  }

  // {id: {score, matched}} (the tests compare it with lunr.js's results).
  scores(compiled, clauses = this.clauses(compiled)) {
    const { ids, score, matched } = this.scoreArrays(compiled, clauses);
    return new Map(Array.from(ids, (d, i) => [d, { score: score[i], matched: matched[i] }]));
  }

  query(text) {
    const compiled = compileQuery(text, this.analyzer);
    if (!compiled.required.length) return { compiled, hits: [] };
    const clauses = this.clauses(compiled);
    compiled.matchedTerms = clauses.flatMap((clause) => clause.expanded); // for highlighting
    const wanted = clauses.filter((clause) => !clause.optional).length;
    const { ids, score, matched } = this.scoreArrays(compiled, clauses);
    return { compiled, hits: new Hits(this, ids, score, matched, wanted) };
  }

  // Fetches the display fragments of `docs` (title, URL, date, summary, other versions, text):
  // one promise per document, in the order given (fetches start in that order), resolved once
  // that document's fragment is in.
  describe(docs) {
    const { size, block, hashes } = this.manifest.display;
    return docs.map((doc) => {
      if (doc.title !== undefined) return Promise.resolve();
      const k = Math.floor(doc.id / size);
      if (!this.fragments.has(k)) {
        const url = `${this.base}display/${k}.${hashes[Math.floor(k / block)]}.json`;
        this.fragments.set(k, this.load(url).then((rows) => {
          rows.forEach(([title, url, shownDate, summary, translations, body], i) => {
            Object.assign(this.doc(k * size + i), { title, url, shownDate, summary, translations, body });
          });
        }).catch((error) => {
          this.fragments.delete(k);
          throw error;
        }));
      }
      return this.fragments.get(k);
    });
  }
}

// The stories one edition's query found: their ids (in the order found) and, in the same order,
// their score and how many words they matched. Ranked (rank), they become Results, whose
// documents are made only when read; iterated or filtered, hits {doc, score, matched, wanted}
// (all-languages grouping, year and category filters).
class Hits {
  constructor(index, ids, score, matched, wanted) {
    this.index = index;
    this.ids = ids;
    this.score = score;
    this.matched = matched;
    this.wanted = wanted;
  }

  get length() {
    return this.ids.length;
  }

  hit(i) {
    return { doc: this.index.doc(this.ids[i]), score: this.score[i], matched: this.matched[i], wanted: this.wanted };
  }

  * [Symbol.iterator]() {
    for (let i = 0; i < this.ids.length; i++) yield this.hit(i);
  }

  filter(keep) {
    const kept = [];
    for (let i = 0; i < this.ids.length; i++) if (keep(this.hit(i))) kept.push(i);
    const { ids, score, matched } = this;
    return new Hits(this.index, Int32Array.from(kept, (i) => ids[i]), Float64Array.from(kept, (i) => score[i]),
      Uint16Array.from(kept, (i) => matched[i]), this.wanted);
  }

  // rank() of the hits, over typed arrays: ids follow the stories' dates (oldest first), so newest
  // first is highest id first, and the order is a pass over the ids split by group.
  ranked(sort) {
    const { ids, score, matched, wanted } = this;
    const n = ids.length;
    const { group, position } = this.index.scratch; // by hit, by document id (all -1 between queries)
    const best = new Float64Array(wanted + 1); // the best score of the stories missing m words
    let top = 0; // highest id + 1
    let most = 0; // most words missing
    for (let i = 0; i < n; i++) {
      const m = group[i] = wanted - matched[i];
      if (score[i] > best[m]) best[m] = score[i];
      if (m > most) most = m;
      if (ids[i] >= top) top = ids[i] + 1;
      position[ids[i]] = i;
    }
    const sizes = new Int32Array(64 * (most + 1) + 1); // counting sort by group, ids descending
    for (let i = 0; i < n; i++) { // group: missing words, then (by relevance) the score's band
      const first = best[group[i]];
      const band = sort === "newest" || !first ? 0 : Math.min(Math.floor((first - score[i]) / (first * NEAR_TIE)), 63);
      group[i] = group[i] * 64 + band;
      sizes[group[i] + 1] += 1;
    }
    for (let g = 1; g < sizes.length; g++) sizes[g] += sizes[g - 1];
    const ranked = new Array(n);
    for (let id = top - 1; id >= 0; id--) {
      const i = position[id];
      if (i < 0) continue;
      position[id] = -1;
      ranked[sizes[group[i]]++] = new Result(this.index, id, score[i], matched[i], wanted);
    }
    return ranked;
  }
}

// A ranked story of one edition: its document (`doc`, what a result shows) is made when first
// read, so ranking tens of thousands of stories makes only those of the results drawn.
class Result {
  constructor(index, id, score, matched, wanted) {
    this.index = index;
    this.id = id;
    this.score = score;
    this.matched = matched;
    this.wanted = wanted;
    this.shown = undefined;
  }

  get doc() {
    return this.shown ?? this.index.doc(this.id);
  }

  set doc(doc) {
    this.shown = doc;
  }
}

// Stories with more of the query's words first (all of them, then most of them); within that,
// relevance, scores within NEAR_TIE of the best of their group being ordered newest first.
export function rank(results, sort) {
  if (results instanceof Hits) return results.ranked(sort);
  const n = results.length;
  const missing = new Int32Array(n);
  const best = [];
  for (let i = 0; i < n; i++) {
    const r = results[i];
    const m = missing[i] = r.wanted - r.matched;
    best[m] = Math.max(best[m] || 0, r.score);
  }
  const group = new Int32Array(n); // missing words, then (by relevance) the score's band
  for (let i = 0; i < n; i++) {
    const top = best[missing[i]];
    const band = sort === "newest" || !top ? 0 : Math.min(Math.floor((top - results[i].score) / (top * NEAR_TIE)), 63);
    group[i] = missing[i] * 64 + band;
  }
  const lang = results[0]?.doc.lang;
  if (!results.every((r) => r.doc.lang === lang)) {
    const newest = (a, b) => b.doc.day - a.doc.day || b.doc.id - a.doc.id;
    const order = Array.from(results.keys()).sort((a, b) => group[a] - group[b] || newest(results[a], results[b]));
    return order.map((i) => results[i]);
  }
  // One edition: ids follow the stories' dates (oldest first), so newest first is highest id
  // first, and the order is a pass over the ids split by group (a comparison sort of tens of
  // thousands of results was most of a large archive's query time).
  let ids = 0;
  for (const r of results) ids = Math.max(ids, r.doc.id + 1);
  const position = new Int32Array(ids).fill(-1);
  for (let i = 0; i < n; i++) position[results[i].doc.id] = i;
  const sizes = new Int32Array(64 * (best.length || 1) + 1); // counting sort by group, ids descending
  for (let i = 0; i < n; i++) sizes[group[i] + 1] += 1;
  for (let g = 1; g < sizes.length; g++) sizes[g] += sizes[g - 1];
  const ranked = new Array(n);
  for (let id = ids - 1; id >= 0; id--) {
    const i = position[id];
    if (i >= 0) ranked[sizes[group[i]]++] = results[i];
  }
  return ranked;
}

// `load(url)` fetches and parses one JSON file, `stemmer(name)` gives a Snowball stemmer function
// (both default to the browser's: fetch, and the vendored module). `fallback`: the language whose
// untranslated stories the page's edition lists (TRANSLATION_FALLBACK), found by a search in the
// page's language too.
export function createSearch({ indexes, vendor, pageLang, fallback = "", load = fetchJson, stemmer = null }) {
  const languages = new Map(
    Object.entries(indexes).map(([lang, url]) => [lang, new LanguageIndex(lang, url, { vendor, load, stemmer })]),
  );
  const lends = (lang) => lang === pageLang && fallback !== lang && languages.has(fallback);
  const each = (results) => results.map((result) => languages.get(result.doc.lang).describe([result.doc])[0]);
  const chosen = (lang) => (lang === "all" ? [...languages.values()]
    : [languages.get(lang), lends(lang) ? languages.get(fallback) : null].filter(Boolean));

  return {
    languages: [...languages.keys()],
    // Manifest, document data and analyzer of the indexes a search needs.
    open: (lang) => Promise.all(chosen(lang).map((index) => index.open())),
    // Everything a query on `text` needs before query() can rank it completely.
    prepare: async (text, lang) => {
      const indexes = chosen(lang);
      await Promise.all(indexes.map((index) => index.open()));
      await Promise.all(indexes.map((index) => index.prepare(compileQuery(text, index.analyzer))));
    },
    // Display data of these results (query() returns documents without it): `each` gives one
    // promise per result, in their order, resolved once that result can be drawn; `describe` one
    // for them all.
    each,
    describe: (results) => Promise.all(each(results)),
    // Years, and the categories of the indexes `lang` searches ({key, name, keys}): a category and
    // its counterparts in the other editions once (`keys`: all of theirs), as the page's edition
    // names it where it has it.
    facets: (lang) => {
      const years = new Set();
      const entries = [];
      for (const index of chosen(lang)) {
        index.manifest?.years.forEach((y) => years.add(y));
        for (const [key, name, counterparts] of index.manifest?.categories || []) {
          entries.push({ key, name, counterparts, own: index.lang === pageLang });
        }
      }
      entries.sort((a, b) => b.own - a.own); // the page's edition's names first
      const listed = new Set();
      const categories = [];
      for (const { key, name, counterparts } of entries) {
        if (listed.has(key)) continue;
        [key, ...counterparts].forEach((k) => listed.add(k));
        categories.push({ key, name, keys: [key, ...counterparts] });
      }
      categories.sort((a, b) => a.name.localeCompare(b.name, pageLang));
      return { years: [...years].sort().reverse(), categories };
    },
    analyzer: (lang) => languages.get(lang)?.analyzer,
    // {id: {score, matched}} for `text` in one language, and its clauses (tests compare with lunr.js).
    scores: (text, lang) => {
      const index = languages.get(lang);
      const compiled = compileQuery(text, index.analyzer);
      const clauses = index.clauses(compiled);
      return { clauses, scores: index.scores(compiled, clauses) };
    },

    // One result per story: translations share a story number and are shown in the page's
    // language (or the one chosen) when that version exists, with links to the other versions.
    // `category` is a category key (see facets): its counterparts in other editions match too.
    query(text, { lang = pageLang, year = "", category = "", sort = "relevance" } = {}) {
      const wantedDoc = (doc) => (!year || doc.date.startsWith(year)) && (!category || doc.sections.includes(category));
      const indexes = chosen(lang);
      if (indexes.length === 1 && indexes[0].analyzer) { // one edition: a story is one document
        const { compiled, hits } = indexes[0].query(text);
        return { results: rank(year || category ? hits.filter((hit) => wantedDoc(hit.doc)) : hits, sort),
          terms: { [indexes[0].lang]: compiled } };
      }
      const groups = new Map();
      const terms = {};
      for (const index of indexes) {
        if (!index.analyzer) continue;
        const { compiled, hits } = index.query(text);
        terms[index.lang] = compiled;
        const borrowing = lang !== "all" && index.lang !== lang; // the fallback's untranslated stories only
        for (const hit of hits) {
          if (borrowing && languages.get(lang).docOfStory(hit.doc.story)) continue;
          const group = groups.get(hit.doc.story);
          if (!group) {
            hit.found = [hit.doc];
            groups.set(hit.doc.story, hit);
            continue;
          }
          group.found.push(hit.doc);
          const better = hit.wanted - hit.matched < group.wanted - group.matched
            || (hit.wanted - hit.matched === group.wanted - group.matched && hit.score > group.score);
          if (better) Object.assign(group, { doc: hit.doc, score: hit.score, matched: hit.matched, wanted: hit.wanted });
        }
      }
      const shownLang = lang === "all" ? pageLang : lang;
      const results = [];
      for (const [story, group] of groups) {
        const own = group.doc.lang === shownLang ? group.doc
          : group.found.find((doc) => doc.lang === shownLang) ?? languages.get(shownLang)?.docOfStory(story);
        const doc = own || group.doc;
        if (!wantedDoc(doc)) continue;
        results.push({ doc, score: group.score, matched: group.matched, wanted: group.wanted });
      }
      return { results: rank(results, sort), terms };
    },
  };
}
