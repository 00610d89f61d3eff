"""Articles written for the batch tests: a few breaches reported more than once, and news that is none.

A module of its own name: `conftest` is taken by tests/.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ARTICLES = [
    {"id": "velmont-1", "published": "2025-03-12", "url": "https://presse.example/velmont-1",
     "title": "La mutuelle Velmont victime d'une cyberattaque",
     "text": "La mutuelle Velmont a annoncé mardi avoir été victime d'une cyberattaque. Les noms, adresses et "
             "numéros de sécurité sociale de 48 000 adhérents ont été dérobés par des pirates entre le 2 et le "
             "4 mars. La mutuelle a porté plainte et prévenu la CNIL. Les adhérents concernés recevront un "
             "courriel dans les prochains jours."},
    {"id": "velmont-2", "published": "2025-03-14", "url": "https://presse.example/velmont-2",
     "title": "Fuite de données chez Velmont : ce que l'on sait",
     "text": "Deux jours après l'annonce de la cyberattaque, la mutuelle Velmont précise que 48 000 adhérents "
             "sont touchés. Les pirates ont copié leurs noms, adresses postales et numéros de sécurité sociale. "
             "Le groupe Ragnar Locker a revendiqué l'attaque sur son site. Une plainte a été déposée."},
    {"id": "caudan-1", "published": "2025-06-02", "url": "https://presse.example/caudan",
     "title": "Le transporteur Caudan Logistique piraté",
     "text": "Le transporteur Caudan Logistique a reconnu lundi une intrusion dans son système informatique. "
             "Les adresses mail et numéros de téléphone de 12 000 clients ont été exposés. L'entreprise a "
             "informé la CNIL et ses clients par SMS. Aucune donnée bancaire n'a été touchée."},
    {"id": "meteo", "published": "2025-06-03", "url": "https://presse.example/meteo",
     "title": "Orages attendus sur la Bretagne",
     "text": "Météo-France a placé quatre départements en vigilance orange pour des orages violents mercredi. "
             "Des rafales de 90 km/h et de la grêle sont attendues en fin de journée. Les habitants sont "
             "invités à limiter leurs déplacements."},
    {"id": "caudan-copy", "published": "2025-06-02", "url": "https://autre.example/caudan",
     "title": "Le transporteur Caudan Logistique piraté",
     "text": "Le transporteur Caudan Logistique a reconnu lundi une intrusion dans son système informatique. "
             "Les adresses mail et numéros de téléphone de 12 000 clients ont été exposés. L'entreprise a "
             "informé la CNIL et ses clients par SMS. Aucune donnée bancaire n'a été touchée."},
    {"id": "brenil-1", "published": "2025-09-20", "url": "https://presse.example/brenil",
     "title": "Le centre hospitalier de Brenil paralysé par un rançongiciel",
     "text": "Le centre hospitalier de Brenil a été frappé samedi par un rançongiciel. Les pirates réclament "
             "une rançon et affirment détenir les dossiers médicaux de 3 000 patients. L'hôpital a déposé "
             "plainte et alerté l'ANSSI."},
]


def write_jsonl(path: Path, articles: list[dict[str, str]]) -> Path:
    lines = "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles)
    if path.suffix == ".gz":
        with gzip.open(path, "wt", encoding="utf-8") as out:
            out.write(lines)
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def two_shards(folder: Path) -> list[Path]:
    """Two shards: a .jsonl and a .jsonl.gz."""
    return [write_jsonl(folder / "one.jsonl", ARTICLES[:3]), write_jsonl(folder / "two.jsonl.gz", ARTICLES[3:])]
