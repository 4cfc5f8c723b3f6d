// Engine time per query in Node (bench/search_index_build.py engine): reads a JSON job on stdin,
//   {engines: [path of engine.js, ...], lang, manifest: path of meta.json, queries, rounds}
// loads, for each engine, every partition the queries need (search.prepare, as the page does
// before ranking), runs each query once to warm up, then times it `rounds` times, the engines
// taking turns query by query. Per engine and query, in ms:
//   query: search.query(text, {lang, sort: "relevance"}) as the search page calls it;
//   page:  the same plus what the page reads of the results before drawing them (ui.js render:
//          results.length, results.some(matched < wanted), the first 10 results' documents).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as indonesian } from "@orama/stemmers/indonesian";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);
const load = async (path) => JSON.parse(readFileSync(path, "utf8"));
const stemmers = { portuguese, indonesian };
const texts = job.queries.map((text) => text.trim());

const engines = [];
for (const path of job.engines) {
  const { createSearch } = await import(`${pathToFileURL(path).href}?engine=${engines.length}`);
  const search = createSearch({ indexes: { [job.lang]: job.manifest }, pageLang: job.lang, load,
    stemmer: async (name) => stemmers[name] });
  await search.open(job.lang);
  for (const text of texts) await search.prepare(text, job.lang);
  engines.push(search);
}

const run = (search, text) => search.query(text, { lang: job.lang, sort: "relevance" }).results;
const read = (results) => {
  let sum = results.length + (results.some((r) => r.matched < r.wanted) ? 1 : 0);
  for (const r of results.slice(0, 10)) sum += r.score + r.doc.id + r.doc.day + r.doc.date.length;
  return sum;
};
for (const search of engines) for (const text of texts) read(run(search, text)); // warm-up
const samples = engines.map(() => texts.map((text) => ({ text, query: [], page: [], count: 0 })));
let sink = 0;
for (let round = 0; round < job.rounds; round++) {
  texts.forEach((text, i) => {
    engines.forEach((search, e) => {
      let t0 = performance.now();
      const results = run(search, text);
      samples[e][i].query.push(performance.now() - t0);
      samples[e][i].count = results.length;
      t0 = performance.now();
      sink += read(run(search, text));
      samples[e][i].page.push(performance.now() - t0);
    });
  });
}
if (Number.isNaN(sink)) process.stderr.write("unexpected NaN\n");
process.stdout.write(JSON.stringify(samples));
