"""Which site language a text is in, with lingua limited to the site's languages.

A few widely used languages are loaded beside the site's own as a guard: text in one of them is
refused ("looks like English") instead of being forced into the nearest site language. Malay is
deliberately not a guard language: it is too close to Indonesian to tell apart reliably.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

GUARD_LANGUAGES = ("en", "es", "fr", "de", "it", "nl")
SAMPLE_CHARS = 1500  # a lede and a paragraph decide as well as a whole article
# lingua's parallel detection runs on Rust threads inside this process; Python sees a Ctrl-C only
# when a call returns, so a batch is detected in chunks that take well under a second each.
CHUNK_TEXTS = 200


class DetectionError(ValueError):
    """The language can't be decided; the message says why and what to do."""


@dataclass(frozen=True)
class Detection:
    lang: str
    confidence: float


def lingua_language(code: str) -> Language:
    try:
        return Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
    except AttributeError:
        raise DetectionError(f"language {code!r} is not supported by the detector; import with --lang") from None


class LanguageDetector:
    def __init__(self, site_codes: list[str], min_confidence: float):
        self.site_codes = list(site_codes)
        self.min_confidence = min_confidence
        languages = {lingua_language(code) for code in {*site_codes, *GUARD_LANGUAGES}}
        self._detector = LanguageDetectorBuilder.from_languages(*languages).build()

    def detect(self, text: str) -> Detection:
        """The site language of `text`, or DetectionError naming the likely language or the doubt."""
        return self._decide(self._detector.compute_language_confidence_values(text[:SAMPLE_CHARS]))

    def detect_many(self, texts: list[str]) -> list[Detection | DetectionError]:
        """detect() for a batch, spread over all cores; each result is a Detection or the error."""
        samples = [text[:SAMPLE_CHARS] for text in texts]
        batch = []
        for start in range(0, len(samples), CHUNK_TEXTS):
            chunk = samples[start:start + CHUNK_TEXTS]
            batch.extend(self._detector.compute_language_confidence_values_in_parallel(chunk))
        results: list[Detection | DetectionError] = []
        for values in batch:
            try:
                results.append(self._decide(values))
            except DetectionError as error:
                results.append(error)
        return results

    def _decide(self, values) -> Detection:
        if not values:
            raise DetectionError("no language could be detected; import with --lang")
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        site = ", ".join(self.site_codes)
        if code not in self.site_codes:
            raise DetectionError(
                f"text looks like {best.language.name.title()} ({best.value:.2f}), not a site language "
                f"({site}); import with --lang if it is one"
            )
        if best.value < self.min_confidence:
            runners = ", ".join(
                f"{v.language.iso_code_639_1.name.lower()} {v.value:.2f}" for v in values[:3]
            )
            raise DetectionError(
                f"language uncertain ({runners}; need {self.min_confidence:.2f}); import with --lang"
            )
        return Detection(code, round(best.value, 3))


@lru_cache(maxsize=4)
def language_detector(site_codes: tuple[str, ...], min_confidence: float) -> LanguageDetector:
    """A shared detector per site configuration: loading the models takes about a second."""
    return LanguageDetector(list(site_codes), min_confidence)
