"""Folding for search: script, case and diacritics fall away, and đ meets dj."""

import pytest

from twins.search import fold


@pytest.mark.parametrize(
    ("spellings", "folded"),
    [
        (["Niš", "Nis", "NIŠ", "Ниш", "НИШ", "nis"], "nis"),
        (["klaster", "кластер", "KLASTER", "Кластер"], "klaster"),
        (["Đorđe", "Djordje", "Ђорђе", "DJORDJE"], "djordje"),
        (["džep", "џеп", "dzep"], "dzep"),
        (["Čačak", "Чачак", "Cacak", "ČAČAK"], "cacak"),
        (["Ćuprija", "Ћуприја", "Cuprija"], "cuprija"),
        (["Šabac", "Шабац", "Sabac"], "sabac"),
        (["Žabalj", "Жабаљ", "Zabalj"], "zabalj"),
    ],
)
def test_every_spelling_of_a_word_folds_to_one(spellings, folded):
    assert {fold(spelling) for spelling in spellings} == {folded}


def test_folding_keeps_what_is_not_serbian_and_survives_nothing():
    assert fold("Web3 i B2B, 2026.") == "web3 i b2b, 2026."
    assert fold("") == "" and fold(None) == ""
