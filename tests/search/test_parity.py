"""The browser's analyzer (analyzer.js + @orama/stemmers, in Node) gives the build's terms.

A mismatch means a reader's query silently misses stories, so every word of content/, of a
generated corpus, of the real news in ../shared/realnews (texts, titles and reader queries, read
where they are, never copied) and of a list of inflected and derived forms goes through both sides.
"""

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from search.analyzer import Analyzer, analyzer_config, analyzer_for, tokenize
from support import REALNEWS, ROOT, read_jsonl

sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402


INFLECTED = {
    "pt": "geração gerações geracao geracoes situação situações situacao situacoes eleição eleições "
          "eleicao eleicoes jornal jornais papel papéis papeis alemão alemães irmão irmãos pão pães "
          "lançamento lançamentos lancamento treinamento treinamentos atraso atrasos atrasado "
          "atrasada nacionais nacional empresas empresa não nao também tambem é e à às já "
          "Ação AÇÕES Coração corações útil úteis mês meses país países",
    "id": "peluncuran peluncurannya diluncurkan meluncurkan luncurkan pelatihan dilatih melatih "
          "latihan pengembangan mengembangkan dikembangkan berkembang perusahaan perusahaannya "
          "keterlambatan terlambat penundaan tertunda ditunda menunda kekhawatiran khawatir "
          "penelitian meneliti diteliti pemerintah pemerintahan kebijakan bijak memperkenalkan "
          "berita beritanya pemberitaan menteri menterinya kementerian perdana perawat dirawat "
          "peretas diretas menerbitkan diterbitkan nilai menilai bernilai dinilai damai berdamai "
          "mulai memulai dimulai normalisasi globalisasi organisasi membatasi batas Kediri Merapi "
          "beruang berikan diberikan perilaku perfilman",
}
DERIVED = {
    "pt": "ambiente ambiental ambientalista ambientalistas chuva chuvoso chuvosa banco bancário "
          "bancária bancarios votação votacao votos campeã campeãs campeão turismo turista "
          "necessário necessária necessidade general formação situação estação Ambiental CHUVOSO",
    "id": "",
}


def realnews_texts():
    """{lang: [texts]} of ../shared/realnews: every excerpt's title and text, every reader query."""
    assert (REALNEWS / "corpus.jsonl").is_file(), f"{REALNEWS} is missing: clone the shared data beside the repository"
    texts = {"pt": [], "id": []}
    for document in read_jsonl(REALNEWS / "corpus.jsonl"):
        texts[document["lang"]] += [document["title"] or "", document["text"]]
    for query in read_jsonl(REALNEWS / "queries.jsonl"):
        texts[query["lang"]].append(query["query"])
    return texts


def words_of(texts):
    return sorted({token for text in texts for token in tokenize(text)})


def test_python_and_browser_analyzers_agree_on_every_word():
    texts = {lang: [INFLECTED[lang], DERIVED[lang], *found] for lang, found in realnews_texts().items()}
    for path in (ROOT / "content").rglob("*.md"):
        lang = "pt" if "Lang: pt" in path.read_text("utf-8") else "id"
        texts[lang].append(path.read_text("utf-8"))
    for story in corpus.generate(60):
        texts["pt"].append(story.pt.title + "\n" + "\n".join(story.pt.paragraphs))
        texts["id"].append(story.id.title + "\n" + "\n".join(story.id.paragraphs))
    request = {
        lang: {"config": analyzer_config(lang).as_json(), "words": words_of(lang_texts)}
        for lang, lang_texts in texts.items()
    }
    assert all(len(r["words"]) > 3000 for r in request.values())
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("parity.mjs"))],
        input=json.dumps(request), capture_output=True, text=True, cwd=ROOT, check=True,
    )
    browser = json.loads(result.stdout)
    for lang, job in request.items():
        python = [analyzer_for(lang).terms(word) for word in job["words"]]
        mismatches = [(w, p, b) for w, p, b in zip(job["words"], python, browser[lang]) if p != b]
        assert mismatches == [], f"{lang}: {mismatches[:20]}"


def test_a_config_written_before_the_rule_tables_still_analyzes_like_the_build_did():
    """A meta written by an older build has no rule tables: the browser then skips them, like it."""
    words = ["mengembangkan", "pengembangan", "berita", "Kediri", "ambientalista", "votação", "GPT-4"]
    configs = {lang: dataclasses.replace(analyzer_config(lang), words=(), word_endings=(), stems=(),
                                         stem_endings=()) for lang in ("pt", "id")}
    request = {}
    for lang, config in configs.items():
        written = {key: value for key, value in config.as_json().items()
                   if key not in ("words", "wordEndings", "stems", "stemEndings")}
        request[lang] = {"config": written, "words": words}
    result = subprocess.run(
        ["node", str(Path(__file__).with_name("parity.mjs"))],
        input=json.dumps(request), capture_output=True, text=True, cwd=ROOT, check=True,
    )
    browser = json.loads(result.stdout)
    for lang, config in configs.items():
        assert browser[lang] == [Analyzer(config).terms(word) for word in words]
