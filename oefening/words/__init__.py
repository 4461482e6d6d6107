"""The product's words in Dutch and English, and the number and time formats every front end
uses: the terminal UI, the after-action report and the CLI read them from here, so a word or
a date reads the same everywhere. Textual-free (plain strings).

- :mod:`~oefening.words.table`: the one nl/en word table, looked up by key with :func:`tr`;
- :mod:`~oefening.words.formats`: moments, durations, numbers, money, percentages, lead times;
- :mod:`~oefening.words.describe`: a scenario's names, conditions and effects in words;
- :mod:`~oefening.words.entries`: a record entry told in words, once for every front end.
"""

from oefening.words.table import LANGUAGES, TEXTS, other, said, tr

__all__ = ["LANGUAGES", "TEXTS", "other", "said", "tr"]
