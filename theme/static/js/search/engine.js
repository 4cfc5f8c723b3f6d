// Search engine: loads, per language, the manifest and document data once, then only the term
// partitions a query needs and the display fragments of the results shown. Scores are lunr.js's
// (lunr.Index.prototype.query, 2.3.9), reproduced exactly from the weights lunr.py wrote: the file
// layout is documented in plugins/search/partitions.py. No DOM here (see ui.js); Node runs it in
// tests/search/test_scoring_parity.py with its own `load` function.

import { createAnalyzer, tokenize } from "./analyzer.js";

const PREFIX_MIN_LENGTH = 3; // a shorter last word is matched exactly, not as a prefix
const NEAR_TIE = 0.05; // scores within 5% of the best count as a tie, broken by date
const DAY_MS = 86400000;

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

// The reader's words as lunr clauses for one language: every word required, "-word" excluded,
// and the last word, while it is still being typed, matched as a prefix.
export function compileQuery(text, analyzer) {
  const required = [];
  const excluded = [];
  let endsWithWord = false;
  const chunks = text.split(/\s+/).filter(Boolean);
  chunks.forEach((chunk, position) => {
    const negative = chunk.startsWith("-") && chunk.length > 1;
    const terms = tokenize(negative ? chunk.slice(1) : chunk).map(analyzer.term).filter(Boolean);
    (negative ? excluded : required).push(...terms);
    if (position === chunks.length - 1) endsWithWord = !negative && terms.length > 0;
  });
  const typing = endsWithWord && !/\s$/.test(text);
  return { required, excluded, prefixLast: typing && required.at(-1).length >= PREFIX_MIN_LENGTH };
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

class LanguageIndex {
  constructor(lang, manifestUrl, { vendor, load, stemmer }) {
    this.lang = lang;
    this.manifestUrl = manifestUrl;
    this.base = manifestUrl.slice(0, manifestUrl.lastIndexOf("/") + 1);
    this.vendor = vendor;
    this.load = load;
    this.stemmer = stemmer;
    this.partitions = new Map(); // position -> Promise of its loading
    this.postings = new Map(); // term -> {index, fields: [[docs], [weights]] per field}
    this.sortedTerms = []; // every loaded term, sorted (for prefix expansion)
    this.docs = new Map(); // id -> doc object handed to the UI
    this.fragments = new Map(); // display fragment number -> Promise
  }

  // The manifest, the document data and the stemmer: everything but postings and display text.
  open() {
    this.opening ??= (async () => {
      const manifest = await this.load(this.manifestUrl);
      const [data, stemWord] = await Promise.all([
        this.load(this.base + manifest.docs),
        this.stemmer ? this.stemmer(manifest.analyzer.stemmer)
          : import(`${this.vendor}stemmers/${manifest.analyzer.stemmer}.js`).then((module) => module.stemmer),
      ]);
      this.manifest = manifest;
      this.analyzer = createAnalyzer(manifest.analyzer, stemWord);
      this.days = undelta(data.days);
      this.categories = data.categories;
      this.stories = undelta(data.stories);
      this.byStory = new Map(this.stories.map((story, id) => [story, id]));
    })();
    return this.opening;
  }

  // Loads the partitions `compiled` needs: each exact term's, and the prefix range of the last word.
  prepare(compiled) {
    const { partitions } = this.manifest;
    const wanted = new Set();
    const all = [...compiled.required, ...compiled.excluded];
    all.forEach((term, i) => {
      if (compiled.prefixLast && i === compiled.required.length - 1) {
        prefixPartitions(partitions, term).forEach((p) => wanted.add(p));
      } else {
        const p = findPartition(partitions, term);
        if (p >= 0) wanted.add(p);
      }
    });
    return Promise.all([...wanted].map((p) => this.loadPartition(p)));
  }

  loadPartition(position) {
    if (!this.partitions.has(position)) {
      const [, , hash] = this.manifest.partitions[position];
      this.partitions.set(position, this.load(`${this.base}terms/${hash}.json`).then((entries) => {
        const scale = this.manifest.weightScale;
        for (const [term, index, ...columns] of entries) {
          const fields = [];
          for (let f = 0; f < columns.length; f += 2) {
            fields.push([undelta(columns[f]), columns[f + 1].map((w) => w / scale)]);
          }
          this.postings.set(term, { index, fields });
        }
        this.sortedTerms = [...this.postings.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      }));
    }
    return this.partitions.get(position);
  }

  // Loaded terms starting with `prefix` (lunr's TokenSet expansion of "prefix*").
  expand(prefix) {
    const terms = this.sortedTerms;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const found = [];
    for (let i = low; i < terms.length && terms[i].startsWith(prefix); i++) found.push(terms[i]);
    return found;
  }

  doc(id) {
    let doc = this.docs.get(id);
    if (!doc) {
      const day = this.days[id];
      const category = this.categories[id];
      doc = {
        lang: this.lang,
        id,
        day,
        date: new Date(day * DAY_MS).toISOString().slice(0, 10),
        category: category >= 0 ? this.manifest.categories[category] : "",
        story: this.stories[id],
      };
      this.docs.set(id, doc);
    }
    return doc;
  }

  docOfStory(story) {
    const id = this.byStory?.get(story);
    return id === undefined ? undefined : this.doc(id);
  }

  // lunr.Index.prototype.query for required, prohibited and trailing-wildcard clauses, over the
  // loaded postings: {ref: score} of the matches, the same numbers lunr.js computes.
  scores(compiled) {
    const queryVector = new Map(); // term -> summed clause boost (lunr: queryVectors[field].upsert)
    let required = null;
    for (let i = 0; i < compiled.required.length; i++) {
      const term = compiled.required[i];
      const expanded = compiled.prefixLast && i === compiled.required.length - 1
        ? this.expand(term) : (this.postings.has(term) ? [term] : []);
      if (!expanded.length) return new Map();
      const clauseMatches = new Set();
      for (const t of expanded) {
        for (const [docs] of this.postings.get(t).fields) docs.forEach((d) => clauseMatches.add(d));
        queryVector.set(t, (queryVector.get(t) || 0) + 1);
      }
      required = required ? new Set([...required].filter((d) => clauseMatches.has(d))) : clauseMatches;
    }
    const prohibited = new Set();
    for (const term of compiled.excluded) {
      for (const [docs] of this.postings.get(term)?.fields || []) docs.forEach((d) => prohibited.add(d));
    }
    // lunr.Vector keeps elements by term index: sum in that order for the same floating-point result.
    const terms = [...queryVector.keys()].sort((a, b) => this.postings.get(a).index - this.postings.get(b).index);
    let squares = 0;
    for (const term of terms) squares += queryVector.get(term) ** 2;
    const magnitude = Math.sqrt(squares);
    const fieldCount = this.manifest.fields.length;
    const dots = Array.from({ length: fieldCount }, () => new Map());
    for (const term of terms) {
      const boost = queryVector.get(term);
      this.postings.get(term).fields.forEach(([docs, weights], f) => {
        const dot = dots[f];
        for (let k = 0; k < docs.length; k++) {
          const d = docs[k];
          if (!required.has(d) || prohibited.has(d)) continue;
          dot.set(d, (dot.get(d) || 0) + boost * weights[k]);
        }
      });
    }
    const scores = new Map();
    for (const dot of dots) {
      for (const [d, value] of dot) {
        const similarity = value / magnitude || 0;
        scores.set(d, scores.has(d) ? scores.get(d) + similarity : similarity);
      }
    }
    return scores;
  }

  query(text) {
    const compiled = compileQuery(text, this.analyzer);
    if (!compiled.required.length) return { compiled, hits: [] };
    const hits = [];
    for (const [id, score] of this.scores(compiled)) hits.push({ doc: this.doc(id), score });
    return { compiled, hits };
  }

  // Fetches the display fragments of `docs` (title, URL, date, summary, other versions).
  describe(docs) {
    if (!docs.length) return Promise.resolve([]);
    const { size, block, hashes } = this.manifest.display;
    const wanted = new Set(docs.filter((doc) => doc.title === undefined).map((doc) => Math.floor(doc.id / size)));
    return Promise.all([...wanted].map((k) => {
      if (!this.fragments.has(k)) {
        const url = `${this.base}display/${k}.${hashes[Math.floor(k / block)]}.json`;
        this.fragments.set(k, this.load(url).then((rows) => {
          rows.forEach(([title, url, shownDate, summary, translations], i) => {
            Object.assign(this.doc(k * size + i), { title, url, shownDate, summary, translations });
          });
        }));
      }
      return this.fragments.get(k);
    }));
  }
}

// Relevance first; scores within NEAR_TIE of each other are ordered newest first.
export function rank(results, sort) {
  const newest = (a, b) => b.doc.day - a.doc.day || b.doc.id - a.doc.id;
  if (sort === "newest") return results.sort(newest);
  const best = Math.max(0, ...results.map((r) => r.score));
  const band = (score) => (best ? Math.floor((best - score) / (best * NEAR_TIE)) : 0);
  return results.sort((a, b) => band(a.score) - band(b.score) || newest(a, b));
}

// `load(url)` fetches and parses one JSON file, `stemmer(name)` gives a Snowball stemmer function
// (both default to the browser's: fetch, and the vendored module).
export function createSearch({ indexes, vendor, pageLang, load = fetchJson, stemmer = null }) {
  const languages = new Map(
    Object.entries(indexes).map(([lang, url]) => [lang, new LanguageIndex(lang, url, { vendor, load, stemmer })]),
  );
  const chosen = (lang) => (lang === "all" ? [...languages.values()] : [languages.get(lang)].filter(Boolean));

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
    // Display data of these results (query() returns documents without it).
    describe: (results) => Promise.all([...languages.values()].map((index) => index.describe(
      results.map((result) => result.doc).filter((doc) => doc.lang === index.lang)))),
    facets: (lang) => {
      const years = new Set();
      const categories = new Set();
      for (const index of chosen(lang)) {
        index.manifest?.years.forEach((y) => years.add(y));
        index.manifest?.categories.forEach((c) => categories.add(c));
      }
      return { years: [...years].sort().reverse(), categories: [...categories].sort() };
    },
    analyzer: (lang) => languages.get(lang)?.analyzer,
    scores: (text, lang) => {
      const index = languages.get(lang);
      return index.scores(compileQuery(text, index.analyzer));
    },

    // One result per story: translations share a story number and are shown in the page's
    // language (or the one chosen) when that version exists, with links to the other versions.
    query(text, { lang = pageLang, year = "", category = "", sort = "relevance" } = {}) {
      const groups = new Map();
      const terms = {};
      for (const index of chosen(lang)) {
        if (!index.analyzer) continue;
        const { compiled, hits } = index.query(text);
        terms[index.lang] = compiled;
        for (const hit of hits) {
          const group = groups.get(hit.doc.story);
          if (!group || hit.score > group.score) groups.set(hit.doc.story, { ...hit, found: group?.found ?? [] });
          groups.get(hit.doc.story).found.push(hit.doc);
        }
      }
      const shownLang = lang === "all" ? pageLang : lang;
      const results = [];
      for (const [story, group] of groups) {
        const own = group.found.find((doc) => doc.lang === shownLang) ?? languages.get(shownLang)?.docOfStory(story);
        const doc = own || group.doc;
        if (year && !doc.date.startsWith(year)) continue;
        if (category && doc.category !== category) continue;
        results.push({ doc, score: group.score });
      }
      return { results: rank(results, sort), terms };
    },
  };
}
