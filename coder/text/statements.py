"""Does a phrase state something, or only name a topic? The kodetest asks whether a code
says *what was said* ("Folk tenker at vi digitaliserer bort arbeidsplassene") or only
*what was talked about* ("Frykt", "Innspill fra organisasjonen"). Without a part-of-
speech tagger for Norwegian, a statement is recognised by a verb: a form from
data/verbs_nb.txt, a word after the infinitive marker "å", or a form the rules in
is_verb take for one. A heuristic: it decides only which codes are flagged for a look.

    names_topic(text, most=3) -> bool     no verb, and at most `most` content words
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from coder.text.align import FUNCTION_WORDS, lemma

_WORD = re.compile(r"[^\W\d_]+")
TOPIC_MAX_WORDS = 3          # content words a phrase without a verb may have and still be a topic


@functools.cache
def verbs(language: str = "nb") -> frozenset[str]:
    data = resources.files("coder.text").joinpath("data", f"verbs_{language}.txt")
    try:
        lines = data.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return frozenset()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


def _past_te(infinitive: str) -> bool:
    """simplemma leads the -te past tense back to this infinitive ("skapte" → "skape");
    a noun in -e has no such form ("tjenestte" is left alone)."""
    return len(infinitive) >= 4 and infinitive.endswith("e") and lemma(infinitive[:-1] + "te") == infinitive


@functools.lru_cache(maxsize=50_000)
def is_verb(word: str) -> bool:
    """A verb form by the list, or by a rule simplemma's lemmas make safe enough:
    -erer present ("etablerer"), -ere infinitive that is its own lemma ("prioritere",
    not "ledere"), -es passive ("følges"), -te past ("sparte")."""
    low = word.lower()
    if low in verbs():
        return True
    base = lemma(low)
    if low.endswith("erer") and len(low) > 6:
        return True
    if low.endswith("ere") and base == low:
        return True
    if low.endswith("es") and base == low[:-1] and base.endswith("e"):
        return True
    if low.endswith("te") and base != low:
        return _past_te(base)
    return base == low and _past_te(low)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w.lower() not in FUNCTION_WORDS]


def has_verb(text: str) -> bool:
    ws = [w.lower() for w in words(text)]
    return any(w == "å" for w in ws[:-1]) or any(is_verb(w) for w in ws)


def names_topic(text: str, most: int = TOPIC_MAX_WORDS) -> bool:
    """A phrase without a verb, of at most `most` content words: "Frykt", "Det digitale
    målbildet til kommunen". Longer phrases without a verb usually say what ("Bedre
    kvalitet i saksbehandling, mer frigjort tid for saksbehandlere")."""
    return 1 <= len(content_words(text)) <= most and not has_verb(text)
