// Node side of test_snippet.py. Reads {config, index, cases: [{op, text, query, limit}]} on stdin
// and prints each case's answer from snippet.js. A last query word with no space after it is being
// typed.
// - "sentences": the sentences of `text`.
// - "snippet" / "mark": bodySnippet / markWords of `text`, the query compiled by engine.js's
//   compileQuery with the real analyzer of `config`; no index, so no matchedTerms: only the
//   query's own terms (and the letters being typed) match.
// - "search": `query` run by the real engine (createSearch over the index whose meta.json is at
//   `index`, as ui.js runs it): {matchedTerms, results: [[title, bodySnippet of its text], ...]},
//   results in rank order, each marked by the matcher of the engine's compiled query.
import { readFileSync } from "node:fs";
import { createAnalyzer } from "../../theme/static/js/search/analyzer.js";
import { compileQuery, createSearch } from "../../theme/static/js/search/engine.js";
import { bodySnippet, markWords, matcher, sentences } from "../../theme/static/js/search/snippet.js";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as indonesian } from "@orama/stemmers/indonesian";

const stemmers = { portuguese, indonesian };
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { config, index, cases } = JSON.parse(input);
const analyzer = createAnalyzer(config, stemmers[config.stemmer]);
const search = index && createSearch({
  indexes: { [config.lang]: index }, pageLang: config.lang,
  load: async (path) => JSON.parse(readFileSync(path, "utf8")), stemmer: async (name) => stemmers[name],
});

const out = [];
for (const { op, text, query = "", limit } of cases) {
  if (op === "sentences") {
    out.push(sentences(text).map(([start, end]) => text.slice(start, end)));
  } else if (op === "search") {
    await search.prepare(query, config.lang);
    const { results, terms } = search.query(query, { lang: config.lang });
    await search.describe(results);
    const compiled = terms[config.lang];
    out.push({
      matchedTerms: compiled.matchedTerms || [],
      results: results.map(({ doc }) => [doc.title, bodySnippet(doc.body, matcher(search.analyzer(doc.lang), compiled))]),
    });
  } else {
    const hits = matcher(analyzer, compileQuery(query, analyzer));
    out.push(op === "mark" ? markWords(text, hits) : bodySnippet(text, hits, limit ? { limit } : {}));
  }
}
process.stdout.write(JSON.stringify(out));
