"""Raw article text -> clean text, with a map of offsets back to the source.

Real articles come as copy-pastes: link leftovers such as "(nouvelle fenêtre)", lines broken in
the middle of a sentence, paragraphs pasted twice, a `date 2020-03` header, non-breaking spaces
inside numbers. The extractor reads the clean text; evidence spans point into it, and
`CleanText.source_offset` maps them back to the raw text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

# Same-length substitutions first, so that they need no offset bookkeeping.
_CHAR_MAP = str.maketrans(
    {
        "\u00a0": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u2032": "'",
        "\u00ad": " ",
        "\u2010": "-",
        "\u2011": "-",
        "\u2212": "-",
        "\t": " ",
        "\u200b": " ",
        "\ufeff": " ",
    }
)

# str.translate walks every character in Python's slow path when the map is not ASCII; a regular
# expression finds the few characters to replace in C.
_MAPPED_CHARS = re.compile("[" + re.escape("".join(chr(c) for c in _CHAR_MAP)) + "]")


def _map_chars(text: str) -> str:
    return _MAPPED_CHARS.sub(lambda m: str(_CHAR_MAP[ord(m.group())]), text)


# Not from inside a run of spaces: trying each of its spaces as a start made long runs quadratic.
_LINK_LEFTOVER = re.compile(
    r"(?<!\s)\s*[(\[](?:nouvelle fen[eê]tre|s'ouvre dans une? nouv(?:el|elle) (?:onglet|fen[eê]tre)|"
    r"lien externe|opens? in (?:a )?new (?:tab|window)|new window|external link)[)\]]"
    # a state inside an organisation's name, as a trade paper writes it: "Pell (Fla.) Family Physicians"
    r"|(?-i:(?<=[a-z]) \((?:[A-Z][a-z]{1,5}|[A-Z]\.[A-Z])\.\)(?= [A-Z]))",
    re.IGNORECASE,
)
_HEADER_DATE = re.compile(
    r"^\s*(?:date|dat[ée]|published|publi[ée](?: le)?|mis à jour(?: le)?|updated(?: on)?|le)\s*:?\s*"
    r"(?P<iso>\d{4}-\d{2}(?:-\d{2})?)(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s*",
    re.IGNORECASE,
)
_HEADER_LINE = re.compile(
    r"^\s*(?:publi[ée]|mis à jour|modifi[ée]|updated|published|posted)\b[^\n]{0,80}$",
    re.IGNORECASE,
)
# "Publié le 24/07/2025 à 14:50" glued to the lead's first words by a page's layout
_HEADER_PREFIX = re.compile(
    r"^\s*(?:publi[ée]|mis à jour|modifi[ée]|updated|published|posted)(?: le| on)?\s*:?\s*"
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?:\s*(?:à|at|-|,)?\s*\d{1,2}\s*[h:]\s*\d{2})?",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"^\s*(?:[>»•*-]+\s*)?(?:lire aussi|[àa] lire (?:aussi|également)|read more|related|voir aussi|sur le même sujet|"
    r"abonnez-vous|partager|share|newsletter|publicité|advertisement|"
    # a page's furniture: "Powered by X", "Subscribe to our Newsletter", "expand image", "X logo"
    r"powered by\b|propulsé par\b|subscribe\b|inscrivez-vous\b|expand image$|user icon\b|[^\n]{0,50}\blogo$|menu$|"
    r"(?:photo|illustration|crédit|crédits|image)\s*:|©|"
    # a breadcrumb that ends in the headline cut short: "Accueil Cybersécurité Attaque par ... : les..."
    r"(?:accueil|home)\s[^\n]{0,200}(?:\.\.\.|…)$)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…]\s*$")
# Words a page's layout glued together: "du Département deSeine-et-Marne", "depuis le 6novembre", a
# tag glued to the lead ("cyberattaqueA partir du 25 avril").
_GLUED = re.compile(
    r"\b(?:de|du|des|le|la|les|au|aux|en)(?=[A-ZÀÂÇÉÈÊÎÔ][a-zàâçéèêëîïôûùüÿœ]{2})"
    r"|\b[a-zàâçéèêëîïôûùüÿœ]{4,}(?=[A-ZÀÂÇÉÈÊÎÔ](?:\s|[a-zàâçéèêëîïôûùüÿœ]))"
    r"|(?<=\d)(?=(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b)"
)
_CONTINUATION = re.compile(r"^\s*(?:[a-zàâçéèêëîïôûùüÿœ]|[,.;:)»”\]]|et\b|ou\b)")


@dataclass
class CleanText:
    """The clean text, the header date found while cleaning, and the offset map."""

    text: str
    header_published: str | None = None
    header_line: str | None = None  # "Publié le 5 mai 2014 à 10h": read by the date grammar
    # (clean_start, source_start) pairs of the pieces the clean text was built from, in order.
    _pieces: list[tuple[int, int]] = field(default_factory=list, repr=False)

    def source_offset(self, offset: int) -> int:
        """The offset in the raw text of a character of the clean text."""
        if not self._pieces:
            return offset
        starts = [p[0] for p in self._pieces]
        i = max(0, bisect.bisect_right(starts, offset) - 1)
        clean_start, source_start = self._pieces[i]
        return source_start + (offset - clean_start)


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pieces: list[tuple[int, int]] = []
        self.length = 0

    def add(self, text: str, source_start: int) -> None:
        if text:
            self.pieces.append((self.length, source_start))
            self.parts.append(text)
            self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


_NON_WORD = re.compile(r"\W+")


def _normalize_key(text: str) -> str:
    return _NON_WORD.sub(" ", text).strip().casefold()


def clean(raw: str) -> CleanText:
    """Clean an article's text and remember where each clean character came from."""
    source = _map_chars(raw).replace("\r\n", "\n ").replace("\r", "\n")
    header_published: str | None = None
    header_line: str | None = None
    lines: list[tuple[str, int]] = []  # (line without leftovers, offset in source)
    offset = 0
    for line in source.split("\n"):
        start = offset
        offset += len(line) + 1
        if header_published is None and len(lines) < 4:
            header = _HEADER_DATE.match(line)
            if header:
                header_published = header.group("iso")
                line, start = line[header.end() :], start + header.end()
        stripped = line.strip()
        if not stripped:
            lines.append(("", start))
            continue
        if _BOILERPLATE_LINE.match(stripped) or ("©" in stripped and len(stripped) < 160):
            continue
        glued = _HEADER_PREFIX.match(line) if len(lines) < 6 else None
        if glued and line[glued.end() :].strip():
            header_line = header_line or glued.group(0).strip()
            line, start = line[glued.end() :], start + glued.end()
        elif len(lines) < 6 and _HEADER_LINE.match(stripped):
            header_line = header_line or stripped
            continue
        lead = len(line) - len(line.lstrip())
        lines.append((line.strip(), start + lead))

    builder = _Builder()
    seen_paragraphs: set[str] = set()
    paragraph: list[tuple[str, int]] = []

    def flush() -> None:
        if not paragraph:
            return
        key = _normalize_key(" ".join(t for t, _ in paragraph))
        if key and key not in seen_paragraphs:
            seen_paragraphs.add(key)
            if builder.length:
                builder.add("\n", paragraph[0][1])
            for i, (text, start) in enumerate(paragraph):
                if i:
                    joiner = "" if re.match(r"[,.;:)»”\]]", text) else " "
                    builder.add(joiner, start)
                _add_without_leftovers(builder, text, start)
        paragraph.clear()

    for text, start in lines:
        if not text:
            flush()
            continue
        if paragraph and _continues(paragraph[-1][0], text):
            paragraph.append((text, start))
            continue
        flush()
        paragraph.append((text, start))
    flush()
    return CleanText(builder.text(), header_published, header_line, builder.pieces)


def _continues(previous: str, line: str) -> bool:
    """A line broken in the middle of a sentence goes on with lowercase or punctuation."""
    previous = _LINK_LEFTOVER.sub("", previous)
    return not _SENTENCE_END.search(previous) and bool(_CONTINUATION.match(line))


def _add_without_leftovers(builder: _Builder, text: str, start: int) -> None:
    if "(" not in text and "[" not in text:
        _add_unglued(builder, text, start)
        return
    position = 0
    for leftover in _LINK_LEFTOVER.finditer(text):
        _add_unglued(builder, text[position : leftover.start()], start + position)
        position = leftover.end()
    _add_unglued(builder, text[position:], start + position)


def _add_unglued(builder: _Builder, text: str, start: int) -> None:
    position = 0
    for glue in _GLUED.finditer(text):
        builder.add(text[position : glue.end()], start + position)
        builder.add(" ", start + glue.end())
        position = glue.end()
    builder.add(text[position:], start + position)
