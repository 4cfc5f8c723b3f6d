// Search engine: loads each language's shards on demand (newest first) and queries them with
// lunr.js, using the same analyzer as the build. No DOM rendering here (see ui.js).

import { createAnalyzer, tokenize } from "./analyzer.js";

const PREFIX_MIN_LENGTH = 3; // a shorter last word is matched exactly, not as a prefix
const NEAR_TIE = 0.05; // scores within 5% of the best count as a tie, broken by date

const DOC_FIELDS = ["ref", "title", "url", "date", "shownDate", "summary", "category", "key", "translations"];

async function fetchJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

let lunrLoading = null;
function loadLunr(vendor) {
  lunrLoading ??= new Promise((resolve, reject) => {
    if (globalThis.lunr) return resolve(globalThis.lunr);
    const script = document.createElement("script");
    script.src = `${vendor}lunr.min.js`;
    script.addEventListener("load", () => resolve(globalThis.lunr));
    script.addEventListener("error", () => reject(new Error("lunr.js did not load")));
    document.head.append(script);
  });
  return lunrLoading;
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

class LanguageIndex {
  constructor(lang, metaUrl, vendor) {
    this.lang = lang;
    this.metaUrl = metaUrl;
    this.base = metaUrl.slice(0, metaUrl.lastIndexOf("/") + 1);
    this.vendor = vendor;
  }

  open() {
    this.opening ??= (async () => {
      const [meta, lunr] = await Promise.all([fetchJson(this.metaUrl), loadLunr(this.vendor)]);
      const { stemmer } = await import(`${this.vendor}stemmers/${meta.analyzer.stemmer}.js`);
      this.lunr = lunr;
      this.meta = meta;
      this.analyzer = createAnalyzer(meta.analyzer, stemmer);
      const label = `newsroom-${this.lang}`; // the name lunr.py serialized in the index's pipeline
      if (!lunr.Pipeline.registeredFunctions[label]) {
        const analyze = (token) => {
          const term = this.analyzer.term(token.toString());
          return term ? token.update(() => term) : undefined;
        };
        lunr.Pipeline.registerFunction(analyze, label);
      }
      this.shards = meta.shards.map((info) => ({ info, loading: null, index: null, docs: null }));
      this.byKey = new Map();
      await this.loadNext();
    })();
    return this.opening;
  }

  get complete() {
    return Boolean(this.shards) && this.shards.every((shard) => shard.index);
  }

  // Loads the newest shard not loaded yet; false when every shard is in.
  async loadNext() {
    const shard = this.shards.find((candidate) => !candidate.loading);
    if (!shard) {
      await Promise.all(this.shards.map((s) => s.loading));
      return false;
    }
    shard.loading = fetchJson(this.base + shard.info.file).then((data) => {
      shard.index = this.lunr.Index.load(data.index);
      shard.docs = data.docs.map((row) => {
        const doc = Object.fromEntries(DOC_FIELDS.map((field, i) => [field, row[i]]));
        doc.lang = this.lang;
        if (doc.key) this.byKey.set(doc.key, doc);
        return doc;
      });
    });
    await shard.loading;
    return true;
  }

  query(text) {
    const { lunr } = this;
    const compiled = compileQuery(text, this.analyzer);
    if (!compiled.required.length) return { compiled, hits: [] };
    const hits = [];
    for (const shard of this.shards) {
      if (!shard.index) continue;
      const matches = shard.index.query((q) => {
        compiled.required.forEach((term, i) => {
          const prefix = compiled.prefixLast && i === compiled.required.length - 1;
          q.term(term, {
            usePipeline: false,
            presence: lunr.Query.presence.REQUIRED,
            wildcard: prefix ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
          });
        });
        for (const term of compiled.excluded) {
          q.term(term, { usePipeline: false, presence: lunr.Query.presence.PROHIBITED });
        }
      });
      for (const match of matches) hits.push({ doc: shard.docs[Number(match.ref)], score: match.score });
    }
    return { compiled, hits };
  }
}

// Relevance first; scores within NEAR_TIE of each other are ordered newest first.
export function rank(results, sort) {
  if (sort === "newest") return results.sort((a, b) => b.doc.date.localeCompare(a.doc.date));
  const best = Math.max(0, ...results.map((r) => r.score));
  const band = (score) => (best ? Math.floor((best - score) / (best * NEAR_TIE)) : 0);
  return results.sort((a, b) => band(a.score) - band(b.score) || b.doc.date.localeCompare(a.doc.date));
}

export function createSearch({ indexes, vendor, pageLang }) {
  const languages = new Map(
    Object.entries(indexes).map(([lang, url]) => [lang, new LanguageIndex(lang, url, vendor)]),
  );
  const chosen = (lang) => (lang === "all" ? [...languages.values()] : [languages.get(lang)].filter(Boolean));

  return {
    languages: [...languages.keys()],
    // Opens the indexes a search needs (meta, analyzer and newest shard of each).
    open: (lang) => Promise.all(chosen(lang).map((index) => index.open())),
    // Loads one more shard of each index still incomplete; false once all are loaded.
    loadMore: async (lang) => (await Promise.all(chosen(lang).map((i) => i.loadNext()))).some(Boolean),
    isComplete: (lang) => chosen(lang).every((index) => index.complete),
    facets: (lang) => {
      const years = new Set();
      const categories = new Set();
      for (const index of chosen(lang)) {
        index.meta?.years.forEach((y) => years.add(y));
        index.meta?.categories.forEach((c) => categories.add(c));
      }
      return { years: [...years].sort().reverse(), categories: [...categories].sort() };
    },
    analyzer: (lang) => languages.get(lang)?.analyzer,

    // One result per story: translations are grouped by key and shown in the page's language
    // (or the one chosen) when that version is loaded, with links to the other versions.
    query(text, { lang = pageLang, year = "", category = "", sort = "relevance" } = {}) {
      const groups = new Map();
      const terms = {};
      for (const index of chosen(lang)) {
        if (!index.analyzer) continue;
        const { compiled, hits } = index.query(text);
        terms[index.lang] = compiled;
        for (const hit of hits) {
          const id = hit.doc.key ? `key:${hit.doc.key}` : `${hit.doc.lang}:${hit.doc.url}`;
          const group = groups.get(id);
          if (!group || hit.score > group.score) groups.set(id, { ...hit, found: group?.found ?? [] });
          groups.get(id).found.push(hit.doc);
        }
      }
      const shownLang = lang === "all" ? pageLang : lang;
      const results = [];
      for (const group of groups.values()) {
        const own = group.found.find((doc) => doc.lang === shownLang)
          ?? (group.doc.key && languages.get(shownLang)?.byKey?.get(group.doc.key));
        const doc = own || group.doc;
        if (year && !doc.date.startsWith(year)) continue;
        if (category && doc.category !== category) continue;
        results.push({ doc, score: group.score, versions: doc.translations || {} });
      }
      return { results: rank(results, sort), terms };
    },
  };
}
