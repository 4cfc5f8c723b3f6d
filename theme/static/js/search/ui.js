// Search page: results as you type, filters, URL state (?q=…) and accessible announcements.
// All story text is inserted with textContent; matched words are wrapped in <mark> elements.

import { createSearch } from "./engine.js";
import { tokenize } from "./analyzer.js";

const DEBOUNCE_MS = 40;
const PAGE_SIZE = 20;
const WORD = /([\p{L}\p{N}]+(?:[-.,'’][\p{L}\p{N}]+)*)/u;

const root = document.querySelector("[data-search]");
const form = root.querySelector("form");
const input = form.elements.q;
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const more = root.querySelector("[data-search-more]");
const messages = root.dataset;
const pageLang = root.dataset.lang;
const indexes = Object.fromEntries(root.dataset.indexes.split(" ").map((pair) => pair.split("=")));
const languageNames = Object.fromEntries([...form.elements.lang.options].map((o) => [o.value, o.text]));
const plural = new Intl.PluralRules(pageLang);
const search = createSearch({ indexes, vendor: root.dataset.vendor, pageLang });

let run = 0;
let timer = null;
let current = { results: [], terms: {}, shown: 0 };

function options() {
  return {
    lang: form.elements.lang.value,
    year: form.elements.year.value,
    category: form.elements.category.value,
    sort: form.elements.sort.value,
  };
}

function stateUrl() {
  const params = new URLSearchParams();
  if (input.value) params.set("q", input.value);
  for (const [name, value] of Object.entries(options())) {
    const isDefault = (name === "lang" && value === pageLang) || (name === "sort" && value === "relevance") || !value;
    if (!isDefault) params.set(name, value);
  }
  const query = params.toString();
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

// The language switcher keeps the reader's search when they change edition.
function carrySearchToSwitcher() {
  for (const link of document.querySelectorAll(".language-switcher a")) {
    const target = new URL(link.href);
    target.search = location.search;
    link.href = target.toString();
  }
}

function saveState(push) {
  const url = stateUrl();
  if (url === `${location.pathname}${location.search}`) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
  carrySearchToSwitcher();
}

function restoreState() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  form.elements.lang.value = params.get("lang") && params.get("lang") in languageNames ? params.get("lang") : pageLang;
  form.elements.sort.value = params.get("sort") === "newest" ? "newest" : "relevance";
  form.elements.year.dataset.wanted = params.get("year") || "";
  form.elements.category.dataset.wanted = params.get("category") || "";
}

// Adds the years or categories the loaded indexes have; a value asked for in the URL is applied
// once its option exists.
function fillSelect(select, values) {
  const known = new Set([...select.options].map((option) => option.value));
  for (const value of values) if (!known.has(value)) select.append(new Option(value, value));
  const { wanted } = select.dataset;
  if (wanted !== undefined && [...select.options].some((option) => option.value === wanted)) {
    select.value = wanted;
    delete select.dataset.wanted;
  }
}

// Text with the words whose index term the query matched wrapped in <mark>.
function highlighted(text, lang, compiled) {
  const analyzer = search.analyzer(lang);
  const fragment = document.createDocumentFragment();
  const wanted = new Set([...(compiled?.required || []), ...(compiled?.matchedTerms || [])]);
  const prefix = compiled?.prefixLast ? compiled.required.at(-1) : null;
  for (const piece of text.split(WORD)) {
    if (!piece) continue;
    const terms = analyzer && WORD.test(piece) ? tokenize(piece).map(analyzer.term) : [];
    const hit = terms.some((t) => t && (wanted.has(t) || (prefix && t.startsWith(prefix))));
    if (hit) {
      const mark = document.createElement("mark");
      mark.textContent = piece;
      fragment.append(mark);
    } else {
      fragment.append(document.createTextNode(piece));
    }
  }
  return fragment;
}

function renderResult({ doc }, terms) {
  const item = document.createElement("li");
  item.className = "search-result";
  item.lang = doc.lang;
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = root.dataset.site + doc.url;
  link.append(highlighted(doc.title, doc.lang, terms[doc.lang]));
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  const time = document.createElement("time");
  time.dateTime = doc.date;
  time.textContent = doc.shownDate;
  meta.append(time);
  if (doc.category) meta.append(document.createTextNode(` · ${doc.category}`));
  const snippet = document.createElement("p");
  snippet.className = "search-result__snippet";
  snippet.append(highlighted(doc.summary, doc.lang, terms[doc.lang]));
  item.append(heading, meta, snippet);
  const others = Object.entries(doc.translations || {}).filter(([lang]) => lang !== doc.lang);
  if (others.length) {
    const also = document.createElement("p");
    also.className = "search-result__versions";
    also.append(document.createTextNode(`${messages.msgAlso} `));
    others.forEach(([lang, url], i) => {
      const version = document.createElement("a");
      version.href = root.dataset.site + url;
      version.hreflang = lang;
      version.lang = lang;
      version.textContent = languageNames[lang] || lang;
      if (i) also.append(document.createTextNode(" · "));
      also.append(version);
    });
    item.append(also);
  }
  return item;
}

// Results are drawn a page at a time, each page once its display fragments are in: building
// thousands of items would make every keystroke slow.
async function showMore() {
  const shown = current;
  const button = more.querySelector("button");
  button.disabled = true; // a second click while this page loads would draw it twice
  try {
    const next = shown.results.slice(shown.shown, shown.shown + PAGE_SIZE);
    await search.describe(next);
    if (shown !== current) return;
    list.append(...next.map((result) => renderResult(result, shown.terms)));
    shown.shown += next.length;
    more.hidden = shown.shown >= shown.results.length;
  } finally {
    button.disabled = false;
  }
}

function render(text, { results, terms }) {
  current = { results, terms, shown: 0 };
  list.replaceChildren();
  const next = results.slice(0, PAGE_SIZE);
  list.append(...next.map((result) => renderResult(result, terms)));
  current.shown = next.length;
  more.hidden = current.shown >= results.length;
  const count = (plural.select(results.length) === "one" ? messages.msgOne : messages.msgOther)
    .replace("%(num)s", results.length.toLocaleString(pageLang));
  status.textContent = results.length ? count : messages.msgNone;
  if (results.some((result) => result.matched < result.wanted)) status.textContent += ` ${messages.msgSome}`;
  rendered(text, results.length, true);
}

// Tells listeners (tests, benchmarks) that the results for `text` are on screen.
function rendered(text, count, complete) {
  document.dispatchEvent(new CustomEvent("search:rendered", { detail: { text, count, complete } }));
}

async function update() {
  const thisRun = ++run;
  const text = input.value.trim();
  if (!text) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  const { lang } = options();
  try {
    const loading = setTimeout(() => { if (thisRun === run) status.textContent = messages.msgLoading; }, 200);
    await search.prepare(text, lang).finally(() => clearTimeout(loading));
    if (thisRun !== run) return;
    const facets = search.facets(lang);
    fillSelect(form.elements.year, facets.years);
    fillSelect(form.elements.category, facets.categories);
    const first = search.query(text, options());
    if (Object.values(first.terms).every((compiled) => !compiled.required.length)) {
      list.replaceChildren();
      more.hidden = true;
      status.textContent = messages.msgEmpty;
      rendered(text, 0, true);
      return;
    }
    await search.describe(first.results.slice(0, PAGE_SIZE));
    if (thisRun !== run) return;
    render(text, first);
  } catch (error) {
    if (thisRun !== run) return; // a newer search is on screen: this one's failure is not news
    status.textContent = messages.msgError;
    rendered(text, 0, true);
    throw error;
  }
}

input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    saveState(false);
    update();
  }, DEBOUNCE_MS);
});
form.addEventListener("change", (event) => {
  if (event.target === input) return;
  saveState(true);
  update();
});
more.querySelector("button").addEventListener("click", showMore);
// The manifest (and document data) load while the reader starts typing.
input.addEventListener("focus", () => search.open(form.elements.lang.value).catch(() => {}), { once: true });
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  saveState(true);
  update();
});
window.addEventListener("popstate", () => {
  restoreState();
  carrySearchToSwitcher();
  update();
});

restoreState();
carrySearchToSwitcher();
if (input.value) update();
