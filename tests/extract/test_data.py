import pytest

import fuites
from fuites.extract.data import find_data, resolve
from fuites.extract.text import split_sentences
from fuites.vocab import load


def data(text: str) -> tuple[list[str], list[str]]:
    lexicon = load("fr")
    return resolve([m for s in split_sentences(text) for m in find_data(s, lexicon)])


def test_listed_categories_each_get_their_id() -> None:
    exposed, _ = data("Les pirates ont eu accès aux noms, adresses mail, numéros de mobile et dates de naissance.")
    assert exposed == ["name", "email", "phone", "date_of_birth"]


def test_negated_bank_data_goes_to_data_not() -> None:
    exposed, not_exposed = data("Aucune donnée bancaire ou de paiement n'était toutefois accessible.")
    assert exposed == [] and not_exposed == ["financial"]


def test_neither_nor_negates_each_item() -> None:
    _, not_exposed = data("La base ne contenait ni mot de passe ni numéro de carte bancaire.")
    assert not_exposed == ["password", "payment_card"]


def test_items_before_a_negated_verb_are_not_exposed() -> None:
    _, not_exposed = data("En revanche, « mot de passe utilisateur ou IBAN » n'ont pas été exposés.")
    assert not_exposed == ["password", "bank_account"]


def test_hedged_exposure_counts_as_exposed() -> None:
    exposed, _ = data("Des données de santé pourraient avoir été consultées.")
    assert exposed == ["health"]


def test_exposed_for_some_and_not_for_others_counts_as_exposed() -> None:
    exposed, not_exposed = data(
        "Les numéros de sécurité sociale de certains utilisateurs ont été exposés tandis que pour d'autres, "
        "ces données n'ont pas été exposées."
    )
    assert exposed == ["national_id"] and not_exposed == []


def test_advice_to_change_a_password_is_not_exposed_data() -> None:
    assert data("Nos conseils : changez votre mot de passe et méfiez-vous des appels.") == ([], [])


def test_credentials_the_attacker_used_are_not_exposed_data() -> None:
    assert data("Un tiers s'est connecté avec les identifiants d'un employé.")[0] == []


def test_a_misconfigured_database_without_password_exposes_no_password() -> None:
    assert "password" not in data("La base était accessible sans mot de passe et contenait des noms.")[0]


def test_what_scammers_may_ask_for_is_no_data() -> None:
    text = "Les clients doivent se méfier des appels leur demandant de communiquer leurs coordonnées bancaires."
    assert find_data(split_sentences(text)[0], load("fr")) == []


def test_items_listed_after_spared_go_to_data_not() -> None:
    exposed, spared = data(
        "Les noms et numéros de sécurité sociale ont été dérobés. D'autres données ont été épargnées : "
        "les numéros de téléphone, les adresses postales et les coordonnées bancaires."
    )
    assert "national_id" in exposed and "phone" not in exposed
    assert {"phone", "postal_address", "bank_account"} <= set(spared)


def test_joined_items_of_one_noun_each_get_their_id() -> None:
    exposed, _ = data("Les fichiers contenaient les adresses mail et postales, dates et lieux de naissance et "
                      "les données contractuelles des abonnés, ainsi que leurs numéros étudiants.")
    assert exposed == ["email", "postal_address", "date_of_birth", "place_of_birth", "contract", "account_number"]


def test_items_the_attackers_could_not_take_or_that_do_not_appear_go_to_data_not() -> None:
    exposed, not_exposed = data("Ils ont copié les noms et les adresses, "
                                "mais ils n'ont pu obtenir les mots de passe. "
                                "Les numéros de téléphone n'y figurent pas.")
    assert exposed == ["name", "postal_address"] and not_exposed == ["password", "phone"]


def test_a_long_list_after_en_aucun_cas_is_negated_to_its_end() -> None:
    _, not_exposed = data("En aucun cas, des données de type RIB, IBAN, références de virement, numéros de "
                          "téléphone, adresses email ou encore des données de santé ont été exposées.")
    assert "health" in not_exposed


def test_identity_photographs_are_no_names() -> None:
    exposed, _ = data("Les photographies d'identité des adhérents ont été dérobées.")
    assert exposed == ["other"]


def test_swiss_and_quebec_identity_numbers_are_national_ids() -> None:
    exposed, _ = data("Les numéros AVS des assurés ont été dérobés.")
    assert exposed == ["national_id"]
    exposed, _ = data("Le fichier contenait le numéro d'assurance sociale de chaque employé.")
    assert exposed == ["national_id"]


def test_civil_status_card_data_and_order_contents() -> None:
    exposed, _ = data("Les pirates ont obtenu l'état civil des usagers, des données de carte bleue et le contenu des "
                      "commandes.")
    assert sorted(exposed) == ["name", "order", "payment_card"]


def test_the_civil_status_office_is_no_data() -> None:
    exposed, _ = data("Le service d'état civil de la mairie a été paralysé par les pirates.")
    assert "name" not in exposed


def test_other_named_data_counts_as_other() -> None:
    text = ("La mairie de Valbonne a été victime d'une cyberattaque : les documents volés recensent les noms des "
            "habitants, leur religion et la rémunération des agents.")
    primary = fuites.extract(text).primary
    assert primary is not None and "other" in primary.data


def test_civil_statuses_in_the_plural_are_names() -> None:
    exposed, _ = data("Les données dérobées sont nombreuses : coordonnées bancaires, états civils, notes des élèves.")
    assert "name" in exposed


def test_elliptic_coordinations_give_both_categories() -> None:
    exposed, _ = data("Sont concernés le nom, la date et le lieu de naissance, l'adresse postale et mail "
                      "et le téléphone.")
    assert set(exposed) == {"name", "date_of_birth", "place_of_birth", "postal_address", "email", "phone"}
    exposed, _ = data("La liste des données volées : adresse électronique et postale, numéro de téléphone.")
    assert set(exposed) == {"email", "postal_address", "phone"}
    exposed, _ = data("Le lot contient noms, prénoms, adresses postales et électroniques.")
    assert set(exposed) == {"name", "postal_address", "email"}


def test_nothing_suggesting_the_data_was_taken_negates_it() -> None:
    exposed, not_exposed = data("Rien ne laisse penser que des mots de passe ou des données bancaires figurent "
                                "dans ce lot.")
    assert exposed == [] and not_exposed == ["password", "financial"]


def test_a_quoted_list_then_a_negation_after_the_speaker_keeps_the_list_exposed() -> None:
    exposed, not_exposed = data("« Cette violation concerne le nom, l'adresse mail et le numéro de téléphone », a fait "
                                "savoir la ligue, qui a expliqué que les données bancaires n'ont pas été touchées.")
    assert exposed == ["name", "email", "phone"] and not_exposed == ["financial"]


def test_access_that_does_not_reach_bank_data_negates_it_and_credentials_from_older_leaks_are_the_means() -> None:
    exposed, not_exposed = data("Le service touché ne donne pas accès aux données bancaires des utilisateurs.")
    assert exposed == [] and not_exposed == ["financial"]
    exposed, _ = data("Les connexions ont utilisé des identifiants et des mots de passe compromis lors de précédentes "
                      "attaques visant d'autres sites.")
    assert exposed == []


def test_items_of_a_list_that_no_category_names_are_other() -> None:
    exposed, _ = data("Les fichiers contenaient les noms, les codes postaux, les références administratives et "
                      "les horodatages des connexions.")
    assert sorted(exposed) == ["name", "other", "postal_address"]


def test_a_clause_between_two_items_is_no_item() -> None:
    exposed, _ = data("Les noms ont été copiés, selon la direction, mais aussi les adresses e-mail.")
    assert "other" not in exposed


def test_a_negation_with_an_aside_or_without_a_theft_negates_the_items_after_it() -> None:
    aside = data("Les pirates n'ont pas, semble-t-il, dérobé les coordonnées postales ni les détails financiers.")
    no_theft = data("Il n'y a pas eu de vol de mots de passe ou de données de paiement.")
    assert aside == ([], ["postal_address", "financial"])
    assert no_theft == ([], ["password", "financial"])


def test_licence_information_tickets_and_miles_are_other_data() -> None:
    exposed, _ = data("Le fichier contient les noms ainsi que des informations relatives à la licence des joueurs.")
    assert exposed == ["name", "other"]
    exposed, _ = data("Les pirates ont copié les adresses e-mail, les billets de concerts et le solde de miles.")
    assert exposed == ["email", "other"]


def test_items_said_not_to_seem_compromised_or_not_part_of_it_are_not_exposed() -> None:
    seeming = data("Les numéros de carte bancaire et les identifiants ne semblent pas avoir été compromis.")
    not_part = data("Les numéros complets des cartes de paiement ne faisaient pas partie de cet incident.")
    assert seeming == ([], ["payment_card", "username"])
    assert not_part == ([], ["payment_card"])


def test_subscription_and_loyalty_card_numbers_and_internal_files_are_read() -> None:
    exposed, _ = data("Ont fuité le nom, le numéro de téléphone ainsi que celui de la carte de fidélité.")
    assert exposed == ["name", "phone", "account_number"]
    exposed, _ = data("Les pirates ont dérobé le numéro d'abonnement et des fichiers administratifs.")
    assert exposed == ["account_number", "technical"]


def test_a_name_someone_goes_by_or_an_identity_to_usurp_is_no_data() -> None:
    exposed, _ = data("Un expert répondant au nom de Kr4ken dit que les données volées servent à usurper l'identité.")
    assert "name" not in exposed


@pytest.mark.parametrize(
    "text",
    [
        "Les spécialistes appellent à la vigilance, recommandant notamment de modifier ses mots de passe.",
        "France Infos utilise votre adresse e-mail afin de vous envoyer la newsletter du jour.",
        "Depuis vendredi, tout est paralysé, le système informatique et les téléphones.",
        "Les employés ne pouvaient toujours pas se connecter à leur compte courriel de travail.",
        "Elle ne précise pas non plus si les mots de passe ont été piratés.",
        "Les habitants peuvent envoyer un email à l'adresse contact@ville.example.",
        "Nous avons aussi accru la protection via les mots de passe, précise le bourgmestre.",
        "Ce jeu-concours n'était qu'un piège pour obtenir des numéros de cartes bancaires.",
        "Le message incitait les lecteurs à saisir leurs coordonnées bancaires sur une fausse page.",
    ],
)
def test_advice_boilerplate_an_outage_an_account_and_an_open_question_expose_no_data(text: str) -> None:
    assert data(text) == ([], [])


def test_pay_slips_are_other_data_not_bank_data() -> None:
    exposed, _ = data("Des bulletins de paie et les salaires de certains agents ont été dérobés.")
    assert exposed == ["other"]


@pytest.mark.parametrize(
    "text",
    [
        "Depuis mardi, plus aucun mail ne part et les logiciels métiers sont à l'arrêt.",
        "Les agents ne reçoivent plus de courriels depuis la panne.",
        "Les intrus ont lu pendant des semaines les courriels du maire.",
    ],
)
def test_mails_alone_are_messages_not_addresses(text: str) -> None:
    assert "email" not in data(text)[0]


def test_e_mails_in_a_list_of_data_are_addresses() -> None:
    assert data("Les noms, prénoms et e-mails de 3 000 clients ont été dérobés.")[0] == ["name", "email"]


def test_an_item_taken_and_another_not_are_both_other() -> None:
    exposed, not_exposed = data(
        "Les pirates ont dérobé le nom, le groupe sanguin, la pointure et le téléphone des adhérents. "
        "Les mots de passe et les photos de profil n'ont pas été touchés."
    )
    assert "other" in exposed and "other" in not_exposed


def test_a_purchase_history_is_orders_and_a_loyalty_card_number_an_account_number() -> None:
    exposed, _ = data("Les pirates ont consulté les historiques d'achats et les numéros de cartes de fidélité.")
    assert exposed == ["order", "account_number"]


def test_a_national_identity_card_number_abbreviated_is_a_national_id() -> None:
    exposed, _ = data("La capture montre les CIN, adresses mail et numéros de téléphone de chaque agent.")
    assert exposed == ["national_id", "email", "phone"]


@pytest.mark.parametrize(
    "text",
    [
        "Les voleurs ont emporté les fiches de 2 000 adhérents (mais pas leurs données bancaires).",
        "Selon l'assureur, il n'y a aucune preuve que des dossiers financiers aient fuité.",
    ],
)
def test_but_not_their_data_and_no_evidence_that_negate_it(text: str) -> None:
    assert data(text) == ([], ["financial"])


def test_a_copy_of_an_identity_document_and_an_internal_person_number() -> None:
    exposed, _ = data("Ont fuité le numéro d'usager de chaque inscrit et un scan de son justificatif d'identité.")
    assert exposed == ["account_number", "national_id"]


def test_a_negation_in_brackets_ends_with_them() -> None:
    assert data(
        "Les noms, les adresses (mais aucun mot de passe) ainsi que les numéros de téléphone ont été dérobés."
    ) == (["name", "postal_address", "phone"], ["password"])


def test_a_headline_negation_without_its_ne_negates() -> None:
    assert data("Coordonnées bancaires et mots de passe apparemment pas touchés") == ([], ["bank_account", "password"])


def test_data_excepted_is_spared_and_passwords_reset_were_not_taken() -> None:
    assert data("Le pirate a copié l'ensemble des fichiers, exceptées les coordonnées bancaires.") == (
        [], ["bank_account"]
    )
    assert data("Les mots de passe des comptes clients seront réinitialisés.") == ([], [])
    assert data("Leurs identifiants ne marchaient plus lundi matin.") == ([], [])


def test_a_health_insurance_card_number_is_an_identifier_and_test_results_are_health() -> None:
    assert data(
        "Les fichiers copiés contiennent les noms, les numéros d'assurance maladie et des résultats de laboratoire "
        "des patients."
    ) == (["name", "national_id", "health"], [])


def test_items_after_but_not_are_not_exposed() -> None:
    text = "The stolen files held card numbers and expiry dates, but not customers' names and addresses."
    sentence = split_sentences(text)
    exposed, not_exposed = resolve([m for s in sentence for m in find_data(s, load("en"))])
    assert exposed == ["payment_card"] and not_exposed == ["name", "postal_address"]
    # "but not only" adds, it takes nothing away
    sentence = split_sentences("The hackers took card numbers but not only: names and addresses were in the files too.")
    _, not_exposed = resolve([m for s in sentence for m in find_data(s, load("en"))])
    assert not_exposed == []


def test_emails_listed_before_ainsi_que_are_emails() -> None:
    exposed, _ = data("Adresses postales, courriels ainsi que numéros de téléphone des membres ont fuité.")
    assert "email" in exposed



def test_a_unique_or_customer_identifier_is_an_account_number_not_a_login() -> None:
    exposed, _ = data("La banque Ondix a été piratée. L'identifiant unique de certains comptes-titres a été dérobé.")
    assert "account_number" in exposed and "username" not in exposed


def test_passwords_misspelt_in_the_plural_are_passwords() -> None:
    exposed, _ = data("La base volée contient des noms d'utilisateurs et des mots de passes chiffrés.")
    assert sorted(exposed) == ["password", "username"]
