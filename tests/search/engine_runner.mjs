// Node side of the scoring-parity and partition-lookup tests. Reads a JSON job on stdin:
//   {kind: "lookup", partitions, terms}            -> engine.js's findPartition / prefixPartitions
//   {kind: "stale", lang, manifest, queries}       -> with a cached manifest of the previous format: the
//          manifest loads asked for ([path, past the cache]) and how many stories queries[0] finds
//   {kind: "overlap", lang, manifest, queries}     -> per query, the files prepare() asks for before
//          any terms/ file has arrived, and all it asks for (a new engine for each query)
//   {kind: "found", lang, manifest, queries, fresh, withScores}
//       -> per query, the ids of the stories it finds ([id, score, matched] withScores), by one engine
//          that keeps what it loaded, or by a new engine for each query (fresh)
//   {kind: "scores", lang, manifest, monolithic, queries}
//       -> per query, lunr.js's scores over the monolithic index (every word REQUIRED, every word
//          OPTIONAL, and every term our clauses matched OPTIONAL), engine.js's over the partitions
//          (only those each query needs are read), each clause, the terms lunr's wildcard gives
//          the word being typed, and the files read.
import { readFileSync } from "node:fs";
import lunr from "lunr";
import { stemmer as portuguese } from "@orama/stemmers/portuguese";
import { stemmer as indonesian } from "@orama/stemmers/indonesian";
import { compileQuery, createSearch, findPartition, prefixPartitions } from "../../theme/static/js/search/engine.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const job = JSON.parse(input);

const read = [];
const load = async (path) => {
  read.push(path);
  return JSON.parse(readFileSync(path, "utf8"));
};
const stemmers = { portuguese, indonesian };
const engine = () => createSearch({ indexes: { [job.lang]: job.manifest }, pageLang: job.lang, load,
  stemmer: async (name) => stemmers[name] });
let search = job.manifest && engine();

if (job.kind === "stale") {
  // the browser's cached manifest is from before a deploy that changed the format: the engine asks
  // for it again past the cache, then searches the new index
  const asked = [];
  const cached = async (path, options = {}) => {
    asked.push([path, Boolean(options.fresh)]);
    const data = JSON.parse(readFileSync(path, "utf8"));
    return path === job.manifest && !options.fresh ? { ...data, format: data.format - 1 } : data;
  };
  const stale = createSearch({ indexes: { [job.lang]: job.manifest }, pageLang: job.lang, load: cached,
    stemmer: async (name) => stemmers[name] });
  await stale.open(job.lang);
  await stale.prepare(job.queries[0], job.lang);
  const found = stale.scores(job.queries[0], job.lang).scores.size;
  process.stdout.write(JSON.stringify({ asked: asked.filter(([path]) => path === job.manifest), found }));
} else if (job.kind === "overlap") {
  // terms/ files arrive only when released: per query, the files prepare() asks for while none of
  // them has arrived (`before`), and all it asks for
  const held = [];
  const asked = [];
  const gated = async (path) => {
    asked.push(path);
    if (path.includes("/terms/")) await new Promise((resolve) => held.push(resolve));
    return JSON.parse(readFileSync(path, "utf8"));
  };
  const out = [];
  for (const text of job.queries) {
    const fresh = createSearch({ indexes: { [job.lang]: job.manifest }, pageLang: job.lang, load: gated,
      stemmer: async (name) => stemmers[name] });
    await fresh.open(job.lang);
    asked.length = 0;
    let done = false;
    const prepared = fresh.prepare(text, job.lang).then(() => { done = true; });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the words/ ranges are in by now
    const before = [...asked];
    while (!done) {
      held.splice(0).forEach((release) => release());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await prepared;
    out.push({ text, before, all: [...asked] });
  }
  process.stdout.write(JSON.stringify(out));
} else if (job.kind === "lookup") {
  const result = job.terms.map((term) => [findPartition(job.partitions, term), prefixPartitions(job.partitions, term)]);
  process.stdout.write(JSON.stringify(result));
} else if (job.kind === "found") {
  const out = [];
  for (const text of job.queries) {
    if (job.fresh) search = engine();
    await search.prepare(text, job.lang);
    const { scores } = search.scores(text, job.lang);
    out.push(job.withScores ? [...scores].map(([id, { score, matched }]) => [id, score, matched]).sort((a, b) => a[0] - b[0])
      : [...scores.keys()].sort((a, b) => a - b));
  }
  process.stdout.write(JSON.stringify(out));
} else {
  await search.open(job.lang);
  const analyzer = search.analyzer(job.lang);
  lunr.Pipeline.registerFunction((token) => token, `newsroom-${job.lang}`);
  const index = lunr.Index.load(JSON.parse(readFileSync(job.monolithic, "utf8")));
  const out = [];
  for (const text of job.queries) {
    const compiled = compileQuery(text, analyzer);
    const lunrScores = (presence) => (compiled.required.length ? index.query((q) => {
      compiled.required.forEach((term, i) => q.term(term, {
        usePipeline: false, presence,
        wildcard: compiled.prefixLast && i === compiled.required.length - 1 ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      }));
      compiled.excluded.forEach((term) => q.term(term, { usePipeline: false, presence: lunr.Query.presence.PROHIBITED }));
    }).map((match) => [Number(match.ref), match.score]) : []);
    const before = read.length;
    await search.prepare(text, job.lang);
    const { clauses, scores } = search.scores(text, job.lang);
    out.push({
      text,
      required: lunrScores(lunr.Query.presence.REQUIRED),
      optional: lunrScores(lunr.Query.presence.OPTIONAL),
      ours: [...scores].map(([id, { score, matched }]) => [id, score, matched]),
      expandedOptional: clauses.every((clause) => !clause.expanded.length) ? [] : index.query((q) => {
        clauses.forEach((clause) => clause.expanded.forEach((term) => q.term(term, {
          usePipeline: false, presence: lunr.Query.presence.OPTIONAL, wildcard: lunr.Query.wildcard.NONE })));
        compiled.excluded.forEach((term) => q.term(term, { usePipeline: false, presence: lunr.Query.presence.PROHIBITED }));
      }).map((match) => [Number(match.ref), match.score]),
      words: clauses.filter((clause) => !clause.optional).length,
      clauses,
      prefixLast: compiled.prefixLast,
      wildcard: compiled.prefixLast
        ? Object.keys(index.invertedIndex).filter((term) => term.startsWith(compiled.required.at(-1))) : [],
      backedOff: clauses.filter((clause) => clause.backedOff).map((clause) => [clause.term, clause.expanded]),
      files: read.slice(before),
    });
  }
  process.stdout.write(JSON.stringify(out));
}
