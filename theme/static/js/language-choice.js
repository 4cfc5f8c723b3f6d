// Remembers the edition a reader picks, and on the root chooser page forwards a reader to
// that edition or, the first time, to the first of navigator.languages the site publishes in.
// The chooser's plain links keep working without JavaScript; "/?choose" always shows it.

const STORAGE_KEY = "newsroom.edition";

function remembered() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: behave like a first visit
  }
}

function remember(code) {
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // nothing to do: the choice is simply not kept
  }
}

// Best edition for a list of BCP 47 tags: an exact match first ("pt-BR"), then the base language ("pt").
export function pickEdition(preferred, available) {
  const codes = available.map((code) => code.toLowerCase());
  for (const tag of preferred) {
    const wanted = tag.toLowerCase();
    const exact = codes.indexOf(wanted);
    if (exact !== -1) return available[exact];
    const base = codes.indexOf(wanted.split("-")[0]);
    if (base !== -1) return available[base];
  }
  return null;
}

function forwardFromChooser() {
  if (new URLSearchParams(location.search).has("choose")) return;
  const links = new Map(
    [...document.querySelectorAll("a[data-edition]")].map((link) => [link.dataset.edition, link]),
  );
  const saved = remembered();
  const code = links.has(saved) ? saved : pickEdition(navigator.languages || [], [...links.keys()]);
  if (code) location.replace(links.get(code).href);
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-edition]");
  if (link) remember(link.dataset.edition);
});

if (document.body.dataset.page === "chooser") forwardFromChooser();
