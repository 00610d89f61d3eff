"""The cue lexicons: every language gives each list the extractors read, and every cue compiles."""

import re

import pytest

from fuites.vocab import LANGUAGES, load

# Words read around a candidate name ("c'est au tour de X", "X-based", "X said"); a language that
# has no such cue gives an empty list.
_CONTEXT_CUES = (
    "after_another", "turn_of", "market_nouns", "market_trade", "attacker_nouns", "based_after", "name_adjectives",
    "supplier_after", "supplier_before", "example_cues", "source_after", "speech_after", "locative", "identifier_kinds",
    "place_before", "leading_articles", "leading_prepositions", "trailing_words",
    "not_a_name", "and_words", "or_words", "plural_verbs", "not_plural_nouns",
    "role_qualifiers", "role_name_stops", "subject_adverbs", "subject_relatives", "comma_verbs",
)
# The cues every language has words for.
_COMMON_CUES = (
    "after_another", "market_nouns", "market_trade", "attacker_nouns", "supplier_after", "supplier_before",
    "example_cues", "locative", "identifier_kinds", "place_before", "leading_articles", "leading_prepositions",
    "trailing_words", "not_a_name", "and_words", "or_words", "plural_verbs", "role_name_stops", "subject_adverbs",
    "subject_relatives",
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_gives_every_context_cue(lang: str) -> None:
    lexicon = load(lang)
    for name in _CONTEXT_CUES:
        words = lexicon.value("victim", name)
        assert isinstance(words, list), name
        for word in words:
            re.compile(word)
    assert lexicon.value("actors", "product_before")
    assert lexicon.value("actors", "not_actor")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_language_has_words_for_the_common_cues(lang: str) -> None:
    lexicon = load(lang)
    for name in _COMMON_CUES:
        assert lexicon.value("victim", name), name
