import polib

from medcorridor.core.i18n import drop_fuzzy_guesses


def test_fuzzy_guesses_are_emptied_and_real_translations_kept():
    catalogue = polib.POFile()
    guess = polib.POEntry(msgid="Unknown type “%(type)s”.", msgstr="알 수 없는 분야: “%(area)s”.", flags=["fuzzy"])
    plural_guess = polib.POEntry(
        msgid="%(n)s case", msgid_plural="%(n)s cases", msgstr_plural={0: "%(n)s 건"}, flags=["fuzzy"]
    )
    done = polib.POEntry(msgid="Save", msgstr="저장")
    catalogue.extend([guess, plural_guess, done])
    assert drop_fuzzy_guesses(catalogue)
    assert (guess.msgstr, guess.flags) == ("", [])
    assert plural_guess.msgstr_plural == {0: ""} and not plural_guess.flags
    assert done.msgstr == "저장"
    assert not drop_fuzzy_guesses(catalogue)
