// The search analyzer, step for step the same as plugins/search/analyzer.py. Its configuration
// (stop words, plural rules) comes from the build's meta.json, so it is defined once, in Python.
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

  const stem = (word) => (DIGIT.test(word) ? word : stemWord(word));

  // The index term for one token, or null for a stop word.
  const term = (token) => {
    const word = token.toLowerCase();
    if (stopwords.has(fold(word))) return null;
    return fold(stem(singular(word)));
  };

  return {
    term,
    terms: (text) => tokenize(text).map(term).filter(Boolean),
  };
}
