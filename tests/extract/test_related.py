"""Earlier or other incidents an article recalls become non-primary incidents."""

import pytest

import fuites
from fuites.extract.related import recalls_other_incident
from fuites.extract.text import split_sentences
from fuites.vocab import load


def related(text: str, published: str | None = None) -> list[tuple[str | None, int | None]]:
    document = fuites.extract(text, published=published)
    return [(i.victim, i.affected.count if i.affected else None) for i in document.incidents if not i.primary]


def test_an_earlier_breach_of_the_same_victim_is_recalled_with_its_count() -> None:
    text = ("L'opérateur Télécom Azur a reconnu le vol des données de 1,3 million de clients. "
            "En février dernier, l'opérateur avait déjà reconnu une intrusion touchant quelque 800 000 de ses clients.")
    assert related(text, "2024-05") == [("Télécom Azur", 800_000)]


def test_another_organisations_incident_is_its_own() -> None:
    text = ("Le transporteur Colivia a détecté des accès non autorisés à sa plateforme de suivi des colis. "
            "Lundi, trois jours avant Noël, La Poste avait été victime d'une attaque par déni de service.")
    assert [victim for victim, _ in related(text)] == ["La Poste"]


@pytest.mark.parametrize(
    "text, other",
    [
        # the accounts of another organisation affected by an attack, in a sentence of its own
        (
            "Des « centaines de milliers » de clients de Marvélo piratés\n\n"
            "L'enseigne Marvélo a été victime d'un vol de données visant les comptes de fidélité de ses clients. "
            "L'année a été marquée par d'autres attaques. En juillet, plus de quatre millions de comptes clients "
            "de Télévia ont été affectés par une cyberattaque.",
            ("Télévia", 4_000_000),
        ),
        # a sentence opening on "Sans compter" recalls another incident
        (
            "Cyberattaque chez Bricomax : les données de centaines de milliers de clients dérobées\n\n"
            "L'enseigne Bricomax a été victime d'une cyberattaque visant les comptes de fidélité de centaines de "
            "milliers de ses clients. Cette attaque survient dans un contexte tendu. Sans compter l'annonce récente "
            "de l'agence Emploitec concernant la divulgation potentielle des données de 1,6 million de jeunes.",
            ("Emploitec", 1_600_000),
        ),
    ],
)
def test_another_organisations_incident_told_apart_keeps_its_count(text: str, other: tuple[str, int]) -> None:
    document = fuites.extract(text, published="2025-09")
    assert document.primary is not None and document.primary.affected is not None
    assert (document.primary.affected.count, document.primary.affected.qualifier) == (100_000, "order")
    assert related(text, "2025-09") == [other]


def test_the_group_that_owns_the_other_brands_hit_is_no_incident_of_its_own() -> None:
    text = (
        "La chaîne Outimax, enseigne du groupe Varnel, a été victime d'une cyberattaque visant ses clients. "
        "D'autres enseignes du groupe Varnel, comme Bricomax, ont également été la cible de cyberattaques "
        "au cours des derniers mois."
    )
    assert [victim for victim, _ in related(text, "2025-09")] == ["Bricomax"]


def test_background_in_the_past_perfect_recalls_nothing() -> None:
    text = ("Le fabricant Mécanor a confirmé une attaque par rançongiciel. "
            "Le spécialiste du décolletage, installé à Cluses, avait été frappé le 3 novembre.")
    assert related(text, "2025-11-12") == []


def test_a_provider_breach_that_hit_several_clients_is_an_incident_of_its_own() -> None:
    text = ("La mutuelle Prévia a commencé à écrire à 12 000 adhérents dont les données ont été dérobées "
            "lors d'une cyberattaque visant son prestataire Gestalis. "
            "Gestalis, qui gère le tiers payant d'une quinzaine d'organismes, a subi une intrusion dans ses serveurs.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Prévia"
    assert "supplier" in document.primary.attack
    assert [i.victim for i in document.incidents if not i.primary] == ["Gestalis"]


def test_each_section_of_a_digest_is_its_own_incident() -> None:
    text = (
        "Les fuites de la semaine : un transporteur, une mairie et un club\n\n"
        "Transports Vallée d'Or : 40 000 clients exposés\n\n"
        "Le transporteur Transports Vallée d'Or a reconnu mardi une intrusion dans son logiciel de réservation. "
        "Les noms et numéros de téléphone de 40 000 clients ont été consultés.\n\n"
        "Mairie de Belcombe : le rançongiciel paralyse les services\n\n"
        "Les services en ligne de la mairie de Belcombe sont à l'arrêt depuis lundi après une attaque par rançongiciel "
        "revendiquée par le groupe Qilin.\n\n"
        "Racing Club Pontivien : les abonnés en vente\n\n"
        "Un vendeur propose sur un forum les adresses e-mail de 8 000 abonnés du Racing Club Pontivien."
    )
    document = fuites.extract(text, published="2025-03-14")
    main = document.incidents[0]
    assert main.victim == "Transports Vallée d'Or" and main.attack == ["intrusion"] and main.actors == []
    (town, town_count), club = related(text, "2025-03-14")
    assert town.endswith("Belcombe") and town_count is None
    assert club == ("Racing Club Pontivien", 8000)


def test_the_entries_of_a_list_of_data_are_no_stories_of_a_digest() -> None:
    from fuites.extract.related import digest_sections
    from fuites.extract.text import split_sentences
    from fuites.extract.victim import Candidate

    text = ("L'éditeur Ormelia a confirmé une fuite. La fuite contiendrait :\n\n- Identifiants de connexion\n\n"
            "- Sociétés et métiers des clients\n\nOrmelia a prévenu ses clients.")
    sentences = split_sentences(text)

    def named(name: str) -> Candidate:
        at = text.index(name)
        return Candidate(name, spans=[(at, at + len(name))], score=2.0)

    # names a model may take from a list's entries: no story is told in either
    ormelia, numbers, firms = named("Ormelia"), named("Identifiants"), named("Sociétés")
    assert digest_sections(sentences, [ormelia, numbers, firms], ormelia) == {}


def test_two_names_joined_by_et_and_each_named_apart_are_two_victims() -> None:
    text = (
        "Assurés : les mutuelles s'adaptent après l'attaque visant Pavenis et Orlyne\n"
        "Les données de 20 millions d'assurés ont été dérobées chez Pavenis, qui gère le tiers payant. "
        "Orlyne n'a pas souhaité commenter."
    )
    assert [victim for victim, _ in related(text, "2024-02")] == ["Orlyne"]  # not the headline's rubric


def test_others_recalled_as_a_plural_subject_are_not_the_main_victim_again() -> None:
    text = ("Le fournisseur d'accès Corvane, qui dessert les mairies du canton, a été visé lundi par une attaque "
            "DDoS. Les mairies du canton avaient déjà subi une cyberattaque l'hiver dernier.")
    assert related(text, "2024-03") == []


def test_reported_speech_in_the_past_perfect_is_the_articles_incident() -> None:
    text = ("Hackers knocked Brightwater College offline on Monday. "
            "The college confirmed it had been hit by a denial-of-service attack, and said no data was taken.")
    document = fuites.extract(text, published="2025-01-22")
    assert [i.primary for i in document.incidents] == [True]
    assert document.incidents[0].attack == ["ddos"]


def test_after_one_hospital_it_is_anothers_turn() -> None:
    text = ("Après le CHU de Vannes, touché la semaine dernière, c'est le centre hospitalier de Ploërmel, dans le "
            "Morbihan, qui a été victime, vendredi 30 juin, d'une intrusion dans son système informatique. "
            "Les services fonctionnent en mode dégradé.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Centre hospitalier de Ploërmel"
    assert [victim for victim, _ in related(text)] == ["CHU de Vannes"]


def test_another_body_that_was_robbed_too_is_recalled() -> None:
    text = ("La mutuelle Solvia a confirmé le vol des noms et adresses de 12 000 adhérents lors d'une cyberattaque. "
            "De son côté, la caisse Primavie s'est elle aussi fait voler les données de ses adhérents le mois dernier. "
            "L'office Domia a également annoncé début décembre avoir été victime d'un piratage informatique.")
    assert [victim for victim, _ in related(text)] == ["Primavie", "Domia"]


def test_after_one_retailer_it_is_anothers_turn_without_c_est() -> None:
    text = ("Après Vetimax, au tour de Bricoval de subir une cyberattaque\n"
            "L'enseigne Bricoval a annoncé le vol des noms et adresses de 400 000 clients de son programme de "
            "fidélité. Cette cyberattaque survient juste après celle subie par Vetimax.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Bricoval"
    assert [victim for victim, _ in related(text)] == ["Vetimax"]


def test_attacks_the_group_claimed_before_are_recalled() -> None:
    text = ("Des pirates réclament une rançon au ministère de la Culture\n"
            "Le groupe Nocturne affirme avoir piraté le ministère de la Culture et menace de publier des fichiers. "
            "Des attaques contre Velmont, Ardeco ou encore Brisal ont été revendiquées ces derniers mois.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Ministère de la Culture"
    assert {"Velmont", "Ardeco", "Brisal"} <= {victim for victim, _ in related(text)}


def test_an_earlier_victim_whose_name_is_a_surname_is_still_an_organisation() -> None:
    text = ("Après Charpentier, au tour de Bricoval de subir une cyberattaque\n"
            "L'enseigne Bricoval a annoncé le vol des noms et adresses de 400 000 clients de son programme de "
            "fidélité.")
    assert [victim for victim, _ in related(text)] == ["Charpentier"]


def test_others_the_gang_went_after_and_another_attack_that_hit_one_are_recalled() -> None:
    text = ("L'éditeur Maxilog a été victime d'un rançongiciel : des données de ses clients ont été volées. Ce sont "
            "les pirates du groupe Nocturne qui se cachent derrière l'attaque. Ils se sont également attaqués aux "
            "entreprises Velmont et Ardeco. L'attaque a été détectée une semaine après une autre attaque par "
            "rançongiciel ayant visé le Palais des Congrès Brisal.")
    assert {"Velmont", "Palais des Congrès Brisal"} <= {victim for victim, _ in related(text)}


def test_others_hit_in_the_same_wave_share_the_attackers_and_their_means() -> None:
    text = ("Le groupe de hackers Nocturne revendique une attaque par rançongiciel contre l'éditeur Maxilog. Ils "
            "se sont également attaqués aux entreprises Velmont et Ardeco. Après Brisal, c'est au tour de Maxilog.")
    document = fuites.extract(text)
    others = {incident.victim: incident for incident in document.incidents[1:]}
    assert others["Velmont"].actors == document.primary.actors == ["Nocturne"]
    assert "ransomware" in others["Velmont"].attack
    assert others["Brisal"].actors == []


def test_another_victim_and_what_the_company_then_admits_are_its_own_incident() -> None:
    text = ("Le groupe Ondival a été victime d'une cyberattaque revendiquée par le gang Nocturne. "
            "Marbrel Environnement, un industriel du recyclage, est une autre victime confirmée. L'entreprise admet "
            "qu'un rançongiciel a chiffré ses serveurs de facturation.")
    document = fuites.extract(text)
    others = {incident.victim: incident for incident in document.incidents if not incident.primary}
    assert document.primary is not None and document.primary.victim == "Ondival"
    assert "ransomware" in others["Marbrel Environnement"].attack
    assert "ransomware" not in document.primary.attack


def test_another_organisation_said_hit_in_a_sentence_of_its_own_is_its_own_incident() -> None:
    text = ("La Mutuelle nationale des forestiers (MNF), qui compte 90 000 adhérents, a été victime d'une "
            "cyberattaque, a annoncé vendredi la mutuelle. « On a détecté une intrusion », a déclaré un "
            "porte-parole de la MNF. "
            "La mutuelle a signalé l'incident à la Commission nationale de l'informatique et des libertés. "
            "En début de semaine, le centre hospitalier de Brévanne a été touché par une cyberattaque par "
            "rançongiciel.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim in {"MNF", "Mutuelle nationale des forestiers"}
    assert "ransomware" not in document.primary.attack
    assert [i.victim for i in document.incidents if not i.primary] == ["Centre hospitalier de Brévanne"]


def test_a_town_hit_last_month_is_recalled_and_a_council_named_twice_is_one_victim() -> None:
    town = ("La mairie de Brévilliers a été victime d'une escroquerie au faux fournisseur par des pirates. "
            "En novembre dernier, c'est la mairie de Sainte-Anne-sur-Mer qui était frappée par les pirates.")
    council = ("Le Département a été victime d'une cyberattaque. "
               "Le Conseil départemental d'Eure-et-Vienne a été victime le week-end dernier d'une attaque d'ampleur.")
    assert [victim for victim, _ in related(town)] == ["Sainte-Anne-sur-Mer"]
    assert related(council) == []


@pytest.mark.parametrize(
    "recall",
    [
        "Ces derniers mois, des attaques similaires ont visé des chaînes de cliniques privées.",
        "Le 25 octobre, des dizaines de sites avaient déjà été victimes d'un piratage similaire.",
        "Par son ampleur, l'attaque dépasse largement les incidents précédents connus par l'hôpital.",
    ],
)
def test_unnamed_others_and_a_comparison_recall_no_incident_of_the_victim(recall: str) -> None:
    text = "L'hôpital Saint-Brévin a été victime d'une cyberattaque par rançongiciel. " + recall
    assert related(text) == []


def test_what_was_taken_on_that_earlier_occasion_is_the_earlier_incidents() -> None:
    text = (
        "Le distributeur d'eau Voltaria a subi une cyberattaque qui a exposé des noms et des données de contact. "
        "L'entreprise avait déjà connu un piratage en 2019. À cette occasion, les pirates avaient dérobé des "
        "numéros de téléphone et des courriels."
    )
    main = fuites.extract(text).primary
    assert main is not None and "phone" not in main.data and "email" not in main.data


def test_a_spanish_identity_number_is_a_national_id_not_a_name() -> None:
    text = ("Chez Voltaria, les pirates ont dérobé des adresses et le DNI (document national d'identité) de "
            "chaque client.")
    main = fuites.extract(text).primary
    assert main is not None and sorted(main.data) == ["national_id", "postal_address"]


def test_an_earlier_victim_named_far_down_a_long_article_is_found() -> None:
    lead = ("La Régie des eaux de Valmont a été victime d'une cyberattaque qui a paralysé ses services en ligne. "
            "Les abonnés ne peuvent plus consulter leurs factures depuis lundi. ")
    background = "La régie rappelle que les relevés de compteurs se poursuivent dans toutes les communes. " * 12
    recalled = ("Au printemps, la Direction Générale des Douanes et des Taxes (DGDT) avait été victime d'un "
                "piratage de ses serveurs.")
    assert [victim for victim, _ in related(lead + background + recalled)] == ["DGDT"]


def test_an_event_during_which_an_attack_happened_is_no_victim() -> None:
    text = ("Le musée Vernier a été victime d'un rançongiciel. Quinze jours plus tôt, une autre attaque par "
            "rançongiciel avait visé le Palais des Congrès pendant les Jeux olympiques.")
    assert "Jeux olympiques" not in [victim for victim, _ in related(text)]


def test_what_the_authors_of_a_recalled_attack_had_done_stays_with_it() -> None:
    text = ("La bibliothèque de Valmont a été victime d'une cyberattaque par rançongiciel lundi. "
            "Le mois dernier, une autre attaque avait déjà visé le Musée Vernier. "
            "Les auteurs avaient alors bloqué la billetterie du musée et menacé de publier ses fichiers.")
    document = fuites.extract(text)
    assert document.primary is not None and "extortion" not in document.primary.attack


def test_a_town_added_to_a_list_recalls_the_towns_hit_before_it() -> None:
    text = ("La Ville de Valmoret victime d'une cyberattaque\n"
            "La Ville de Valmoret a été victime d'une attaque par rançongiciel samedi. "
            "Valmoret s'ajoute à une liste déjà longue de communes rançonnées, comme avant elle Brenneville, "
            "Saint-Aubrac ou Morlanges.")
    victims = [victim for victim, _ in related(text)]
    assert "Valmoret" not in victims and "Ville de Valmoret" not in victims
    assert victims and set(victims) <= {"Brenneville", "Saint-Aubrac", "Morlanges"}


def test_the_attackers_earlier_victims_share_their_name_and_a_group_close_to_them_is_not_one() -> None:
    text = ("Sportimo visé par un rançongiciel\n"
            "L'enseigne Sportimo a été victime d'une cyberattaque par rançongiciel revendiquée par le groupe Velkor. "
            "Selon des chercheurs, ces pirates seraient liés au groupe Conti. "
            "Le groupe a déjà attaqué Radiomax, Telvia ou encore Ondix l'an passé.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.actors == ["Velkor"]
    recalled = {i.victim: i.actors for i in document.incidents if not i.primary}
    assert recalled == {"Radiomax": ["Velkor"], "Telvia": ["Velkor"], "Ondix": ["Velkor"]}


def test_a_country_before_a_name_after_en_is_where_it_lies() -> None:
    text = ("Le Vigilant privé de son site\n"
            "Le quotidien Le Vigilant est victime d'une cyberattaque depuis mardi. "
            "En France M7 a déjà été touchée par une attaque au rançongiciel en 2019.")
    assert [victim for victim, _ in related(text)] == ["M7"]


@pytest.mark.parametrize(
    "text",
    [
        "Le magazine Le Vigile s'ajoute à cette liste déjà longue, où figurent Telvia et Ondix.",
        "Depuis l'été, de nombreuses enseignes ciblées ont dû prévenir leurs clients, Ondix la première.",
    ],
)
def test_a_list_others_are_added_to_and_many_shops_targeted_recall_other_incidents(text: str) -> None:
    assert recalls_other_incident(split_sentences(text)[0], load("fr"))


def test_another_body_said_hit_in_a_relative_clause_is_recalled() -> None:
    text = ("Fuite de données chez la mutuelle Kerlane après une cyberattaque\n"
            "La mutuelle Kerlane a annoncé le vol des données de 40 000 adhérents. Le secteur n'est pas épargné : "
            "l'an passé, la clinique Sainte-Ombeline qui a été ciblée par un rançongiciel a fermé trois jours.")
    assert related(text, "2025-03") == [("Clinique Sainte-Ombeline", None)]


def test_another_body_hit_with_the_main_victim_is_an_incident_beside_it() -> None:
    pair = ("Deux brasseries à l'arrêt après un piratage\n"
            "Les sociétés luxembourgeoises Kobara Réseaux (brasserie) et Talvane Énergie (distillerie) ont été "
            "victimes d'un rançongiciel samedi 2 mars.")
    aside = ("Les Menuiseries Brévaut, installées dans la zone industrielle du Cormoran, ont été victimes d'une "
             "attaque par rançongiciel dans la nuit de dimanche à lundi.")
    assert related(pair) == [("Talvane Énergie", None)]
    assert related(aside) == []


def test_every_name_in_a_list_said_hit_with_the_main_victim_is_an_incident_beside_it() -> None:
    three = ("Trois enseignes visées par des hacktivistes\n"
             "Les sites de Marvelle, Ostrade et Kerbival ont été piratés jeudi par le collectif Nordlame. "
             "Marvelle a confirmé le vol des adresses mail de 3 000 clients.")
    down = ("Des hacktivistes s'en prennent aux sites de trois enseignes\n"
            "Le collectif Nordlame revendique une cyberattaque. Les sites de Marvelle, Ostrade et Kerbival sont "
            "hors ligne depuis jeudi. Marvelle a confirmé le vol des adresses mail de 3 000 clients.")
    assert related(three) == [("Ostrade", None), ("Kerbival", None)]
    assert related(down) == [("Ostrade", None), ("Kerbival", None)]


def test_a_name_that_looks_like_a_persons_in_a_list_of_companies_hit_is_a_company() -> None:
    text = ("Les boutiques en ligne de Brico Kestrel, Valmora Distribution et Pierre Valois sont hors ligne depuis "
            "jeudi après une cyberattaque revendiquée par le collectif Nordlame.")
    assert [victim for victim, _ in related(text)] == ["Valmora Distribution", "Pierre Valois"]


def test_towns_a_place_lies_between_are_no_other_victims() -> None:
    document = fuites.extract(
        "La mairie de Valmont (Pas-de-Calais), située entre Lille et Arras, a été victime mardi d'une cyberattaque, "
        "selon son maire. Les agents travaillent hors réseau."
    )
    assert [incident.victim for incident in document.incidents] == ["Valmont"]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (
            "Le ransomware Krypta s'en prend à Lumacore\nAprès avoir publié des informations de Vextor, puis "
            "piraté les serveurs du centre hospitalier de Brenac, le ransomware Krypta s'en prend au groupe Lumacore.",
            "fr",
            ["Centre hospitalier de Brenac", "Vextor"],
        ),
        (
            "Cyberattaque chez Ferrovia\n\nLe groupe Krypta a chiffré les serveurs de l'aciériste Ferrovia. "
            "En novembre, c'était le tour de la "
            "compagnie pétrolière mexicaine Petronova.",
            "fr",
            ["Petronova"],
        ),
        (
            "Hackers stole card data from Dalton Stores. Companies affected in that heist included the likes of "
            "Brightmart, Pennyworth, and Calloway.",
            "en",
            ["Brightmart", "Calloway", "Pennyworth"],
        ),
    ],
)
def test_the_attackers_earlier_victims_and_others_hit_are_incidents_of_their_own(
    text: str, lang: str, expected: list[str]
) -> None:
    assert sorted(victim or "" for victim, _ in related(text, "2025-12")) == expected


def test_another_organisations_breach_named_in_the_wake_of_is_its_own_incident() -> None:
    text = (
        "Helvora says hackers stole the data of all its customers\n\n"
        "Health insurer Helvora says hackers accessed the personal data of all of its 3 million customers. "
        "In the wake of the Northwind data breach last month, experts shared tips on how to protect yourself."
    )
    assert [victim for victim, _ in related(text, "2025-11")] == ["Northwind"]


def test_each_town_of_a_recalled_list_keeps_the_date_after_its_name() -> None:
    text = ("La mairie de Valbourg a été victime d'une cyberattaque qui paralyse ses services. Avant elle, "
            "les villes de Morteville le 24 septembre et de Saint-Anselme le 21 janvier dernier avaient déjà été "
            "piratées.")
    document = fuites.extract(text, published="2022-10")
    dated = {i.victim: i.occurred for i in document.incidents if not i.primary}
    assert dated == {"Morteville": "2022-09-24", "Saint-Anselme": "2022-01-21"}


@pytest.mark.parametrize(
    "recall",
    [
        "En octobre 2024, l'université de Cerval avait aussi été touchée par une cyberattaque.",
        "Victime elle aussi d'un rançongiciel en octobre 2024, l'université de Cerval avait porté plainte.",
        "En octobre 2024, c'était le tour de l'université de Cerval.",
    ],
)
def test_an_earlier_victim_said_hit_too_is_dated(recall: str) -> None:
    text = ("L'école Polymarc a été victime d'une fuite de données touchant 3 000 étudiants. " + recall)
    document = fuites.extract(text, published="2025-03")
    assert [(i.victim, i.occurred) for i in document.incidents if not i.primary] == [
        ("Université de Cerval", "2024-10")
    ]


@pytest.mark.parametrize(
    "text, others",
    [
        (
            "Après Télérive et Fibrex l'an passé, l'opérateur Connecto est à son tour victime d'une intrusion. "
            "Les noms et adresses de 200 000 clients ont été dérobés.",
            ["Télérive", "Fibrex"],
        ),
        (
            "La Fédération de pétanque a été piratée : les données de 90 000 licenciés ont été volées. "
            "L'affaire fait suite à celles de l'agence Emploitec et de quelques caisses de retraite.",
            ["Emploitec"],
        ),
        (
            "L'éditeur Jeuxplay a été victime d'un incident de sécurité touchant ses serveurs. Les enquêteurs "
            "soupçonnent le gang de rançongiciel Nullbyte, déjà connu pour le piratage de Microtek et de Graphix.",
            ["Microtek", "Graphix"],
        ),
    ],
)
def test_others_hit_before_told_by_their_turn_a_sequel_or_the_gangs_fame_are_recalled(
    text: str, others: list[str]
) -> None:
    assert [victim for victim, _ in related(text)] == others


def test_towns_of_a_list_the_same_attack_hit_are_incidents_beside_the_main_one() -> None:
    text = (
        "Valcourt : le portail de la ville hors service\n\n"
        "Le portail de la ville de Valcourt a été paralysé jeudi par un déni de service. L'offensive, signée par "
        "un collectif prorusse, a aussi visé les serveurs des communes de Brévol, Nanteuil, Sorgues ou encore "
        "Verlac."
    )
    assert [victim for victim, _ in related(text)] == ["Brévol", "Nanteuil", "Sorgues", "Verlac"]


def test_an_attack_said_not_isolated_recalls_the_town_that_had_the_same_kind() -> None:
    text = (
        "Valcourt : la mairie bloquée par un virus\n\n"
        "La mairie de Valcourt a été victime d'un rançongiciel qui a chiffré ses serveurs. L'attaque contre "
        "Valcourt n'est pas isolée : la commune de Saint-Brévol a connu le même type d'attaque au printemps."
    )
    assert [victim for victim, _ in related(text)] == ["Saint-Brévol"]
