"""Fuzzy person-name matching: accents, transliteration, word order, initials, typos.

A name match is only ever a weak signal: two people can share a name, one person can be
written three ways. It is used to rank name searches and to *suggest* links, never to merge.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz
from unidecode import unidecode

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
UNMATCHED_TOKEN = 0.4  # what a word of the longer name that the shorter one lacks still scores
INITIAL_MATCH = 0.75  # "T." for "Tomás"
WORD_MATCH_MIN = 85.0  # rapidfuzz ratio for two words to count as the same word (typos)


@lru_cache(maxsize=4096)
def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-case ASCII words: "Tomás  Réyes-Ortiz" -> ("tomas", "reyes", "ortiz")."""
    ascii_name = unidecode(name).lower()
    return tuple(t for t in _NON_ALNUM.split(ascii_name) if t)


def _token_score(a: str, b: str) -> float:
    if len(a) == 1 or len(b) == 1:
        return INITIAL_MATCH if a[0] == b[0] else 0.0
    ratio = fuzz.ratio(a, b)
    return ratio / 100.0 if ratio >= WORD_MATCH_MIN else 0.0


@lru_cache(maxsize=8192)
def name_similarity(a: str, b: str) -> float:
    """0..1: 1.0 for the same name up to case, accents and word order; ~0.875 for "T. Reyes"
    vs "Tomás Reyes"; 0.7 for a surname alone against a full name; 0 for different names."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return 0.0
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    # Greedy matching, full words first so that an initial cannot take a surname's partner.
    used: set[int] = set()
    scores: list[float] = []
    full_word_hit = False
    for tok in sorted(short, key=lambda t: -len(t)):
        best, best_i = 0.0, -1
        for i, other in enumerate(long_):
            if i in used:
                continue
            score = _token_score(tok, other)
            if score > best:
                best, best_i = score, i
        if best_i >= 0:
            used.add(best_i)
            if len(tok) > 1 and len(long_[best_i]) > 1:
                full_word_hit = True
        scores.append(best)
    if not full_word_hit:
        matched = 0.0
    else:
        unmatched = len(long_) - len(short)
        matched = (sum(scores) + UNMATCHED_TOKEN * unmatched) / len(long_)
    whole = fuzz.token_sort_ratio(" ".join(ta), " ".join(tb)) / 100.0
    # The whole-string ratio only rescues near-identical spellings, not chance overlaps.
    return round(max(matched, whole if whole >= 0.9 else 0.0), 3)


__all__ = ["name_similarity", "name_tokens"]
