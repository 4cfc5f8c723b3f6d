// Node side of test_snippet.py. Reads {config, cases: [{op, text, query, limit}]} on stdin, op
// being "sentences", "snippet" or "mark", and prints each case's answer from snippet.js, the
// query compiled by engine.js with the real analyzer (a last word with no space after it is being
// typed); the terms it matched are its own (no index here to complete the word being typed).
import { createAnalyzer } from "../../theme/static/js/search/analyzer.js";
import { compileQuery } from "../../theme/static/js/search/engine.js";
import { bodySnippet, markWords, matcher, sentences } from "../../theme/static/js/search/snippet.js";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as indonesian } from "@orama/stemmers/indonesian";

const stemmers = { portuguese, indonesian };
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { config, cases } = JSON.parse(input);
const analyzer = createAnalyzer(config, stemmers[config.stemmer]);
const out = cases.map(({ op, text, query = "", limit }) => {
  if (op === "sentences") return sentences(text).map(([start, end]) => text.slice(start, end));
  const compiled = compileQuery(query, analyzer);
  const hits = matcher(analyzer, { ...compiled, matchedTerms: compiled.required });
  return op === "mark" ? markWords(text, hits) : bodySnippet(text, hits, limit ? { limit } : {});
});
process.stdout.write(JSON.stringify(out));
