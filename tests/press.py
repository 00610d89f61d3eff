"""Short press articles written for the reliability tests: invented organisations, varied facts.

A module of its own (not conftest.py) so that tests and bench/ scripts import it by a unique name.
"""

from __future__ import annotations

from pathlib import Path

_FIRST = ["Ver", "Del", "Mar", "Cor", "Bel", "Tal", "Ros", "Mon", "Lan", "Sal", "Quin", "Bra"]
_SECOND = ["naux", "moris", "vence", "tisse", "léane", "gorel", "dine", "brac", "veline", "tour"]
_KINDS = [
    ("La mutuelle", "ses adhérents"), ("La clinique", "ses patients"), ("Le transporteur", "ses clients"),
    ("L'éditeur de logiciels", "ses clients"), ("La mairie de", "ses administrés"),
]
_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "septembre", "octobre", "novembre"]


def organisation(i: int) -> str:
    return _FIRST[i % len(_FIRST)] + _SECOND[(i // len(_FIRST)) % len(_SECOND)]


def article(i: int, variant: int = 0) -> str:
    """Article `i` about organisation `i`; another `variant` is another paper's text on the same breach."""
    name = organisation(i)
    kind, who = _KINDS[i % len(_KINDS)]
    day, month, year = 1 + i % 27, _MONTHS[i % len(_MONTHS)], 2020 + i % 5
    count = f"{(i % 90 + 10) * 1000:,}".replace(",", " ")
    if variant == 0:
        return (
            f"{kind} {name} victime d'une fuite de données\n\n"
            f"{kind} {name} a annoncé le {day} {month} {year} avoir été victime d'une cyberattaque. "
            f"Des pirates ont dérobé les données personnelles de {count} de {who} : noms, adresses "
            "électroniques et numéros de téléphone. Les mots de passe ne sont pas concernés, précise "
            "l'organisation, qui a porté plainte et notifié la CNIL.\n"
        )
    return (
        f"Cyberattaque : {name} confirme le vol de données\n\n"
        f"Selon nos informations, {name} a reconnu le {day} {month} {year} qu'un attaquant avait copié "
        f"les fichiers de {count} de {who}, dont leurs dates de naissance et leurs adresses postales. "
        f"Une plainte a été déposée, et la CNIL a été informée (version {variant}).\n"
    )


def write_articles(folder: Path, count: int, *, start: int = 0, variant: int = 0) -> list[Path]:
    """`count` articles as .txt files in `folder`, named so that they sort in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"article-{i:04d}-{variant}.txt"
        path.write_text(article(i, variant), encoding="utf-8")
        paths.append(path)
    return paths
