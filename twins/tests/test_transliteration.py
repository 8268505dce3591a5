"""Serbian Latin <-> Cyrillic (twins/transliteration.py): exact on a corpus of our own Serbian
texts, reversible, and leaving alone what must not change."""

import re
from pathlib import Path

import pytest

from twins.transliteration import (
    html_to_cyrillic,
    html_to_latin,
    script_of,
    to_cyrillic,
    to_latin,
)

DATA = Path(__file__).parent / "data"
# The corpus: the demo site's Serbian texts, the interface's catalogue and our own sentences
# for every digraph case, line by line in both scripts (the Cyrillic written independently).
LATIN_LINES = (DATA / "corpus.sr-latn.txt").read_text(encoding="utf-8").splitlines()
CYRILLIC_LINES = (DATA / "corpus.sr.txt").read_text(encoding="utf-8").splitlines()
# Brand names, Latin acronyms and field names the corpus writes in Latin in both scripts.
PROTECTED = (DATA / "corpus.protected.txt").read_text(encoding="utf-8").splitlines()


def test_the_corpus_is_large_and_has_every_digraph_case():
    text = "\n".join(LATIN_LINES)

    assert len(LATIN_LINES) == len(CYRILLIC_LINES)
    assert len(re.findall(r"\w+", text)) >= 2000
    for case in ("Lj", "LJ", "lj", "Nj", "NJ", "nj", "Dž", "DŽ", "dž", "Đ", "đ"):
        assert case in text, case
    for two_letters in ("nadživ", "podžanr", "injekcij", "konjunktur", "INJEKCIJA"):
        assert two_letters in text, two_letters


@pytest.mark.parametrize(("latin", "cyrillic"), list(zip(LATIN_LINES, CYRILLIC_LINES, strict=True)))
def test_latin_to_cyrillic_and_back_is_exact_on_the_corpus(latin, cyrillic):
    assert to_cyrillic(latin, protected=PROTECTED) == cyrillic
    assert to_latin(cyrillic) == latin
    assert to_cyrillic(to_latin(cyrillic), protected=PROTECTED) == cyrillic


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Љубљана", "Ljubljana"),
        ("ЉУБЉАНА", "LJUBLJANA"),
        ("Његош", "Njegoš"),
        ("ЊЕГОШ", "NJEGOŠ"),
        ("Џеп", "Džep"),
        ("ЏЕП", "DŽEP"),
        ("Џ", "Dž"),
        ("ЏИП, А", "DŽIP, A"),
        ("надживети", "nadživeti"),
        ("Ђорђе ЂОРЂЕ", "Đorđe ĐORĐE"),
    ],
)
def test_digraph_capitals_follow_the_word(cyrillic, latin):
    assert to_latin(cyrillic) == latin
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("nadživeti i podžanr", "надживети и поджанр"),
        ("menadžer i odžak", "менаџер и оџак"),
        ("injekcija, konjunktura, vanjezički", "инјекција, конјунктура, ванјезички"),
        ("konj i tanjir", "коњ и тањир"),
    ],
)
def test_nj_and_dz_are_two_letters_only_in_the_exceptions(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Pišite na info@klasteri.rs", "Пишите на info@klasteri.rs"),
        ("Vidi https://klasteri.rs/o-nama/?a=lj", "Види https://klasteri.rs/o-nama/?a=lj"),
        ("Sajt www.klasteri.rs i klasteri.org.rs", "Сајт www.klasteri.rs и klasteri.org.rs"),
        ("Stranica /dogadjaji/ na sajtu", "Страница /dogadjaji/ на сајту"),
        ("Zdravo, %(name)s i {count}", "Здраво, %(name)s и {count}"),
        ("Udaljenost 240 km i snaga 3 MW", "Удаљеност 240 km и снага 3 MW"),
        ("km bez broja", "км без броја"),
        ("Wagtail, Symposium i Expo", "Wagtail, Symposium и Expo"),
        ("NiCAT, IoT i eUprava", "NiCAT, IoT и eUprava"),
        ("B2B, 5G i COVID-19", "B2B, 5G и COVID-19"),
        ("IKT i EU", "ИКТ и ЕУ"),
        ("2026. godine, 15,5 odsto", "2026. године, 15,5 одсто"),
        ("u 2026. s partnerima", "у 2026. с партнерима"),
    ],
)
def test_what_must_stay_latin_stays(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic
    assert to_latin(cyrillic) == latin


def test_protected_terms_are_whole_words_and_case_sensitive():
    protected = ["SCAN", "Cluster House"]

    assert to_cyrillic("SCAN i Cluster House", protected=protected) == "SCAN и Cluster House"
    assert to_cyrillic("SCANER i scan", protected=protected) == "СЦАНЕР и сцан"
    assert to_cyrillic("Cluster Houses", protected=protected) == "Цлустер Хоусес"


def test_text_already_in_the_target_script_or_mixed_is_left_as_it_is():
    assert to_cyrillic("Већ ћирилица") == "Већ ћирилица"
    assert to_latin("Već latinica") == "Već latinica"
    assert to_cyrillic("Пола latinica") == "Пола латиница"
    assert to_latin("Пола latinica") == "Pola latinica"
    assert to_cyrillic("") == "" and to_latin("") == ""
    assert html_to_cyrillic("") == "" and html_to_latin("") == ""


def test_rich_text_changes_only_text_and_alt_or_title():
    html = (
        '<h2 class="lj">Naslov</h2><p>Ljudi &amp; klasteri&nbsp;<b>jaki</b> '
        '<a href="https://klasteri.rs/lj" title="Ljudi">ljudi</a> '
        '<a linktype="page" id="3">stranica</a> <code>lj = 1</code> '
        '<span translate="no">Cluster <i>House</i> ljudi</span> kraj<!-- lj -->'
        '<embed embedtype="image" format="left" id="7" alt="Slika džepa"/></p>'
    )

    assert html_to_cyrillic(html) == (
        '<h2 class="lj">Наслов</h2><p>Људи &amp; кластери&nbsp;<b>јаки</b> '
        '<a href="https://klasteri.rs/lj" title="Људи">људи</a> '
        '<a linktype="page" id="3">страница</a> <code>lj = 1</code> '
        '<span translate="no">Cluster <i>House</i> ljudi</span> крај<!-- lj -->'
        '<embed embedtype="image" format="left" id="7" alt="Слика џепа"/></p>'
    )
    assert html_to_latin(html_to_cyrillic(html)) == html


def test_the_script_of_a_text_is_the_one_with_more_letters():
    assert script_of("Дани кластера in Niš") == "sr"
    assert script_of("Dani klastera u Нишу") == "sr-latn"
    assert script_of("2026 - 15") is None
