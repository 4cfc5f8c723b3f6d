// The search analyzer, step for step the same as plugins/search/analyzer.py. Its configuration
// (stop words, plural rules, fixed words, stem repairs) comes from the build's meta.json, so it is
// defined once, in Python.
// No DOM here: tests run this module in Node for the Python/JS parity check.

const TOKEN = /[\p{L}\p{N}]+(?:[-.,'’][\p{L}\p{N}]+)*/gu;
const JOINERS = /[-.,'’]/gu;
const DIGIT = /\p{Nd}/u;

export function fold(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "");
}

export function tokenize(text) {
  const tokens = [];
  for (const raw of text.normalize("NFC").match(TOKEN) || []) {
    if (DIGIT.test(raw)) tokens.push(raw.replace(JOINERS, ""));
    else for (const part of raw.split(JOINERS)) if (part) tokens.push(part);
  }
  return tokens;
}

export function createAnalyzer(config, stemWord) {
  const stopwords = new Set(config.stopwords);

  const singular = (word) => {
    if ([...word].length >= config.minPluralLength) {
      for (const [plural, single] of config.plurals) {
        if (word.endsWith(plural)) return word.slice(0, word.length - plural.length) + single;
      }
    }
    return word;
  };

  // Derivations and affixes (configs written before these rules have none of the tables).
  const words = new Map(config.words || []);
  const wordEndings = config.wordEndings || [];
  const stems = new Map(config.stems || []);
  const stemEndings = config.stemEndings || [];

  // The term `words` gives this word, itself or without one of `wordEndings`.
  const fixedWord = (word) => {
    if (words.has(word)) return words.get(word);
    for (const ending of wordEndings) {
      if (word.endsWith(ending) && words.has(word.slice(0, word.length - ending.length))) {
        return words.get(word.slice(0, word.length - ending.length));
      }
    }
    return null;
  };

  // A folded stem after the `stems` table, else the first matching `stemEndings` rule.
  const repaired = (stem) => {
    if (stems.has(stem)) return stems.get(stem);
    for (const [ending, replacement, shortest] of stemEndings) {
      if (stem.endsWith(ending) && [...stem].length - [...ending].length >= shortest) {
        return stem.slice(0, stem.length - ending.length) + replacement;
      }
    }
    return stem;
  };

  // The index term for one token, or null for a stop word.
  const term = (token) => {
    const lower = token.toLowerCase();
    if (stopwords.has(fold(lower))) return null;
    const word = singular(lower);
    if (DIGIT.test(word)) return fold(word);
    const fixed = fixedWord(word);
    return fixed !== null ? fold(fixed) : repaired(fold(stemWord(word)));
  };

  return {
    term,
    terms: (text) => tokenize(text).map(term).filter(Boolean),
  };
}
