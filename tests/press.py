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


# Sentences a paper may add; each article takes a few, so that no two texts are near-copies.
_DETAILS = [
    "L'incident a été détecté par une équipe interne lors d'un contrôle de routine.",
    "Un prestataire chargé de la maintenance du site serait à l'origine de la faille.",
    "Les personnes concernées recevront un courrier dans les prochains jours.",
    "Un numéro vert a été ouvert pour répondre aux questions des usagers.",
    "Les enquêteurs n'excluent pas une revente des fichiers sur des forums spécialisés.",
    "La direction assure que les systèmes de paiement n'ont pas été touchés.",
    "Un audit complet des serveurs a été confié à un cabinet spécialisé.",
    "Le parquet de la ville a ouvert une enquête préliminaire.",
    "Des messages d'hameçonnage pourraient cibler les victimes dans les semaines à venir.",
    "La base de données aurait été copiée sur une période de plusieurs jours.",
    "Le syndicat du personnel réclame des explications à la direction.",
    "Un premier signalement avait été adressé au service informatique en début de mois.",
    "Les sauvegardes ont permis de rétablir le service en quarante-huit heures.",
    "Aucune demande de rançon n'a été rendue publique à ce stade.",
    "Les autorités recommandent de se méfier des appels se réclamant de l'organisme.",
    "Le site web est resté inaccessible pendant toute la matinée.",
    "Un expert en sécurité juge la réaction de l'entreprise tardive.",
    "Le conseil d'administration doit se réunir en urgence la semaine prochaine.",
    "Les journaux de connexion ont été transmis aux enquêteurs.",
    "Une association de consommateurs envisage une action collective.",
]


def _details(i: int, variant: int) -> str:
    picks = [(i * 7 + variant * 3 + k * (5 + i % 3)) % len(_DETAILS) for k in range(4)]
    return " ".join(_DETAILS[p] for p in dict.fromkeys(picks))


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
            f"l'organisation, qui a porté plainte et notifié la CNIL. {_details(i, variant)} "
            f"Dossier n° {i * 7919 % 100_000}.\n"
        )
    return (
        f"Cyberattaque : {name} confirme le vol de données\n\n"
        f"Selon nos informations, {name} a reconnu le {day} {month} {year} qu'un attaquant avait copié "
        f"les fichiers de {count} de {who}, dont leurs dates de naissance et leurs adresses postales. "
        f"Une plainte a été déposée, et la CNIL a été informée. {_details(i, variant)} "
        f"Référence {variant}-{i * 104_729 % 1_000_000}.\n"
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


def record(i: int, variant: int = 0) -> dict[str, object]:
    """Article `i` as `fuites extract --format jsonl` prints it, facts given rather than extracted:
    a store test then needs no language model."""
    name = organisation(i)
    day, month, year = 1 + i % 27, 1 + i % 12, 2020 + i % 5
    data = ["name", "email", "phone"] if variant == 0 else ["date_of_birth", "postal_address"]
    incident = {"victim": name, "sector": ("health", "insurance", "transport", "software", "public")[i % 5],
                "affected": {"count": (i % 90 + 10) * 1000}, "data": data,
                "data_not": ["password"] if variant == 0 else [], "disclosed": f"{year}-{month:02d}-{day:02d}"}
    return {"doc": f"article-{i:04d}-{variant}", "published": f"{year}-{month:02d}-{day:02d}",
            "url": f"https://press.example/{i}/{variant}", "lang": "fr", "reports_incident": True,
            "text": article(i, variant), "incidents": [incident], "extractor": "test"}
