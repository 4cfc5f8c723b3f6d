// Search page: results as you type, filters, URL state (?q=…) and accessible announcements.
// All story text is inserted as text nodes; matched words are wrapped in <mark> elements.
// Hooks for tests and benchmarks: the result list is aria-busy="true" from a keystroke until its
// results are drawn, the status carries data-count (the number of results), each result's story
// link data-result (its URL), and a "search:rendered" event is dispatched once they are on screen.

import { createSearch } from "./engine.js";
import { bodySnippet, markWords, matcher } from "./snippet.js";

const URL_DELAY_MS = 250; // the address bar follows the typing, not each key (browsers throttle replaceState)
const PAGE_SIZE = 10; // results drawn at once: each needs its display fragment fetched
const WIDE = "(min-width: 40em)"; // the filters start open from this width, behind their control below it

const root = document.querySelector("[data-search]");
const form = root.querySelector("form");
const input = form.elements.q;
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const more = root.querySelector("[data-search-more]");
const filters = root.querySelector("[data-search-filters]");
const activeFilters = root.querySelector("[data-search-active]");
const messages = root.dataset;
const pageLang = root.dataset.lang;
const indexes = Object.fromEntries(root.dataset.indexes.split(" ").map((pair) => pair.split("=")));
const languageNames = Object.fromEntries([...form.elements.lang.options].map((o) => [o.value, o.text]));
const plural = new Intl.PluralRules(pageLang);
const search = createSearch({ indexes, vendor: root.dataset.vendor, pageLang, fallback: root.dataset.fallback });

let run = 0;
let timer = null;
let current = { results: [], terms: {}, shown: 0 };
let listed = null; // the language choice whose years and categories the filters list

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
  for (const select of [form.elements.year, form.elements.category]) {
    const { wanted } = select.dataset; // applied now if listed, else once the indexes list it
    select.value = [...select.options].some((option) => option.value === wanted) ? wanted : "";
  }
  showActiveFilters();
}

// The years or categories of the indexes searched ([value, label, other values it stands for]
// each) after the select's first option ("all"); the chosen value stays listed. A value asked for
// in the URL is applied once its option exists.
function setOptions(select, entries) {
  let chosen = select.selectedIndex > 0 ? [[select.value, select.selectedOptions[0].text]] : [];
  // a category chosen in one edition is its counterpart's entry in another ([value, label, aliases])
  const alias = chosen.length && entries.find(([, , aliases = []]) => aliases.includes(chosen[0][0]));
  if (alias) chosen = [alias];
  const values = new Set(entries.map(([value]) => value));
  const listed = [...entries, ...chosen.filter(([value]) => !values.has(value))];
  select.replaceChildren(select.options[0], ...listed.map(([value, label]) => new Option(label, value)));
  select.value = chosen.length ? chosen[0][0] : "";
  const { wanted } = select.dataset;
  const asked = wanted && listed.find(([value, , aliases = []]) => value === wanted || aliases.includes(wanted));
  if (asked || wanted === "") {
    select.value = asked ? asked[0] : "";
    delete select.dataset.wanted;
  }
  showActiveFilters();
}

// The number of filters that differ from their default, on the control that shows them.
function showActiveFilters() {
  const active = Object.entries(options()).filter(([name, value]) => value
    && !(name === "lang" && value === pageLang) && !(name === "sort" && value === "relevance")).length;
  activeFilters.textContent = active ? `(${active.toLocaleString(pageLang)})` : "";
}

// Parts from snippet.js ([{text, mark}]) as text nodes and <mark> elements.
function nodes(parts) {
  return parts.map(({ text, mark }) => {
    if (!mark) return document.createTextNode(text);
    const element = document.createElement("mark");
    element.textContent = text;
    return element;
  });
}

// `hits`: the matcher of each language's words ({lang: matcher}), made for a page of results once.
function renderResult({ doc }, terms, hits = {}) {
  hits = hits[doc.lang] ??= matcher(search.analyzer(doc.lang), terms[doc.lang]);
  const item = document.createElement("li");
  item.className = "search-result";
  item.lang = doc.lang;
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = root.dataset.site + doc.url;
  link.dataset.result = link.getAttribute("href");
  link.append(...nodes(markWords(doc.title, hits)));
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  if (doc.lang !== pageLang) { // a story shown in another language says which
    const label = document.createElement("span");
    label.className = "search-result__lang";
    label.textContent = languageNames[doc.lang] || doc.lang;
    meta.append(label, document.createTextNode(" · "));
  }
  const time = document.createElement("time");
  time.dateTime = doc.date;
  time.textContent = doc.shownDate;
  meta.append(time);
  if (doc.category) meta.append(document.createTextNode(` · ${doc.category}`));
  // The sentence(s) of the body around the words found; the lede when the body has none of them.
  const fromBody = bodySnippet(doc.body, hits);
  const snippet = document.createElement("p");
  snippet.className = "search-result__snippet";
  snippet.append(...nodes(fromBody || markWords(doc.summary || "", hits)));
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

// The list items of `results`, each built as soon as its display fragment is in (the fragments
// are requested in the results' order, all at once), while `live()` says they are still wanted.
async function build(results, terms, live) {
  const items = new Array(results.length);
  const hits = {};
  await Promise.all(search.each(results).map((loaded, i) => loaded.then(() => {
    if (live()) items[i] = renderResult(results[i], terms, hits);
  })));
  return items;
}

// Results are drawn a page at a time, each page once its display fragments are in: building
// thousands of items would make every keystroke slow.
async function showMore() {
  const shown = current;
  const button = more.querySelector("button");
  button.disabled = true; // a second click while this page loads would draw it twice
  list.setAttribute("aria-busy", "true");
  try {
    const next = shown.results.slice(shown.shown, shown.shown + PAGE_SIZE);
    const items = await build(next, shown.terms, () => shown === current);
    if (shown !== current) return;
    list.append(...items);
    shown.shown += next.length;
    more.hidden = shown.shown >= shown.results.length;
  } finally {
    button.disabled = false;
    if (shown === current) list.setAttribute("aria-busy", "false");
  }
}

// `items`: those of the first page of `results` (build).
function render(text, { results, terms }, items) {
  current = { results, terms, shown: 0 };
  list.replaceChildren(...items);
  current.shown = items.length;
  more.hidden = current.shown >= results.length;
  const count = (plural.select(results.length) === "one" ? messages.msgOne : messages.msgOther)
    .replace("%(num)s", results.length.toLocaleString(pageLang));
  status.textContent = results.length ? count : messages.msgNone;
  // ranked with the most words first: the last result has the fewest
  const last = results[results.length - 1];
  if (last && last.matched < last.wanted) status.textContent += ` ${messages.msgSome}`;
  rendered(text, results.length, true);
  keepFirstResultInView();
}

// On a phone the keyboard covers half the screen while the reader types: the page moves up (never
// further than the query box's top) until the first result is above the keyboard.
function keepFirstResultInView() {
  const first = list.firstElementChild;
  if (!first || document.activeElement !== input || matchMedia(WIDE).matches) return;
  const visible = window.visualViewport?.height ?? window.innerHeight;
  const below = first.getBoundingClientRect().bottom - visible;
  const room = input.parentElement.getBoundingClientRect().top;
  if (below > 0 && room > 0) window.scrollBy({ top: Math.min(below + 8, room), behavior: "instant" });
}

// Tells listeners (tests, benchmarks) that the results for `text` are on screen; `count` is null
// when the search failed.
function rendered(text, count, complete) {
  if (count === null) delete status.dataset.count;
  else status.dataset.count = String(count);
  list.setAttribute("aria-busy", "false");
  document.dispatchEvent(new CustomEvent("search:rendered", { detail: { text, count: count ?? 0, complete } }));
}

// Empties the results (no words typed, or none the analyzer keeps) with a message.
function clear(text, message) {
  current = { results: [], terms: {}, shown: 0 };
  list.replaceChildren();
  more.hidden = true;
  status.textContent = message;
  rendered(text, 0, true);
}

async function update() {
  const thisRun = ++run;
  const typed = input.value.trimStart(); // a space after the last word says it is finished
  const text = typed.trim();
  if (!text) {
    clear(text, "");
    return;
  }
  list.setAttribute("aria-busy", "true");
  const { lang } = options();
  try {
    const loading = setTimeout(() => { if (thisRun === run) status.textContent = messages.msgLoading; }, 200);
    await search.prepare(typed, lang).finally(() => clearTimeout(loading));
    if (thisRun !== run) return;
    const { year, category } = form.elements;
    // the same indexes list the same years and categories: the options are made again only for
    // other indexes, or when the address asks for a value not applied yet
    if (listed !== lang || "wanted" in year.dataset || "wanted" in category.dataset) {
      const facets = search.facets(lang);
      setOptions(year, facets.years.map((y) => [y, y]));
      // one entry per section: a category and its counterparts in the other editions
      setOptions(category, facets.categories.map(({ key, name, keys }) => [key, name, keys]));
      listed = lang;
    }
    const first = search.query(typed, options());
    if (Object.values(first.terms).every((compiled) => !compiled.required.length)) {
      clear(text, messages.msgEmpty);
      return;
    }
    const items = await build(first.results.slice(0, PAGE_SIZE), first.terms, () => thisRun === run);
    if (thisRun !== run) return;
    render(text, first, items);
  } catch (error) {
    if (thisRun !== run) return; // a newer search is on screen: this one's failure is not news
    status.textContent = messages.msgError;
    rendered(text, null, true);
    throw error;
  }
}

input.addEventListener("input", () => {
  list.setAttribute("aria-busy", "true"); // the results on screen are no longer those of the text
  // Searched at once, not after a pause: a search waits only for the files it needs, and a newer
  // keystroke's search makes it stop at its next step (run), so typing fast costs no more work.
  update();
  clearTimeout(timer);
  timer = setTimeout(() => saveState(false), URL_DELAY_MS);
});
form.addEventListener("change", (event) => {
  if (event.target === input) return;
  showActiveFilters();
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
  clearTimeout(timer); // the typed text's address must not replace the one navigated to
  restoreState();
  carrySearchToSwitcher();
  update();
});

restoreState();
carrySearchToSwitcher();
filters.open = matchMedia(WIDE).matches;
if (input.value) update();
else list.setAttribute("aria-busy", "false");
