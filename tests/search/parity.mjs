// Node side of the parity test: reads {config, words} per language on stdin and prints the
// browser analyzer's term for every word, as JSON.
import { createAnalyzer } from "../../theme/static/js/search/analyzer.js";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as indonesian } from "@orama/stemmers/indonesian";

const stemmers = { portuguese, indonesian };
let input = "";
for await (const chunk of process.stdin) input += chunk;
const result = {};
for (const [lang, { config, words }] of Object.entries(JSON.parse(input))) {
  const analyzer = createAnalyzer(config, stemmers[config.stemmer]);
  result[lang] = words.map((word) => analyzer.terms(word));
}
process.stdout.write(JSON.stringify(result));
