import datetime as dt

import pytest

import fuites
from fuites.extract.dates import DateContext, PartialDate, find_dates, infer_published
from fuites.extract.text import split_sentences
from fuites.vocab import load

TODAY = dt.date(2026, 11, 23)


def dates(text: str, published: PartialDate | None = None) -> list[str | None]:
    mentions = find_dates(split_sentences(text), load("fr"), DateContext(published, TODAY))
    return [m.date.iso() for m in mentions]


def test_a_weekday_fixes_the_year_when_nothing_else_does() -> None:
    assert dates("Ce dimanche 4 septembre, une liste a été publiée.") == ["2022-09-04"]


def test_without_year_or_weekday_the_date_stays_month_day() -> None:
    assert dates("Orange a constaté un accès en date du 18 avril.") == ["--04-18"]


def test_the_publication_year_comes_before_the_weekday_rule() -> None:
    assert dates("Le lundi 3 mars, l'attaque a commencé.", PartialDate(2024, 3, 10)) == ["2024-03-03"]


def test_last_february_is_resolved_against_publication() -> None:
    assert dates("En février dernier, l'opérateur avait reconnu une intrusion.", PartialDate(2014, 5)) == ["2014-02"]


def test_month_of_last_year() -> None:
    assert dates("En novembre de l'année dernière, T-Mobile a révélé une faille.", PartialDate(2020, 3)) == ["2019-11"]


def test_days_before_christmas_take_the_context_year() -> None:
    text = "Le samedi 27 décembre, il a parlé. Lundi, trois jours avant Noël, La Poste avait été victime."
    assert "2025-12-22" in dates(text, PartialDate(2025, 12))


def test_relative_weekday_against_a_dated_article() -> None:
    assert dates("Les clients ont été prévenus vendredi dernier.", PartialDate(2024, 6, 3)) == ["2024-05-31"]


def test_a_year_named_in_the_paragraph_gives_unyeared_dates_their_year() -> None:
    assert dates("L'attaque de mars 2021 a été suivie d'une plainte le 12 avril.") == ["2021-03", "2021-04-12"]


def test_this_weekday_and_day_is_the_articles_own_date() -> None:
    mentions = find_dates(
        split_sentences("Ce jeudi 14 mars, l'opérateur a confirmé."), load("fr"), DateContext(None, TODAY)
    )
    assert infer_published(mentions) == PartialDate(2024, 3, 14)


def test_an_impossible_day_is_no_date() -> None:
    assert dates("Le 31 février, la mairie a été piratée.", PartialDate(2024, 3)) == []


def test_the_next_day_and_days_later_count_from_the_date_before() -> None:
    text = (
        "Lancée le vendredi 22 novembre, l'attaque a été détectée le lendemain. "
        "Trois jours plus tard, la CNIL a été saisie."
    )
    assert dates(text, PartialDate(2024, 12, 3)) == ["2024-11-22", "2024-11-23", "2024-11-26"]


def test_a_day_range_gives_its_first_day_the_month_of_the_second() -> None:
    assert dates("Le compte a servi du 6 au 22 septembre.", PartialDate(2025, 10, 7)) == ["2025-09-06", "2025-09-22"]


def test_english_next_day_and_weeks_later() -> None:
    mentions = find_dates(
        split_sentences(
            "The attack began on March 3, 2024 and was spotted the next day. Two weeks later, letters went out."
        ),
        load("en"),
        DateContext(PartialDate(2024, 4, 1), TODAY),
    )
    assert [m.date.iso() for m in mentions] == ["2024-03-03", "2024-03-04", "2024-03-18"]


def test_a_night_is_dated_by_its_evening_unless_an_hour_after_midnight_is_given() -> None:
    published = PartialDate(2025, 11, 17)
    assert dates("L'attaque a eu lieu dans la nuit de samedi à dimanche.", published) == ["2025-11-15"]
    assert dates("Dans la nuit de samedi à dimanche, vers 3 heures, les serveurs ont été chiffrés.", published) == [
        "2025-11-16"
    ]


def test_a_founding_year_gives_no_year_to_the_other_dates_of_the_sentence() -> None:
    text = (
        "La société, qui a vendu 150 000 vélos depuis sa création en 2017, "
        "dit avoir identifié le 7 avril une anomalie."
    )
    assert "2026-04-07" in dates(text, PartialDate(2026, 4, 14))


def test_a_weekday_away_from_another_date_has_its_own() -> None:
    text = "L'agence a révélé mercredi avoir découvert début novembre un export de son fichier."
    assert dates(text, PartialDate(2025, 11, 21)) == ["2025-11-19", "2025-11"]


def test_a_dateline_on_its_own_line_dates_the_article() -> None:
    import fuites

    document = fuites.extract("Lyon, le 17 septembre 2024.\n\nLa banque Rhodia a reconnu une fuite de données.")
    assert document.published == "2024-09-17"


@pytest.mark.parametrize(
    ("header", "published"),
    [
        ("16 Jan, 2026", "2026-01-16"),
        ("(19/05/2024)", "2024-05-19"),
        ("July 21, 2023", "2023-07-21"),
        ("Par la rédaction | 7 août 2019 | Mise à jour le 15 août 2023", "2019-08-07"),
        # a bar without spaces, a byline before the bar, an hour after the date
        ("March 08, 2001|By Ann Lee.", "2001-03-08"),
        ("Staff Writer | January 7, 2025 1:05 AM", "2025-01-07"),
        ("Feb 24, 2023, 8:00 AM", "2023-02-24"),
        # an abbreviated month and "à" before the hour, a time zone, an ISO date alone
        ("5 Avr 2024 à 09:40", "2024-04-05"),
        ("14/02/2021 09:10 EST | Actualisé 14/02/2021 11:25 EST", "2021-02-14"),
        ("2023-04-11", "2023-04-11"),
        # a byline and a verb before the date, a page's source line glued to the headline by a broken line
        ("Author: Ann Lee Published 3rd Sep 2022", "2022-09-03"),
        ("Information publiée le 2 juillet 2024 à 10:05.", "2024-07-02"),
        ("information fournie par La Gazette 11/05/2018 à 08:12", "2018-05-11"),
        ("[Mis à jour le 4 mai 2017 à 7h30] Les services en ligne fonctionnent de nouveau.", "2017-05-04"),
        # the section's name after the date, a byline before it after a dash
        ("11 Aug 2021 News", "2021-08-11"),
        ("Claire Vidal - 21.09.2016", "2016-09-21"),
    ],
)
def test_a_header_date_alone_or_between_bars_dates_the_article(header: str, published: str) -> None:
    import fuites

    document = fuites.extract(f"Titre de l'article\n{header}\n\nLa banque Rhodia a reconnu une fuite de données.")
    assert document.published == published


@pytest.mark.parametrize(
    ("lines", "published"),
    [
        ("Rubrique Économie\nPar Jeanne Roy\nmardi 3 octobre 2023", "2023-10-03"),
        ("4 février 2016 / 09:12 / il y a 8 ans", "2016-02-04"),
        ("Un lecteur écrit : rien de grave.\n12 avril 2019 18:05; Act: 13.04.2019 08:40 Print", "2019-04-12"),
    ],
)
def test_a_date_line_under_the_headline_dates_the_article(lines: str, published: str) -> None:
    import fuites

    document = fuites.extract(f"Titre de l'article\n{lines}\nLa banque Rhodia a reconnu une fuite de données.")
    assert document.published == published


def test_ce_and_a_full_date_is_the_articles_own_day() -> None:
    import fuites

    document = fuites.extract("Ce 1er décembre 2025, la caisse Orvia confirme une nouvelle fuite de données.")
    assert document.published == "2025-12-01"


def test_a_numeric_dateline_under_a_month_header_gives_the_day_it_was_disclosed() -> None:
    text = ("Une école touchée par un rançongiciel\ndate 2025-03\nNamur | Belga | jeudi 13/03/2025 - Les serveurs de "
            "l'école Vernier ont été chiffrés lundi par un rançongiciel, annonce la direction.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.disclosed == "2025-03-13"


def test_of_several_years_in_a_sentence_the_articles_own_gives_dates_their_year() -> None:
    text = "La chaîne a écrit le 4 septembre à ses clients au sujet des réservations faites entre 2023 et 2025."
    assert dates(text, PartialDate(2025, 9))[0] == "2025-09-04"


def test_the_day_the_victim_reported_the_breach_to_the_press_is_its_disclosure() -> None:
    text = ("date 2025-07\nUne clinique victime d'une cyberattaque\nLes données de 12 000 patients de la clinique du "
            "Parc ont été volées, ont rapporté, jeudi 10 juillet, à l'AFP l'établissement et le parquet.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.disclosed == "2025-07-10"


@pytest.mark.parametrize(
    ("text", "occurred"),
    [
        ("La mairie de Valdor a été la cible d'une cyberattaque le 27 octobre dernier.", "--10-27"),
        ("La mairie de Valdor a fait l'objet d'une cyberattaque en février 2026.", "2026-02"),
        ("Les systèmes de l'université de Valdor avaient été verrouillés en 2019 par un rançongiciel.", "2019"),
        ("La mairie de Valdor a été la cible, fin juillet 2025, d'une cyberattaque.", "2025-07"),
        ("date 2025-08-20\nCiblée par des pirates le 4 août, la mairie de Valdor a fermé.", "2025-08-04"),
        # an outage dated by its start, a hack said in the infinitive past
        ("date 2025-08-20\nLe système de la mairie de Valdor est piraté depuis jeudi dernier.", "2025-08-14"),
        ("date 2025-08-20\nLa mairie de Valdor a subi une cyberattaque. Depuis lundi 18 août, c'est l'écran noir.",
         "2025-08-18"),
        ("date 2025-08-20\nLes mutuelles Valdor et Serin annoncent avoir été piratées fin juillet.", "2025-07"),
        # a date that opens the sentence, an attack "du" a date, a hack in the active infinitive, a file sent out
        ("date 2026-03-10\nLe 27 février dernier, la société Velbrun, spécialisée dans les logiciels destinés aux "
         "métiers de la finance et de l'assurance, a été la cible d'une cyberattaque.", "2026-02-27"),
        ("date 2022-11-17\nDans quel état est le Département de l'Orne après la cyberattaque du 6 novembre dernier ?",
         "2022-11-06"),
        ("date 2018-10-12\nLe festival Rocval a été piraté. Un étudiant est accusé d'avoir piraté les serveurs de sa "
         "billetterie le mardi 9 octobre.", "2018-10-09"),
        ("date 2022-08-14\nL'entreprise de gestion de l'eau Valdis a diffusé, vendredi 12 août, l'intégralité de "
         "son fichier clients par erreur.", "2022-08-12"),
        ("date 2022-03-01\nLa fédération Valdis a été piratée : les pirates ont pu accéder à la base par le biais "
         "d'un compte compromis le 17 février dernier.", "2022-02-17"),
        ("date 2025-01-02\nLa ville de Valdor a été victime d'une cyberattaque. Ce mardi 31 décembre au matin, ses "
         "sites n'étaient plus accessibles.", "2024-12-31"),
        ("date 2022-10-12\nLe département de Valdor victime d'une cyberattaque. Depuis samedi, plus aucun courriel "
         "ne parvient aux services.", "2022-10-08"),
        # a present infinitive after the day said: the attack was going on that day
        ("date 2023-05-12\nLa mairie de Valdor a affirmé vendredi être victime d'une cyberattaque qui bloque ses "
         "services en ligne.", "2023-05-12"),
    ],
)
def test_the_target_of_an_attack_and_systems_locked_date_when_it_happened(text: str, occurred: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.occurred == occurred


def test_an_article_dated_by_its_month_dates_yesterday_a_weekday_or_a_night_by_that_month() -> None:
    month = PartialDate(2024, 4)
    assert dates("La cyberattaque est survenue hier matin.", month) == ["2024-04"]
    assert dates("Dans la nuit de vendredi à samedi, les serveurs ont été chiffrés.", month) == ["2024-04"]
    assert dates("Les pirates ont frappé mardi.", month) == ["2024-04"]


def test_the_weekend_is_dated_by_its_saturday() -> None:
    assert dates("Le campus a été la cible d'une cyberattaque ce week-end.", PartialDate(2022, 9, 27)) == ["2022-09-24"]


@pytest.mark.parametrize(
    ("text", "discovered"),
    [
        ("date 2022-10-30\nLa mairie de Valdor a été la cible d'une cyberattaque. Quand ils ont allumé leurs "
         "ordinateurs, jeudi 27 octobre, les agents ont vu un écran noir.", "2022-10-27"),
        ("date 2019-08-10\nLa caisse Valdor a été victime d'une fuite de données. Elle a prévenu la police dès que "
         "la situation a été portée à son attention, soit le 25 juillet dernier.", "2019-07-25"),
        ("date 2021-03-02\nLa mutuelle Valdor a été victime d'une cyberattaque. La détection du problème, le "
         "9 février, a conduit à couper le réseau.", "2021-02-09"),
    ],
)
def test_a_black_screen_seen_and_a_matter_brought_to_its_attention_date_the_discovery(
    text: str, discovered: str
) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.discovered == discovered


def test_a_town_paralysed_since_a_day_dates_the_attack_and_a_yearly_tally_dates_nothing() -> None:
    text = ("Depuis vendredi 3 octobre, la commune de Fumerolles est paralysée par une cyberattaque. "
            "Le cas n'est pas isolé. En 2024, 144 communes ont été visées par des attaques.")
    primary = fuites.extract(text, published="2025-10-06").primary
    assert primary is not None and primary.occurred == "2025-10-03"
    assert primary.affected is None or primary.affected.count is None


@pytest.mark.parametrize(
    ("text", "occurred", "disclosed"),
    [
        # the attack named beside its date dates it; a verb of telling before the attack governs the date
        ("date 2024-05\nHarwick Credit Union said it suffered a cyber-attack on 27 April.", "2024-04-27", None),
        ("date 2024-05\nThe Harwick School District only now grasps how wide the April 12 cyberattack was.",
         "2024-04-12", None),
        ("date 2024-05-20\nThe Harwick Credit Union disclosed the data breach on Monday.", None, "2024-05-20"),
        # a verb of saying governs its clause, not the attack the clause names
        ("date 2024-05\nHarwick Garden Supply said the intrusion on April 3 reached about 1,200 of its "
         "loyalty members.", "2024-04-03", None),
        ("date 2024-05\nRansomware hit the town of Harwick late last week, officials said.", "2024-05", None),
        ("date 2024-05\nThe intrusion into Harwick College began in January 2023 and was found in March 2024.",
         "2023-01", None),
        ("date 2024-05\nHarwick Hotels said the cyber attack dated back to 2019.", "2019", None),
        # the dates data was registered between are not those of the attack
        ("date 2024-05\nHarwick Air said data registered between 3 June 2012 and 1 March 2024 was stolen.",
         None, None),
    ],
)
def test_english_attacks_are_dated_by_the_words_beside_them(
    text: str, occurred: str | None, disclosed: str | None
) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.occurred == occurred
    if disclosed:
        assert primary.disclosed == disclosed


def test_last_week_and_this_week_date_by_the_month_of_that_week() -> None:
    assert dates("La mairie a été piratée la semaine dernière.", PartialDate(2024, 5, 3)) == ["2024-04"]
    assert dates("La mairie a été piratée cette semaine.", PartialDate(2024, 5)) == ["2024-05"]


def test_an_outage_going_on_for_some_time_began_in_the_month_that_long_ago() -> None:
    assert dates("Depuis une bonne semaine, les services sont paralysés.", PartialDate(2024, 3, 5)) == ["2024-02"]
    context = DateContext(PartialDate(2024, 3, 5), TODAY)

    def english(text: str) -> list[str | None]:
        return [m.date.iso() for m in find_dates(split_sentences(text), load("en"), context)]

    assert english("For the past two weeks, the council's systems have been down.") == ["2024-02"]
    assert english("The attack disrupted its planning for several days.") == []  # a duration told after the fact


def test_the_year_of_a_companys_accounts_gives_no_year_to_the_dates_after_it() -> None:
    text = ("Kobara, qui a réalisé 40 millions d'euros de chiffre d'affaires en 2022, a été piratée. Les pirates ont "
            "publié un extrait des fichiers le 26 mai.")
    assert dates(text, PartialDate(2024, 6))[-1] == "2024-05-26"


def test_a_share_of_all_attacks_over_a_period_dates_no_incident() -> None:
    text = ("date 2023-06-20\nLa coopérative Varel a subi un rançongiciel dans la nuit du 5 au 6 juin 2023. "
            "D'après un éditeur, ce gang serait à l'origine d'un tiers des attaques recensées en Europe entre "
            "janvier 2022 et mai 2023.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.occurred == "2023-06-05"


def test_realising_that_something_was_wrong_dates_the_discovery_and_making_it_known_the_disclosure() -> None:
    text = (
        "date 2024-04-27\nLa mairie de Valdor a été victime jeudi d'une cyberattaque, a fait savoir ce vendredi le "
        "maire. « Jeudi matin, nous nous sommes rendu compte que les serveurs ne répondaient plus », dit-il."
    )
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.discovered, primary.disclosed) == ("2024-04-25", "2024-04-26")


def test_servers_seen_falling_on_a_day_date_the_attack() -> None:
    text = (
        "date 2024-09-12\nLe groupe Valdis a été victime d'une cyberattaque. Dimanche 8 septembre, le groupe a vu "
        "ses serveurs tomber les uns après les autres."
    )
    primary = fuites.extract(text).primary
    assert primary is not None and primary.occurred == "2024-09-08"


def test_a_year_named_for_others_gives_way_to_the_one_the_weekday_fits() -> None:
    text = ("Après Télérive et Fibrex en 2024, l'opérateur Connecto est à son tour victime d'une intrusion. "
            "Ses équipes l'ont repérée le vendredi 25 juillet au matin.")
    assert dates(text, PartialDate(2025, 7, None)) == ["2024", "2025-07-25"]
    document = fuites.extract(text, published="2025-07")
    assert document.primary is not None and document.primary.victim == "Connecto"
    assert (document.primary.occurred, document.primary.discovered) == (None, "2025-07-25")
