"""Search in real Chromium over a real build: the reader's side of the whole search pipeline."""

import json
import re
import shutil
from urllib.parse import quote

import pytest

from search.partitions import prefix_partitions
from support import ROOT, build, write_article

PT_ARTICLE = "/pt/2025/01/grok-3-da-xai-perde-o-prazo-de-2024/"
ID_ARTICLE = "/id/2025/01/grok-3-dari-xai-meleset-dari-target-2024/"
SEED_TITLE = {"pt": "Grok 3, da xAI, perde o prazo de 2024", "id": "Grok 3 dari xAI meleset dari target 2024"}
BUDGET_BODY = "O orçamento federal foi discutido pelos deputados durante a sessão da tarde."
ENERGY_LEDE = "O governo anunciou um pacote de obras de energia para a região Norte."
ENERGY_DEEP = ("A licença ambiental da hidrelétrica de Tapajós, suspensa desde 2016, voltou a ser analisada "
               "pelo Ibama em março deste ano.")
ENERGY_BODY = ("O governo anunciou nesta segunda-feira um pacote de obras de energia para a região Norte, com prazo "
               "de dez anos.\n\nSegundo o ministério, as obras devem gerar empregos em quatro estados e atrair "
               "investimento privado.\n\nO plano inclui linhas de transmissão, parques solares e a modernização de "
               "portos fluviais ao longo do rio Amazonas.\n\n" + ENERGY_DEEP)
INFLATION_PT = "/pt/2024/03/inflacao-desacelera/"
RICE_ID = "/id/2024/03/harga-beras-naik/"
WATCH_ERRORS = """
window.__problems = [];
addEventListener('securitypolicyviolation', e => window.__problems.push('csp: ' + e.violatedDirective));
addEventListener('error', e => window.__problems.push('error: ' + e.message));
addEventListener('unhandledrejection', e => window.__problems.push('rejection: ' + e.reason));
window.__rendered = [];
document.addEventListener('search:rendered', e => window.__rendered.push(e.detail));
"""


def search_content(root):
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    write_article(content, "pt", "orcamento-aprovado", title="Orçamento de 2024 é aprovado", date="2024-03-01 10:00",
                  category="Economia", body="A Câmara aprovou as contas do ano.")
    write_article(content, "pt", "reforma", title="Câmara vota reforma", date="2025-02-01 10:00",
                  category="Política", body="Os deputados votaram a reforma. " + BUDGET_BODY + " A votação seguiu noite adentro.")
    write_article(content, "pt", "nota-c", title="Nota C", date="2023-05-01 10:00", category="Economia", body=BUDGET_BODY)
    write_article(content, "pt", "nota-d", title="Nota D", date="2024-07-01 10:00", category="Economia", body=BUDGET_BODY)
    write_article(content, "pt", "alerta", title='<img src=x onerror="window.pwned=1">Alerta de granizo',
                  date="2024-01-10 10:00",
                  body='Alerta de granizo forte no litoral, diz o aviso &lt;img src=x onerror="window.pwned=2"&gt;.')
    write_article(content, "pt", "energia", title="Governo detalha pacote de obras", date="2024-02-05 10:00",
                  category="Infraestrutura", summary=ENERGY_LEDE, body=ENERGY_BODY)
    # a translated pair (Economia <-> Ekonomi: one section) and a story only in Indonesian
    write_article(content, "pt", "inflacao-desacelera", title="Inflação desacelera em fevereiro", date="2024-03-05 10:00",
                  key="2024-03-inflacao", category="Economia", summary="Os preços subiram menos.",
                  body="Os preços subiram menos. A inflação de fevereiro ficou em 5,3%, segundo o IBGE.")
    write_article(content, "id", "inflasi-melambat", title="Laju harga melambat pada Februari", date="2024-03-05 10:00",
                  key="2024-03-inflacao", category="Ekonomi", summary="Harga naik lebih lambat.",
                  body="Harga naik lebih lambat. Inflasi Februari tercatat 5,3 persen menurut BPS.")
    write_article(content, "id", "harga-beras-naik", title="Harga beras naik menjelang Ramadan", date="2024-03-08 10:00",
                  category="Ekonomi", summary="Pedagang pasar mengeluhkan pasokan.",
                  body="Pedagang pasar mengeluhkan pasokan. Inflasi pangan diperkirakan naik bulan depan.")
    return content


@pytest.fixture(scope="module")
def site_url(tmp_path_factory, serve):
    root = tmp_path_factory.mktemp("search-site")
    return serve(build(search_content(root), root / "output").output)


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.add_init_script(WATCH_ERRORS)
    page = context.new_page()
    yield page
    assert page.evaluate("window.__problems") == []
    context.close()


def type_query(page, text):
    """Type like a reader and wait until the complete results for `text` are on screen."""
    page.fill("#search-q", text)
    wait_rendered(page, text)


def wait_rendered(page, text):
    page.wait_for_function(
        "text => window.__rendered.some(r => r.text === text.trim() && r.complete)", arg=text)


def result_titles(page):
    return [t.strip() for t in page.locator(".search-result h2").all_text_contents()]


def result_by_link(page, url):
    return page.locator(".search-result").filter(has=page.locator(f"h2 a[href='{url}']"))


@pytest.mark.parametrize("path, query", [
    ("/id/cari/", "peluncurannya"), ("/id/cari/", "dilatih"),
    ("/pt/busca/", "gerações"), ("/pt/busca/", "situacao"), ("/pt/busca/", "lancamento"),
])
def test_inflected_and_unaccented_forms_find_the_seed_story(page, site_url, path, query):
    page.goto(site_url + path)
    type_query(page, query)
    titles = result_titles(page)
    lang = path[1:3]
    assert len(titles) == 1 and titles[0].startswith(SEED_TITLE[lang]), titles


def test_all_languages_shows_the_story_once_linking_both_versions(page, site_url):
    page.goto(site_url + "/pt/busca/")
    page.select_option("select[name=lang]", "all")
    type_query(page, "peluncuran")  # Indonesian word: found in the id index
    results = page.locator(".search-result")
    assert results.count() == 1
    assert results.locator("h2 a").get_attribute("href") == PT_ARTICLE
    assert results.locator(".search-result__versions a[hreflang=id]").get_attribute("href") == ID_ARTICLE
    assert page.locator("[data-search-status]").text_content() == "1 resultado"


def test_relevance_first_with_recency_breaking_ties_and_newest_first_sort(page, site_url):
    page.goto(site_url + "/pt/busca/")
    type_query(page, "orçamento")
    titles = result_titles(page)
    assert titles[0] == "Orçamento de 2024 é aprovado"  # in the title: most relevant
    assert titles.index("Nota D") == titles.index("Nota C") - 1  # same text: the newer first
    page.select_option("select[name=sort]", "newest")
    page.wait_for_function("() => document.querySelector('.search-result h2').textContent.includes('reforma')")
    assert result_titles(page) == ["Câmara vota reforma", "Nota D", "Orçamento de 2024 é aprovado", "Nota C"]


def test_stories_with_all_the_words_come_first_then_those_with_some_and_the_page_says_so(page, site_url):
    page.goto(site_url + "/pt/busca/")
    type_query(page, "orçamento federal")
    titles = result_titles(page)
    assert sorted(titles[:3]) == ["Câmara vota reforma", "Nota C", "Nota D"]  # both words
    assert titles[3] == "Orçamento de 2024 é aprovado"  # one word, even in the title
    assert "algumas das suas palavras" in page.locator("[data-search-status]").text_content()
    type_query(page, "granizo xyzzyq")  # a word found nowhere does not empty the list
    assert result_titles(page) == ['<img src=x onerror="window.pwned=1">Alerta de granizo']
    type_query(page, "granizo")
    assert "palavras" not in page.locator("[data-search-status]").text_content()


def test_year_category_and_language_filters(page, site_url):
    page.goto(site_url + "/pt/busca/")
    type_query(page, "orçamento")
    page.select_option("select[name=year]", "2024")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 2")
    assert sorted(result_titles(page)) == ["Nota D", "Orçamento de 2024 é aprovado"]
    page.select_option("select[name=year]", "")
    page.select_option("select[name=category]", "Política")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert result_titles(page) == ["Câmara vota reforma"]
    page.select_option("select[name=category]", "")
    page.select_option("select[name=lang]", "id")
    type_query(page, "pelatihan")
    assert [t[:20] for t in result_titles(page)] == [SEED_TITLE["id"][:20]]


def test_query_and_filters_live_in_the_url(page, site_url):
    page.goto(site_url + "/pt/busca/?q=or%C3%A7amento&sort=newest")
    page.wait_for_selector(".search-result")
    assert page.input_value("#search-q") == "orçamento" and page.input_value("select[name=sort]") == "newest"
    assert result_titles(page)[0] == "Câmara vota reforma"
    key = page.select_option("select[name=category]", label="Economia")[0]  # the section's key, not the name
    assert key != "Economia"
    page.wait_for_url(f"**category={quote(key, safe='')}**")
    page.go_back()
    page.wait_for_function("() => document.querySelector('select[name=category]').value === ''")
    assert page.url.endswith("/pt/busca/?q=or%C3%A7amento&sort=newest")
    type_query(page, "granizo")
    page.wait_for_url("**q=granizo**")
    # the language switcher carries the search over to the other edition
    assert page.get_attribute(".language-switcher a[hreflang=id]", "href").endswith("/id/cari/?q=granizo&sort=newest")


def test_story_text_is_inserted_as_text_never_as_markup(page, site_url):
    page.goto(site_url + "/pt/busca/")
    type_query(page, "alerta")
    assert result_titles(page) == ['<img src=x onerror="window.pwned=1">Alerta de granizo']
    snippet = page.locator(".search-result__snippet")
    assert snippet.text_content() == 'Alerta de granizo forte no litoral, diz o aviso <img src=x onerror="window.pwned=2">.'
    assert page.locator(".search-results img").count() == 0
    assert page.evaluate("window.pwned") is None
    assert page.locator(".search-result mark").all_text_contents() == ["Alerta", "Alerta"]  # title, body


@pytest.mark.parametrize("query", ["title:", "*", "~", "hello~", "+", "-", "+-*^", "gera*", "title:grok~2"])
def test_query_syntax_characters_give_a_message_not_an_exception(page, site_url, query):
    page.goto(site_url + "/pt/busca/")
    type_query(page, query)
    assert page.locator("[data-search-status]").text_content().strip() != ""


def test_the_index_is_fetched_only_once_a_reader_searches(page, site_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site_url + PT_ARTICLE)
    page.goto(site_url + "/pt/busca/")
    page.wait_for_load_state("networkidle")
    index_files = f"{site_url}/search/"
    assert not [url for url in requested if url.startswith(index_files)]
    page.focus("#search-q")  # the manifest loads while the reader starts typing
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.endsWith('/pt/meta.json'))")
    type_query(page, "grok")
    fetched = {re.sub(r"\.[0-9a-f]{8,10}(?=[./])", "", url[len(index_files):]) for url in requested if url.startswith(index_files)}
    assert {"pt/meta.json", "pt/docs.json", "vendor/stemmers/portuguese.js"} <= fetched
    assert not [url for url in fetched if url.startswith("id/")]


def test_a_one_word_query_fetches_its_partitions_and_the_shown_results_fragments_only(browser, tmp_path, serve):
    content = tmp_path / "content"
    for n in range(60):
        write_article(content, "pt", f"nota-{n}", title=f"Nota {n} sobre {'chuva' if n % 3 else 'seca'}",
                      date=f"{2019 + n % 6}-0{1 + n % 9}-1{n % 10} 10:00",
                      body=f"Texto {n} com palavras distintas numero{n} e tema{n % 7}.")
    output = build(content, tmp_path / "output", SEARCH_PARTITION_GZIP_BYTES=80).output
    url = serve(output)
    meta = json.loads((output / "search/pt/meta.json").read_text("utf-8"))
    display = meta["display"]
    by_url = {}  # story URL -> its display fragment number
    for k in range(-(-meta["count"] // display["size"])):
        rows = json.loads((output / f"search/pt/display/{k}.{display['hashes'][k // display['block']]}.json").read_text())
        by_url.update({row[1]: k for row in rows})
    assert len(meta["partitions"]) > 10
    context = browser.new_context()
    context.add_init_script(WATCH_ERRORS)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url + "/pt/busca/")
    type_query(page, "chuva")  # the last word is matched as a prefix: its stem's prefix range
    base = f"{url}/search/pt/"
    fetched = [u[len(base):] for u in requested if u.startswith(base)]
    allowed_terms = {f"terms/{meta['partitions'][i][2]}.json" for i in prefix_partitions(meta["partitions"], "chuv")}
    # the written words that begin with what was typed (for their terms: "chuva" -> "chuv")
    allowed_words = {f"words/{meta['words'][i][2]}.json" for i in prefix_partitions(meta["words"], "chuva")}
    assert {"meta.json", meta["docs"]} <= set(fetched)
    assert {f for f in fetched if f.startswith("terms/")} == allowed_terms and len(allowed_terms) <= 2
    assert {f for f in fetched if f.startswith("words/")} == allowed_words and len(allowed_words) <= 2
    shown = [href.lstrip("/") for href in page.locator(".search-result h2 a").evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert len(shown) == 10 and page.locator("[data-search-status]").text_content() == "40 resultados"
    wanted = {f"display/{by_url[u]}.{display['hashes'][by_url[u] // display['block']]}.json" for u in shown}
    assert {f for f in fetched if f.startswith("display/")} == wanted
    assert len(fetched) == len(set(fetched)) == 2 + len(allowed_terms) + len(allowed_words) + len(wanted)
    assert page.evaluate("window.__problems") == []
    context.close()


def test_without_javascript_the_header_form_lands_on_a_search_page_that_says_so(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/pt/")
    page.fill("#header-q", "grok")
    page.press("#header-q", "Enter")
    page.wait_for_url("**/pt/busca/?q=grok")
    assert "A busca precisa de JavaScript" in page.locator(".search-notice").text_content()
    assert page.get_attribute(".search-notice a", "href") == "/pt/arquivo/"
    context.close()


def test_keyboard_search_announces_the_result_count(page, site_url):
    page.goto(site_url + "/id/")
    page.focus("#header-q")
    page.keyboard.type("grok")
    page.keyboard.press("Enter")
    page.wait_for_url("**/id/cari/?q=grok")
    status = page.locator("[data-search-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('[data-search-status]').textContent === '1 hasil'")
    page.keyboard.press("Tab")  # from the body into the page: links in results are reachable
    assert page.locator("label[for=search-q]").count() == 1


def test_results_are_drawn_ten_at_a_time(browser, tmp_path, serve):
    content = tmp_path / "content"
    for n in range(25):
        write_article(content, "id", f"hujan-{n}", title=f"Hujan deras {n}", date=f"2024-03-{n + 1:02d} 10:00",
                      body="Hujan deras melanda kota.")
    url = serve(build(content, tmp_path / "output").output)
    context = browser.new_context()
    context.add_init_script(WATCH_ERRORS)
    page = context.new_page()
    page.goto(url + "/id/cari/?q=hujan")
    wait_rendered(page, "hujan")
    assert page.locator(".search-result").count() == 10
    assert page.locator("[data-search-status]").text_content() == "25 hasil"
    assert page.get_attribute("[data-search-status]", "data-count") == "25"  # every result, not the 10 drawn
    page.click("[data-search-more] button")  # the next page is drawn once its display fragments are in
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 20")
    page.click("[data-search-more] button")
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 25")
    assert page.locator("[data-search-more]").is_hidden()
    assert page.evaluate("window.__problems") == []
    context.close()


def test_a_word_deep_in_the_body_is_shown_in_its_sentence_highlighted(page, site_url):
    page.goto(site_url + "/pt/busca/")
    for typed in ("hidrel", "hidrelétrica"):  # while the word is typed, and once it is whole
        type_query(page, typed)
        assert result_titles(page) == ["Governo detalha pacote de obras"]
        snippet = page.locator(".search-result__snippet")
        assert snippet.text_content() == ENERGY_DEEP  # that sentence, not the lede
        assert snippet.locator("mark").all_text_contents() == ["hidrelétrica"]
    type_query(page, "governo")  # a title word: the lede's sentence has it too
    assert page.locator(".search-result__snippet").text_content().startswith("O governo anunciou nesta")
    type_query(page, "detalha")  # in the title only: the lede, nothing marked
    assert page.locator(".search-result__snippet").text_content() == ENERGY_LEDE
    assert page.locator(".search-result__snippet mark").count() == 0


def test_all_languages_labels_results_in_another_language_and_highlights_the_version_shown(page, site_url):
    page.goto(site_url + "/pt/busca/")
    page.select_option("select[name=lang]", "all")
    type_query(page, "inflação inflasi")
    own, other = result_by_link(page, INFLATION_PT), result_by_link(page, RICE_ID)
    assert own.count() == 1 and other.count() == 1  # the pair once, in Portuguese; the Indonesian-only story
    assert own.locator(".search-result__lang").count() == 0
    assert other.locator(".search-result__lang").text_content() == "Bahasa Indonesia"
    assert other.get_attribute("lang") == "id"
    assert own.locator(".search-result__snippet").text_content() == (  # two short sentences together
        "Os preços subiram menos. A inflação de fevereiro ficou em 5,3%, segundo o IBGE.")
    assert own.locator("mark").all_text_contents() == ["Inflação", "inflação"]
    assert other.locator(".search-result__snippet mark").all_text_contents() == ["Inflasi"]
    page.select_option("select[name=lang]", "pt")  # the page's language only: no label anywhere
    page.wait_for_function("() => document.querySelectorAll('.search-result').length === 1")
    assert page.locator(".search-result__lang").count() == 0


def test_an_edition_with_a_fallback_finds_its_untranslated_stories_once_and_labelled(page, site_url):
    """TRANSLATION_FALLBACK = {"id": "pt"}: the Indonesian search also finds Portuguese stories with
    no Indonesian version (as the Indonesian listings show them), never a translated one twice."""
    page.goto(site_url + "/id/cari/")
    type_query(page, "granizo")  # only the Portuguese-only hail story has it
    result = result_by_link(page, "/pt/2024/01/alerta/")
    assert page.locator(".search-result").count() == 1 and result.count() == 1
    assert result.get_attribute("lang") == "pt"
    assert result.locator(".search-result__lang").text_content() == "Português"
    # "5,3" is in both versions of the translated inflation story: found once, in Indonesian
    type_query(page, "5,3")
    assert result_titles(page) == ["Laju harga melambat pada Februari"]
    assert page.locator(".search-result__lang").count() == 0
    # the Portuguese edition has no fallback: its search stays in Portuguese
    page.goto(site_url + "/pt/busca/")
    type_query(page, "beras")
    assert page.locator(".search-result").count() == 0


def test_all_languages_lists_a_category_and_its_counterpart_once(page, site_url):
    page.goto(site_url + "/pt/busca/")
    page.select_option("select[name=lang]", "all")
    type_query(page, "inflação inflasi")
    categories = page.locator("select[name=category] option").all_text_contents()[1:]
    assert categories.count("Economia") == 1 and "Ekonomi" not in categories  # named in the page's language
    page.select_option("select[name=category]", label="Economia")  # both editions' stories of the section
    wait_rendered(page, "inflação inflasi")
    page.wait_for_function("() => document.querySelector('[data-search-results]').getAttribute('aria-busy') === 'false'")
    assert {result_by_link(page, INFLATION_PT).count(), result_by_link(page, RICE_ID).count()} == {1}
    page.select_option("select[name=lang]", "id")
    page.wait_for_function("() => [...document.querySelectorAll('select[name=category] option')].some(o => o.text === 'Ekonomi')")
    assert page.locator("select[name=category] option:checked").text_content() == "Ekonomi"


KEYBOARD = 300  # px of a phone's on-screen keyboard


def test_on_a_phone_with_the_keyboard_open_the_first_result_is_on_screen_and_filters_fold_away(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script(WATCH_ERRORS)
    page = context.new_page()
    page.goto(site_url + "/pt/busca/")
    filters = page.locator("[data-search-filters]")
    assert filters.evaluate("details => details.open") is False
    assert page.locator("select[name=year]").is_hidden() and page.locator("select[name=sort]").is_hidden()
    page.focus("#search-q")
    page.set_viewport_size({"width": 390, "height": 844 - KEYBOARD})  # the keyboard opens
    page.keyboard.type("orçamento")
    wait_rendered(page, "orçamento")
    visible = page.evaluate("visualViewport.height")
    assert visible == 844 - KEYBOARD
    for element in (page.locator("#search-q"), page.locator(".search-result").first):
        box = element.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= visible, box
    assert page.locator(".search-filters summary").text_content().strip() == "Filtros"
    page.tap(".search-filters summary")  # one control opens them all
    assert page.locator("select[name=year]").is_visible() and page.locator("select[name=sort]").is_visible()
    page.select_option("select[name=sort]", "newest")
    page.wait_for_function("() => document.querySelector('.search-filters summary').textContent.includes('(1)')")
    assert page.evaluate("window.__problems") == []
    context.close()


def test_the_page_tells_benchmarks_when_results_are_drawn(page, site_url):
    page.add_init_script("""
        window.__busy = [];
        new MutationObserver(() => {
            const list = document.querySelector('[data-search-results]');
            if (list) window.__busy.push(list.getAttribute('aria-busy'));
        }).observe(document, {subtree: true, attributes: true, attributeFilter: ['aria-busy']});
    """)
    page.goto(site_url + "/pt/busca/")
    results = page.locator("[data-search-results]")
    status = page.locator("[data-search-status]")
    for text, count in (("orçamento", 4), ("xyzzyq", 0), ("granizo", 1)):
        page.evaluate("window.__busy = []")
        type_query(page, text)
        assert page.evaluate("window.__busy")[:1] == ["true"] and results.get_attribute("aria-busy") == "false"
        assert status.get_attribute("data-count") == str(count) == str(page.locator(".search-result").count())
    links = page.locator(".search-result h2 a")
    assert links.get_attribute("data-result") == links.get_attribute("href") == "/pt/2024/01/alerta/"
