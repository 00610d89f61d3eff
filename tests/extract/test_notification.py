"""Whether the victim told the affected people, and how."""

import pytest

import fuites
from fuites.extract.authorities import find_notifications
from fuites.extract.text import split_sentences
from fuites.vocab import load


def told(text: str, lang: str = "fr") -> tuple[bool, list[str]]:
    notices = [n for s in split_sentences(text) for n in find_notifications(s, load(lang))]
    return any(n.kind == "notified" for n in notices), list(dict.fromkeys(n.id for n in notices if n.kind == "channel"))


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Les courriers arrivent dans les boîtes aux lettres depuis lundi.", "fr", (True, ["mail"])),
        ("Il a commencé à informer les personnes concernées par courriel et les appelle à la vigilance "
         "face aux tentatives d'hameçonnage.", "fr", (True, ["email"])),
        ("Les passagers ont été prévenus par SMS, puis par une notification dans l'application.", "fr",
         (True, ["sms", "in_app"])),
        ("Patients were sent letters last week.", "en", (True, ["mail"])),
        # the telling under way, in the future
        ("Le réseau assure que les personnes concernées seront informées individuellement par e-mail.", "fr",
         (True, ["email"])),
        ("L'opérateur indique qu'un mail ou un SMS sera envoyé à chaque client concerné.", "fr",
         (True, ["email", "sms"])),
        ("The retailer will notify affected customers by mail.", "en", (True, ["mail"])),
        # the people told named by a pronoun or as "les gens"
        ("Celles-ci seront averties une par une dans la journée.", "fr", (True, [])),
        ("Les gens concernés seront prévenus par lettre.", "fr", (True, ["mail"])),
        ("The studio confirmed the theft in a post on its official blog and in emails to affected players.", "en",
         (True, ["website", "email"])),
    ],
)
def test_telling_the_affected_people_and_the_channel(text: str, lang: str, expected: tuple[bool, list[str]]) -> None:
    assert told(text, lang) == expected


@pytest.mark.parametrize(
    "text, lang",
    [
        ("L'entreprise n'avait pas encore informé ses membres au moment de la publication.", "fr"),
        ("Les adhérents seront informés une fois l'enquête terminée.", "fr"),
        ("The company will notify affected customers once the review is complete.", "en"),
        ("Méfiez-vous des faux SMS envoyés aux clients au nom de la banque.", "fr"),
        # an authority told, a statement to the public, a duty the law sets
        ("Une plainte a été déposée et une notification envoyée à la Commission nationale de l'informatique.", "fr"),
        ("Pour protéger les données des patients, l'établissement informe que des fichiers ont été publiés.", "fr"),
        ("La juriste rappelle que l'organisme responsable doit informer les victimes sans délai.", "fr"),
    ],
)
def test_a_promise_on_a_condition_a_denial_or_a_warning_is_no_notification(text: str, lang: str) -> None:
    assert told(text, lang)[0] is False


def test_a_complaint_against_x_ends_its_sentence() -> None:
    from fuites.extract.authorities import find_authorities

    text = "Ondévia a notifié la CNIL et a porté plainte contre X. Le fabricant conseille de changer de mot de passe."
    found = [n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))]
    assert sorted(set(found)) == ["dpa", "law_enforcement"]


def test_a_complaint_not_filed_is_no_authority() -> None:
    from fuites.extract.authorities import find_authorities

    text = "La CNIL a été notifiée ; le journal n'a en revanche pas porté plainte à ce stade."
    found = [n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))]
    assert sorted(set(found)) == ["dpa"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Personne n'a porté plainte. Les documents relatifs aux plaintes traitées ont été volés.", set()),
        ("La commissaire aux plaintes a écrit aux patients. Une plainte a également été déposée.",
         {"law_enforcement"}),
        ("Les pirates ont visé le ministère de la Justice.", set()),
        ("Le dépôt d'une plainte est prévu mardi.", {"law_enforcement"}),
        ("La société a réagi en déposant plainte et en informant la Commission d'accès à l'information.",
         {"law_enforcement", "dpa"}),
        ("Une plainte a été déposée auprès des autorités compétentes.", {"law_enforcement"}),
        ("Le ministère a précisé que les informations piratées n'étaient pas bancaires.", set()),
    ],
)
def test_a_complaint_is_one_filed_and_a_ministry_tells_no_one_by_giving_information(
    text: str, expected: set[str]
) -> None:
    from fuites.extract.authorities import find_authorities

    found = {n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))}
    assert found == expected


def test_an_authority_said_not_to_have_been_seized_is_none() -> None:
    from fuites.extract.authorities import find_authorities

    text = "La gendarmerie n'a pas été saisie pour l'instant, mais la CNIL a été informée."
    found = [n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))]
    assert set(found) == {"dpa"}


@pytest.mark.parametrize(
    "sentence",
    [
        "La justice suisse veut retrouver l'origine de la fuite.",
        "La banque a demandé à la Sûreté du Québec (SQ) d'enquêter sur la fuite.",
        "L'enquête policière a beaucoup progressé.",
        "Dans le cadre de son enquête, la SQ aurait déjà arrêté deux personnes.",
    ],
)
def test_police_abroad_and_a_police_inquiry_are_law_enforcement(sentence: str) -> None:
    text = f"La banque Alpina a été victime d'une fuite de données touchant 18 000 clients. {sentence}"
    primary = fuites.extract(text).primary
    assert primary is not None and primary.authorities == ["law_enforcement"]


@pytest.mark.parametrize(
    "text",
    [
        "Un collaborateur a consulté sans autorisation la base de données de contact clients de l'opérateur.",
        "Pour rappel, la direction a rassuré les usagers quant à l'intégrité de leurs données.",
        "Le Département a appelé ses agents et les usagers des services départementaux à faire preuve de vigilance.",
    ],
)
def test_a_contact_list_a_reminder_and_a_public_call_to_care_notify_no_one(text: str) -> None:
    assert told(text) == (False, [])


@pytest.mark.parametrize(
    "text",
    [
        "L'hôpital Saint-Brieux a été victime d'une cyberattaque. Sept patients ont été transférés à titre préventif.",
        "La mairie de Velours a été piratée. Parmi les victimes qui font appel à l'agence, le nombre a quadruplé.",
        "La mairie de Velours a été piratée par hameçonnage. Malgré l'alerte du service informatique, des agents "
        "sont tombés dans la supercherie.",
        "L'opérateur Telvio a été victime d'une fuite de données : les fichiers volés ont permis à des concurrents "
        "de contacter les clients pour leur faire des offres.",
    ],
)
def test_a_precaution_a_call_for_help_a_fraud_and_rivals_using_the_data_notify_no_one(text: str) -> None:
    assert told(text) == (False, [])


@pytest.mark.parametrize(
    ("text", "channels"),
    [
        ("Comparex a été piraté. Comparex l'a annoncé sur son site web et directement par e-mail à ses utilisateurs.",
         ["website", "email"]),
        ("La fédération Valdis a été piratée. Dans sa communication, transmise par mail aux licenciés, l'organisme "
         "précise qu'aucune donnée bancaire n'est concernée.", ["email"]),
    ],
)
def test_an_announcement_sent_by_mail_to_the_people_notifies_them(text: str, channels: list[str]) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.notified_individuals is True and primary.channels == channels


def test_a_complaint_filed_against_persons_unknown_and_foreign_cyber_centres_are_authorities() -> None:
    from fuites.extract.authorities import find_authorities

    text = ("L'Office fédéral de la cybersécurité (OFCS) a été contacté et une plainte pénale contre inconnus a été "
            "déposée. La société collabore avec le National Cyber Security Centre britannique.")
    found = [n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))]
    assert sorted(set(found)) == ["cyber_agency", "law_enforcement"]


def test_a_complaint_thus_filed_and_ontarios_privacy_commissioner_are_authorities() -> None:
    from fuites.extract.authorities import find_authorities

    text = ("Une plainte a ainsi été déposée. La Municipalité a prévenu le Commissaire à l'information et à la "
            "protection de la vie privée de l'Ontario.")
    found = [n.id for s in split_sentences(text) for n in find_authorities(s, load("fr"))]
    assert {"dpa", "law_enforcement"} <= set(found)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The retailer has called in detectives and the regulators.", ["law_enforcement", "other"]),
        ("Our engineers work together with the National Cyber Security Centre on the recovery.", ["cyber_agency"]),
        ("The trust is supported by the National Cyber Security Centre and the county police.",
         ["cyber_agency", "law_enforcement"]),
        ("A complaint went to the state cyber crime cell, the firm said.", ["law_enforcement"]),
    ],
)
def test_authorities_called_in_worked_with_or_supporting_the_victim_count(sentence: str, expected: list[str]) -> None:
    from fuites.extract.authorities import find_authorities

    found = [n.id for s in split_sentences(sentence) for n in find_authorities(s, load("en"))]
    assert sorted(set(found)) == expected


def test_a_police_force_hit_is_the_victim_not_an_authority_told() -> None:
    primary = fuites.extract(
        "Des pirates ont infiltré les serveurs de la zone de police de Valdor et mis en ligne des amendes, selon "
        "deux journaux qui le rapportent jeudi."
    ).primary
    assert primary is not None and "police" in primary.victim.lower() and primary.authorities == []


def test_people_notified_of_a_phishing_attack_that_gave_access_were_told() -> None:
    primary = fuites.extract(
        "Pell Health has notified roughly 90,000 patients that a phishing scam may have compromised their records."
    ).primary
    assert primary is not None and primary.notified_individuals is True
    attack = fuites.extract(
        "Pell Dental Group began writing to 4,000 patients after a phishing attack gave an intruder access to "
        "staff mailboxes."
    ).primary
    assert attack is not None and attack.notified_individuals is True
