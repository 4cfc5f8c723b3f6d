import pytest

from importer.detection import DetectionError, language_detector

from support import SAMPLES, SEEDS


@pytest.fixture(scope="module")
def detector():
    return language_detector(("pt", "id"), 0.9)


@pytest.mark.parametrize(
    "path, lang",
    [(SEEDS / "story-01.a.txt", "pt"), (SEEDS / "story-01.b.txt", "id"),
     (SAMPLES / "launch-pt.txt", "pt"), (SAMPLES / "funding-id.txt", "id")],
)
def test_site_languages_are_detected_with_confidence(detector, path, lang):
    detection = detector.detect(path.read_text("utf-8"))
    assert detection.lang == lang
    assert detection.confidence >= 0.9


def test_text_in_another_language_is_refused_naming_it(detector):
    english = ("The next-generation AI model from xAI, Grok3, originally planned for release at the end of "
               "2024, did not come out as planned, causing concern across the industry.")
    with pytest.raises(DetectionError) as error:
        detector.detect(english)
    assert "looks like English" in str(error.value) and "--lang" in str(error.value)


def test_spanish_is_not_forced_into_portuguese(detector):
    spanish = ("El nuevo modelo de inteligencia artificial de la empresa no salió en la fecha prevista y los "
               "analistas creen que el retraso se debe a los límites de los métodos de entrenamiento actuales.")
    with pytest.raises(DetectionError) as error:
        detector.detect(spanish)
    assert "looks like Spanish" in str(error.value)


def test_too_little_text_is_uncertain(detector):
    with pytest.raises(DetectionError) as error:
        detector.detect("Bom dia a todos")
    assert "uncertain" in str(error.value) and "--lang" in str(error.value)
