"""Who the victim is: short articles written for the test, each pinning one reading rule."""

from collections import Counter

import pytest

import fuites
from fuites.extract.roles import malware_named
from fuites.extract.text import split_sentences
from fuites.extract.victim import Candidate, _merge_article_forms, _merge_inner_names, find_candidates, key_of
from fuites.vocab import load


def victim(text: str) -> str | None:
    primary = fuites.extract(text).primary
    return primary.victim if primary else None


def test_the_outlet_quoted_is_not_the_victim() -> None:
    text = ("Selon Zataz, la mutuelle Harmonie Azur a été victime d'une intrusion. "
            "Harmonie Azur a confirmé à l'AFP le vol des noms et adresses de 20 000 adhérents.")
    assert victim(text) == "Harmonie Azur"


def test_the_role_noun_stands_for_the_victim() -> None:
    text = ("Fuite de données chez Télécom Azur\n"
            "L'opérateur Télécom Azur a reconnu jeudi un accès non autorisé à ses serveurs. "
            "L'opérateur a informé ses clients par e-mail.")
    document = fuites.extract(text)
    assert document.primary is not None
    assert (document.primary.victim, document.primary.sector) == ("Télécom Azur", "telecom")


def test_organisations_given_as_examples_are_no_victim() -> None:
    text = ("Les cyberattaques se multiplient. Des enseignes comme Boutiquia, Modalys ou Vetimax ont déjà "
            "perdu des données, selon une étude annuelle publiée mardi.")
    assert fuites.extract(text).reports_incident is False


def test_a_supplier_named_in_apposition_is_not_the_victim() -> None:
    text = ("Fuite de données au centre hospitalier de Morlaix\n"
            "Le centre hospitalier de Morlaix fait partie des établissements touchés par le piratage de "
            "Facturis, l'éditeur du logiciel de facturation qu'il utilise. Les données de 8 000 patients "
            "ont été dérobées.")
    assert victim(text) == "Centre hospitalier de Morlaix"


def test_a_town_hall_is_named_by_its_town() -> None:
    text = "Brévignac : la mairie victime d'un rançongiciel\nLes services de la commune sont paralysés depuis lundi."
    assert victim(text) == "Brévignac"


def test_a_role_noun_subject_stands_for_the_organisation_named_before_it() -> None:
    text = (
        "Des clients des supermarchés Verdaline découvrent que leur cagnotte a fondu. "
        "L'enseigne, qui exploite 200 magasins, a confirmé avoir été la cible d'une attaque. "
        "La chaîne a prévenu ses clients par e-mail. "
        "Fin janvier, le réseau de cars Transalp annonçait le piratage de sa billetterie."
    )
    document = fuites.extract(text, published="2025-02-07")
    assert document.incidents[0].victim == "Verdaline"


def test_a_person_named_by_a_given_name_is_not_the_victim() -> None:
    text = (
        "Le chanteur Marc Delorme a été victime d'un piratage de son compte. "
        "Marc Delorme a indiqué que ses photos avaient été dérobées."
    )
    assert fuites.extract(text).reports_incident is False


def test_malware_the_article_names_is_not_the_victim() -> None:
    text = (
        "Les données de 5 000 abonnés de la plateforme Vidéa ont été dérobées par le logiciel malveillant "
        "baptisé Gravlok, qui a infecté ses serveurs. Gravlok a déjà touché d'autres sites."
    )
    assert victim(text) == "Vidéa"


def test_a_threat_group_from_mitre_attack_is_not_the_victim() -> None:
    text = (
        "Le groupe Sofacy a revendiqué l'intrusion. Sofacy a dérobé les données de 20 000 clients "
        "de la banque Crédit Lorrain, a indiqué l'ANSSI."
    )
    assert victim(text) == "Crédit Lorrain"


def test_a_town_named_as_a_place_is_not_the_victim() -> None:
    text = (
        "Corrèze : une avenue au nom de l'ancien président inaugurée à Tulle\n"
        "La Corrèze a rendu hommage samedi à l'ancien président. Le maire a dévoilé la plaque devant 300 "
        "personnes, a rapporté France Bleu."
    )
    assert fuites.extract(text).reports_incident is False



def test_words_that_open_a_quotation_or_sit_inside_a_word_are_no_names() -> None:
    text = ("Ransomware hit the Dunmore Valley Water Board on Monday and encrypted its billing servers, "
            "holding up the bills of the 12,000 people it serves. "
            "“People say we should have seen it coming,” a manager said. "
            "The attackers used a flaw fixed in iOS 10.3 to reach a manager's phone, and demanded 2 BTC.")
    assert victim(text) == "Dunmore Valley Water Board"


def test_a_shouted_phrase_is_no_organisation() -> None:
    text = ("A ransom note left on infected phones reads: WE WILL SELL YOUR DATA TO BANK CRIME GROUPS. "
            "The Orvanne Credit Union said hackers had encrypted the phones of 40 of its advisers.")
    assert victim(text) == "Orvanne Credit Union"


def test_a_person_with_a_title_is_not_the_victim() -> None:
    text = ("Secretary of State Brian Holloway said hackers had encrypted the servers of the county's "
            "election office on Friday.")
    assert victim(text) is None


def test_a_security_vendor_that_only_speaks_is_never_the_victim() -> None:
    text = ("Sekoia said a new ransomware strain spread through fake invoices last month, "
            "encrypting files on thousands of home computers.")
    document = fuites.extract(text)
    assert document.reports_incident is False and document.incidents == []


def test_the_organisation_whose_computers_were_infected_is_the_victim() -> None:
    text = ("Some Halvern County Water Authority computers were infected with ransomware on Tuesday, "
            "officials said. Governor Brannock's Office of Information Technology is helping to restore them.")
    assert victim(text) == "Halvern County Water Authority"


def test_two_names_joined_before_a_plural_verb_are_two_organisations() -> None:
    text = ("Les opérateurs Calvane et Morvéa ont été victimes d'une cyberattaque. "
            "Les données de 2 millions d'assurés ont été dérobées chez Calvane et Morvéa.")
    assert victim(text) in ("Calvane", "Morvéa")


def test_a_name_with_and_before_a_singular_verb_stays_whole() -> None:
    text = "Harrow and Finch has confirmed that hackers stole the addresses of 20,000 customers."
    assert victim(text) == "Harrow and Finch"


def test_a_name_with_an_ampersand_before_had_stays_whole() -> None:
    text = ("Harrow & Finch confirmed that hackers stole customer addresses in a cyber attack. "
            "Harrow & Finch had 2 million online customers last year, according to its annual report.")
    assert victim(text) == "Harrow & Finch"


def test_the_client_of_a_hacked_supplier_named_with_le_is_the_victim() -> None:
    text = ("Une fuite de données, conséquence d'un piratage qui a ciblé le fournisseur de logiciels Tarvel, "
            "a été annoncée par la mutuelle Ovéane. Les noms et numéros de compte de ses adhérents ont été consultés.")
    document = fuites.extract(text)
    assert document.primary is not None
    assert (document.primary.victim, "supplier" in document.primary.attack) == ("Ovéane", True)


def test_an_organisation_that_reported_being_infected_is_the_victim() -> None:
    text = ("Ransomware spread across European ports on Tuesday. By evening a freight forwarder, "
            "Halcott, reported being hit by the worm, and so did Brisk & Vane.")
    assert victim(text) == "Halcott"


def test_a_person_after_a_title_mid_sentence_is_not_the_victim() -> None:
    text = ("Voter rolls on a laptop were stolen on Friday from the car of an election worker, "
            "Secretary of State Daniel Okafor said Monday.")
    assert "Okafor" not in (victim(text) or "")


def test_a_date_or_a_figure_is_no_victim() -> None:
    text = ("A group of attackers used the same wiper in November 2017 to hit several water utilities, "
            "cutting supply to thousands of homes. More than 450+ breaches were counted last year.")
    assert victim(text) is None


def test_a_surname_given_after_initials_is_a_person() -> None:
    text = ("Ransomware encrypted files on the servers of Tallow Creek School District, according to a "
            "report from R.K. Dunmore, the district's technology director. Dunmore said the backups were lost. "
            "Dunmore revealed that staff recovered some files.")
    assert victim(text) == "Tallow Creek School District"


def test_a_given_name_that_only_speaks_is_a_person() -> None:
    text = ("Ransomware attacks hit computer systems at an ever-increasing rate, Stephen said. "
            "Stephen recommended daily backups for every firm.")
    assert victim(text) is None


def test_a_capitalised_article_inside_a_name_starts_a_new_name() -> None:
    text = ("Investigators found links to groups in Ruthenia and Moldavia The Harlow City Council was targeted "
            "by attackers who stole the addresses of 3,000 residents.")
    assert victim(text) == "Harlow City Council"


def test_a_nationality_said_of_others_is_no_victim() -> None:
    text = ("Attacks on Norwegian businesses have grown, and a new strain encrypted the files of many "
            "Norwegian hospitals last month, researchers said.")
    assert victim(text) is None


def test_an_attachment_or_a_technique_in_brackets_is_no_victim() -> None:
    text = ("The trojan reached its targets as an email attachment named Rechnung.zip. Once installed, it "
            "routes traffic through a proxy to perform a machine-in-the-middle (MitM) attack and steal passwords.")
    assert victim(text) is None


def test_a_person_described_after_a_comma_is_not_the_victim() -> None:
    text = ('"We are in direct contact with the vendor," Teodor Vlasak, Brightline\'s malware research team '
            "leader, said. Attackers stole the payroll files of Coldwater Freight, the logistics firm.")
    assert victim(text) == "Coldwater Freight"


def test_a_company_named_like_a_place_is_named_by_its_role() -> None:
    text = ("Le 3 mars, le groupe industriel Atlantique, spécialisé dans la fabrication de pompes et de chaudières "
            "pour les collectivités, a été victime d'une cyberattaque.")
    assert victim(text) == "Atlantique"


def test_the_town_where_the_body_stands_is_not_the_victim() -> None:
    text = ("Le lycée Jean-Rostand dans la tourmente. L'établissement implanté près de la gare à "
            "Vernelle-sur-Loing (Loiret) a été victime d'une cyberattaque samedi soir.")
    assert victim(text) == "Lycée Jean-Rostand"


def test_an_identifier_kind_is_no_victim() -> None:
    text = ("Lausanne : les numéros AVS de 2000 assurés dérobés. La caisse de pension Mirelle Prévoyance a subi une "
            "attaque informatique.")
    assert victim(text) == "Mirelle Prévoyance"


def test_the_outlet_a_person_spoke_to_is_not_the_victim() -> None:
    text = ("Le sénateur Paul Verrand a parlé samedi d'un piratage de son compte Facebook au site de L'Écho des "
            "Vallons, avant de minimiser l'affaire.")
    assert victim(text) != "L'Écho des Vallons"


def test_places_and_bodies_abroad_give_the_victims_country() -> None:
    beside = ("La clinique Saint-Rémy, à Namur, a été victime d'une cyberattaque. Les dossiers de 900 patients ont "
              "été dérobés.")
    twice = ("L'école Jardins-Fleuris a été victime d'une cyberattaque. Le Préposé fédéral a été informé ; la police "
             "cantonale de Lausanne enquête, précise la direction lausannoise du réseau scolaire de Lausanne.")
    once = ("La mutuelle Vernaise a été victime d'une cyberattaque. Son directeur, de retour d'un salon à Genève, "
            "a porté plainte.")
    people = ("Les données de 20 000 Belges dérobées. La société Hesbaye Déchets a été victime d'une "
              "cyberattaque ; c'est la plus grave qu'ait connue la Belgique cette année.")
    said_home = ("Les données de 20 000 Belges et de 90 000 Français dérobées. L'agence Voyelle a été victime d'une "
                 "cyberattaque qui touche aussi la Belgique ; ses clients français ont été prévenus.")
    mayor = ("La commune de Kessebroek a été victime d'une cyberattaque. Le bourgmestre a réuni la cellule de crise "
             "après des problèmes ICT.")
    swiss_law = ("Les Transports du Val-Blanc ont été victimes d'une cyberattaque. Les données ne sont pas "
                 "sensibles au regard de la Loi fédérale sur la protection des données (LPD).")
    county = ("Le système informatique de la MRC de Val-Brûlé est paralysé par des pirates. La mairesse a "
              "demandé l'aide de la Sûreté du Québec.")
    texts = (beside, twice, once, people, said_home, mayor, swiss_law, county)
    countries = [fuites.extract(t).primary for t in texts]
    assert [p.country if p else None for p in countries] == ["BE", "CH", "FR", "BE", "FR", "BE", "CH", "CA"]


def test_a_school_service_centre_is_named_whole() -> None:
    text = ("Le Centre de services scolaire des Trois-Lacs a confirmé qu'un employé avait transmis une liste de "
            "renseignements personnels d'élèves à un tiers.")
    primary = fuites.extract(text).primary
    assert primary is not None
    assert (primary.victim, primary.sector, primary.attack) == (
        "Centre de services scolaire des Trois-Lacs", "education", ["insider"]
    )


def test_a_name_ner_takes_for_a_person_whose_customers_are_robbed_is_the_victim() -> None:
    text = ("La chaîne de magasins de bricolage Henry Vallier est dans la tourmente. Les données personnelles de "
            "20 000 clients de Henry Vallier ont été dérobées lors d'une cyberattaque, a annoncé l'enseigne lundi.")
    primary = fuites.extract(text).primary
    assert primary is not None
    assert (primary.victim, primary.sector) == ("Henry Vallier", "retail")


def test_the_sector_is_read_from_the_main_incident_not_those_recalled() -> None:
    text = ("Les données de 40 000 clients de Bricomax ont été dérobées lors d'une cyberattaque, a annoncé "
            "l'enseigne. De même, l'Agence nationale de l'emploi a également annoncé en mars avoir été victime d'un "
            "piratage touchant les dossiers des demandeurs d'emploi, des allocataires et des services publics de "
            "l'État, comme la préfecture et la mairie.")
    primary = fuites.extract(text).primary
    assert primary is not None
    assert (primary.victim, primary.sector) == ("Bricomax", "retail")


def test_a_town_whose_name_opens_with_an_article_keeps_it() -> None:
    text = ("Var : la mairie de la Roche-Verte refuse de payer une rançon après le piratage de son système "
            "informatique. La mairie de la Roche-Verte s'est fait pirater son système informatique jeudi.")
    document = fuites.extract(text)
    assert [(i.victim, i.primary) for i in document.incidents] == [("La Roche-Verte", True)]


def test_the_union_whose_president_testifies_is_not_the_victim() -> None:
    text = ("L'université Val-de-Lise a connu des perturbations depuis mercredi à la suite d'une cyberattaque. "
            "« Nous n'avons plus accès à rien », témoigne le président du syndicat étudiant FEVL à Val-de-Lise "
            "auprès d'un quotidien. Le syndicat étudiant FEVL demande un report des examens.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Université Val-de-Lise"


def test_the_town_a_company_is_based_in_is_not_the_victim() -> None:
    text = ("Two years ago Jane Roe's company Roe Event Films was targeted by hackers who encrypted all its files. "
            "The hackers infiltrated computer systems at the Leamingford based company.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Roe Event Films"


def test_the_word_cybersecurity_in_a_headline_does_not_make_a_security_firm() -> None:
    text = ("Cybersécurité : Bricomax alerte ses clients sur une fuite de données. Le géant du bricolage a subi un "
            "accès non autorisé à ses systèmes, selon un expert en cybersécurité.")
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.victim, primary.sector) == ("Bricomax", "retail")


def test_a_security_firm_hit_is_of_the_cybersecurity_sector() -> None:
    text = "L'éditeur français de cybersécurité Vigilis a été victime d'une intrusion dans ses serveurs."
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.victim, primary.sector) == ("Vigilis", "cybersecurity")


def test_the_market_where_stolen_data_turned_up_is_not_the_victim() -> None:
    text = ("Trois ans après la fuite, on sait comment des données personnelles de chômeurs se sont retrouvées en "
            "2021 sur DataBazar, un site controversé de vente de bases de données. Les données avaient été extraites "
            "de l'informatique de l'Agence Emploi Sud par un agent de l'établissement, qui les a revendues sur "
            "DataBazar.")
    assert victim(text) == "Agence Emploi Sud"


def test_the_employer_of_an_employee_who_stole_data_is_the_victim() -> None:
    text = ("L'ex-employé de Caisse Boréale, soupçonné d'avoir volé les données personnelles de 900 000 membres, "
            "aurait vendu une partie de son butin à des groupes criminels qui sont en train de les revendre.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Caisse Boréale" and primary.sector != "transport"


def test_a_newspaper_that_broke_the_story_does_not_give_the_victims_sector() -> None:
    text = ("L'opérateur Télénet Alpes s'est fait subtiliser des bandes de données. Le quotidien alémanique « Berner "
            "Bote » a contacté l'opérateur. Le quotidien a pu lire les données, a indiqué un porte-parole de Télénet "
            "Alpes.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.sector == "telecom"


def test_a_newspaper_that_reports_the_breach_is_not_the_victim() -> None:
    text = ("The breach at the Harlow Rowing Club, which took place in 2022, compromised email addresses and "
            "passwords of 4,000 members, the Daily Mail reports.")
    assert victim(text) == "Harlow Rowing Club"


def test_a_swiss_compensation_fund_is_a_swiss_insurer() -> None:
    text = ("La caisse de compensation de Metalcom a été victime d'un piratage informatique. Les accès aux serveurs "
            "et aux données ont d'abord été cryptés, a indiqué la caisse de compensation de Metalcom.")
    primary = fuites.extract(text).primary
    assert primary is not None
    assert (primary.sector, primary.country, "ransomware" in primary.attack) == ("insurance", "CH", True)


def test_the_nationality_of_a_subsidiary_is_not_the_victims_country() -> None:
    text = ("L'usine du groupe Tissora et ses filiales chinoise et roumaine sont à l'arrêt après une attaque "
            "informatique. Les pirates réclament une rançon à Tissora.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Tissora" and primary.country != "CN"


def test_the_attackers_nationality_is_not_the_victims_country() -> None:
    text = ("L'université Rhône-Sud a été victime d'une intrusion. La base a été récupérée par des pirates chinois "
            "ou ukrainiens, indique l'université.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.country == "FR"


def test_a_service_named_like_a_person_whose_users_were_robbed_is_the_victim() -> None:
    text = ("Criminals are still trying to shake down users of the Carol Dunmore dating service. The service was "
            "hacked in 2019 and the attackers stole personal data of 12 million users.")
    assert victim(text) == "Carol Dunmore"


def test_a_company_in_apposition_with_its_trade_is_no_person() -> None:
    text = "Brightwave Games, the Polish developer, was hacked and its source code stolen."
    assert victim(text) == "Brightwave Games"


def test_a_police_officer_named_by_rank_is_not_the_victim() -> None:
    text = ("The Cyber Cell of Pune police is investigating the case, DCP Rathore said. Computer systems of the "
            "Sahyadri Heart Hospital have come under a ransomware attack, police said.")
    assert victim(text) == "Sahyadri Heart Hospital"


def test_a_word_said_of_a_company_is_not_its_name() -> None:
    text = ("A Texas-based marketing company has accidentally exposed 40,000 audio recordings of customers. "
            "Norvel Marketing said it has closed the server.")
    assert victim(text) == "Norvel Marketing"


def test_a_surname_that_only_closes_quotations_is_a_speaker() -> None:
    text = ("Harrow County Transit employees spent a second day offline after a ransomware attack encrypted its "
            "files. “All our critical services are still online,” Okafor said. The only computer left was off, "
            "Okafor said, because “we are not taking chances.”")
    assert victim(text) != "Okafor"


def test_the_firm_that_found_the_flaw_is_not_the_victim_however_much_it_speaks() -> None:
    text = ("Pizzeria Gallo's delivery app leaked its customers' names and home addresses. The flaw, found by "
            "payments startup Quillon, exposed every order placed since 2021. Quillon says it warned Pizzeria Gallo "
            "in March. Quillon says the hole is still open, and Quillon writes that anyone could read the data.")
    assert victim(text) == "Pizzeria Gallo"


def test_the_firm_that_found_the_leak_is_not_the_victim_in_french() -> None:
    text = ("Les noms et adresses de 30 000 adhérents de la mutuelle Sanvia ont été exposés en ligne par erreur. "
            "La faille, découverte par la société Brisquet, concernait un serveur mal configuré. Brisquet a "
            "expliqué avoir prévenu Sanvia en avril. Brisquet a indiqué que la base restait ouverte.")
    assert victim(text) == "Sanvia"


def test_a_figure_with_thousands_separators_does_not_start_a_name() -> None:
    text = "The names and addresses of 30,000 Vetimax customers were exposed online."
    assert victim(text) == "Vetimax"


def test_who_discovered_the_exposed_database_is_not_the_victim() -> None:
    text = ("Norvale Clinic left the records of 4,000 patients in an unprotected database. Quillon Labs has "
            "discovered the exposed database. Quillon Labs said it warned the clinic in May. Quillon Labs says the "
            "data is still online.")
    assert victim(text) == "Norvale Clinic"


def test_who_discovered_the_leak_is_not_the_victim_in_french() -> None:
    text = ("Les dossiers de patients de la clinique Belvaux étaient accessibles sans mot de passe. La société "
            "Oxalis a découvert la base de données en mars. La société Oxalis a expliqué avoir prévenu la clinique. "
            "Oxalis a indiqué que la base restait ouverte.")
    assert victim(text) == "Clinique Belvaux"


def test_a_people_named_by_its_nationality_is_not_the_victim() -> None:
    text = ("Numéro de sécu : 20 millions de Français concernés par une cyberattaque\n"
            "Plus de 20 millions de Français sont concernés par un vol de données. Deux sociétés de tiers payant "
            "ont été la cible de cette attaque : Paymed et Soliva.")
    assert victim(text) == "Paymed"


def test_a_headline_label_is_no_victim_and_a_school_named_after_a_person_is_one() -> None:
    text = ("INFO RADIO - Une cyberattaque fait fuiter les données des étudiants du pôle universitaire Jean Moulinot\n"
            "Le pôle universitaire Jean Moulinot a été victime d'une cyberattaque samedi soir.")
    assert victim(text) == "Pôle universitaire Jean Moulinot"


def test_a_two_letter_acronym_the_article_repeats_is_a_name() -> None:
    text = ("Fuite de données chez EK\nL'assureur belge EK annonce qu'un pirate a eu accès aux données de ses assurés. "
            "EK révèle avoir été la cible d'un piratage. EK a refusé de payer.")
    assert victim(text) == "EK"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Des pirates réclament une rançon au ministère de la Justice\nLe ministère de la Justice a été victime "
         "d'une cyberattaque, selon une radio.", "Ministère de la Justice"),
        ("Le ministère des Sports a été victime d'une fuite de données.", "Ministère des Sports"),
    ],
)
def test_a_ministry_keeps_its_whole_name(text: str, name: str) -> None:
    assert victim(text) == name


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Proxima Belgium frappé par des pirates : les données de 850 000 clients dérobées\nL'opérateur Proxima "
         "Belgium a confirmé le vol des données de ses clients.", "BE"),
        ("Des cybercriminels réclament 400'000 dollars à Comparo\nLe site comparo.ch est hors service depuis 24 "
         "heures. Comparo est victime d'une cyberattaque de type rançongiciel.", "CH"),
        ("Les données de 800 000 clients de Swisstel ont été dérobées, a annoncé l'opérateur.", "CH"),
        ("Les données de 4 millions de passagers de Jet Orient India ont été dérobées, a révélé la compagnie "
         "aérienne.", "IN"),
        ("La compagnie aérienne hongkongaise Dragon Azur a annoncé une fuite de données touchant 9 millions de "
         "passagers.", "HK"),
        ("Les systèmes de l'université d'Utrecht ont été chiffrés par un rançongiciel.", "NL"),
        ("Des pirates ont dérobé les données de la Caisse de prévoyance Kamsa au Cameroun.", "CM"),
        ("L'exploitant des bus londoniens Metroline a été victime d'une cyberattaque.", "GB"),
        ("Le groupe hôtelier chinois Lotang a été piraté : les données de ses clients ont été volées.", "CN"),
        ("Les données de 90 000 Limbourgeois volées : des numéros de registre national ont été dérobés chez "
         "Recyclo.", "BE"),
        ("Les dossiers de 3 000 patients du CISSS de Val-Brume ont été dérobés lors d'une cyberattaque au CISSS.",
         "CA"),
        ("Kobara victime d'une fuite de données après un rançongiciel.\nLe fabricant japonais a reconnu le vol "
         "des données de ses clients.", "JP"),
        ("Kobara Electronics hit by ransomware\nKobara Electronics said a ransomware attack exposed the names of "
         "20,000 customers. The Japanese company said it notified the police.", "JP"),
        ("Kobara a été victime d'une cyberattaque : les données de 3 000 clients ont été volées.\nLe prestataire "
         "japonais Talvane, qui héberge ses serveurs, enquête.", "FR"),
    ],
)
def test_country_words_in_or_beside_the_name_place_the_victim(text: str, country: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.country == country


def test_a_local_authority_capitalised_as_its_name_is_the_victim() -> None:
    text = ("Le Département victime d'une cyberattaque\nMercredi, les systèmes informatiques du Département ont été "
            "victimes d'une cyberattaque, annonce-t-il. Une cellule de crise a été mobilisée, détaille le Département.")
    assert victim(text) == "Département"


def test_a_private_hospital_keeps_its_whole_name_and_the_news_agency_stays_a_source() -> None:
    text = ("Une clinique victime d'une cyberattaque\nLes données de 12 000 patients ont été volées lors d'une "
            "cyberattaque, ont rapporté à l'Agence France-Presse (AFP) l'établissement et le parquet. Un e-mail a "
            "été envoyé aux patients concernés par le piratage de l'Hôpital privé du Val (HPV), a expliqué à l'AFP "
            "l'établissement.")
    assert victim(text) == "Hôpital privé du Val"


def test_a_photo_credit_or_an_address_is_no_name() -> None:
    from fuites.extract.victim import _patterns
    from fuites.vocab import load

    excluded = _patterns(load("fr")).excluded_patterns
    assert excluded.fullmatch("RB/www.exemple-info.com") and excluded.fullmatch("https://exemple.fr")
    assert not excluded.fullmatch("AP-HP")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le département de la Seine-Maritime a été victime d'une cyberattaque.", "Seine-Maritime"),
        ("La mairie de la Croix-Haute a été victime d'une cyberattaque.", "La Croix-Haute"),
    ],
)
def test_a_department_drops_its_article_a_town_keeps_it(text: str, name: str) -> None:
    assert victim(text) == name


def test_a_community_of_towns_is_named_in_full_not_by_its_kind() -> None:
    text = ("Dans la nuit de lundi, la Communauté de Communes Val de Brèche a été la victime d'une cyberattaque. Le "
            "site de la Communauté de Communes reste accessible. La Communauté de Communes a porté plainte.")
    assert victim(text) == "Communauté de Communes Val de Brèche"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Des pirates attaquent une filiale du groupe Varnel et demandent une rançon\nDes pirates ont revendiqué le "
         "piratage d'une filiale au Sénégal du groupe français Varnel. « La société Varnel Logistique a pris des "
         "mesures afin d'arrêter la propagation du rançongiciel », précise le document.", "Varnel Logistique"),
        ("Hackers stole the records of 40,000 guests of Seabright Hotels, a subsidiary of the Corvane Group. "
         "Seabright Hotels said the breach was contained. The Corvane Group owns 200 hotels.", "Seabright Hotels"),
    ],
)
def test_the_parent_group_of_the_one_hit_is_not_the_victim(text: str, name: str) -> None:
    assert victim(text) == name


def test_a_weekday_glued_to_a_name_by_ner_is_cut_off() -> None:
    from fuites.extract.victim import _clean_name, _patterns
    from fuites.vocab import load

    patterns = _patterns(load("fr"))
    assert _clean_name("Secrétariat du Conseil du trésor mercredi", patterns) == "Secrétariat du Conseil du trésor"


def test_the_name_of_a_kind_of_data_does_not_give_the_sector() -> None:
    text = ("Fuite de données chez Valtrex\nLes données de 23 000 employés de Valtrex ont été volées. Il s'agit du "
            "nom, du prénom et du numéro d'assurance sociale des employés. Valtrex a prévenu les employés concernés.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.sector != "insurance"


def test_a_municipality_is_its_town_and_a_public_administration() -> None:
    text = ("La municipalité de Valdoré touchée par une cyberattaque\n"
            "Les services de la municipalité de Valdoré sont paralysés depuis lundi. Les noms et adresses de "
            "2 000 habitants ont été dérobés, a indiqué la municipalité.")
    incident = fuites.extract(text).primary
    assert incident is not None and (incident.victim, incident.sector) == ("Valdoré", "public_admin")


def test_the_client_of_a_provider_named_after_de_is_the_victim() -> None:
    text = ("Piratage d'un prestataire de la SNCV, des données volées\n"
            "Les données personnelles de cheminots, volées lorsqu'un prestataire de la SNCV a été victime d'une "
            "attaque informatique, ont été diffusées, a indiqué le groupe ferroviaire mercredi.")
    incident = fuites.extract(text).primary
    assert incident is not None and incident.victim == "SNCV"


def test_an_opening_phrase_says_the_subject_after_its_comma_was_hit() -> None:
    text = ("Victime d'une cyberattaque, Valdoré Habitat a suspendu ses services en ligne. Le bailleur travaille "
            "avec le cabinet Sécurivia et la société Datanor pour rétablir ses outils.")
    incident = fuites.extract(text).primary
    assert incident is not None and incident.victim == "Valdoré Habitat"


def test_a_day_after_a_name_is_a_date_not_part_of_the_name() -> None:
    text = ("L'Université Valdoré le 11 octobre a confirmé avoir été victime d'une cyberattaque : les dossiers de "
            "candidature de 44 étudiants ont été dérobés.")
    incident = fuites.extract(text).primary
    assert incident is not None and incident.victim == "Université Valdoré"


@pytest.mark.parametrize(
    "text",
    [
        "Telvia a été victime d'une fuite de données. À ce stade, rien n'indique que les données bancaires de "
        "Telvia soient concernées.",
        "Invexia a été victime d'une cyberattaque. Des entreprises ont appris que l'incident d'Invexia les "
        "concernait lorsque Le Journal les a contactées.",
    ],
)
def test_at_this_stage_and_a_newspapers_name_give_no_sector(text: str) -> None:
    incident = fuites.extract(text).primary
    assert incident is not None and incident.sector not in ("sport_leisure", "media")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a name whose first word alone is capitalised
        ("Les fichiers de la Ligue régionale contre la mucoviscidose ont été dérobés par des pirates ; la Ligue "
         "a porté plainte.", "Ligue régionale contre la mucoviscidose"),
        ("Une cyberattaque a touché la Caisse mutuelle d'assurance maritime et ses 9 000 adhérents.",
         "Caisse mutuelle d'assurance maritime"),
        # a Dutch connector inside a name
        ("Le parti Beweging voor Vrijheid a confirmé une fuite des données de 40 000 membres.",
         "Beweging voor Vrijheid"),
    ],
)
def test_names_with_lower_case_words_are_read_whole(text: str, name: str) -> None:
    assert victim(text) == name


def test_an_acronym_stands_for_a_name_written_in_lower_case() -> None:
    text = ("Une cyberattaque a touché la Fédération nationale des pêcheurs de loisir (FNPL). La FNPL a prévenu ses "
            "licenciés ; la FNPL a porté plainte.")
    candidates = find_candidates(split_sentences(text), [], load("fr"), set(), None)
    assert {"FNPL", "Fédération nationale des pêcheurs de loisir"} <= set(candidates[0].forms)


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        # "le mode de rémunération" is no fashion, "la région" no regional council
        ("Le fabricant Navalor a été victime d'une cyberattaque. Le mode de rémunération des salariés "
         "sera discuté mardi ; toute la région attend.", "industry"),
        ("Les sites de production de l'entreprise Salvéo, dans la région, sont à l'arrêt après une cyberattaque.",
         "industry"),
        ("Les données de 2 000 membres de la Caisse Orvane ont été volées par des pirates, a annoncé le groupe "
         "financier.", "finance"),
    ],
)
def test_trade_words_in_their_everyday_senses_give_no_sector(text: str, sector: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.sector == sector


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a brand named after a person, introduced by its trade noun or said to be hit "chez" it
        ("Les clients de la boutique de prêt-à-porter Léa Vautrin ont reçu un e-mail montrant les adresses de "
         "tous les destinataires en clair. La CNIL y voit une violation de données personnelles.", "Léa Vautrin"),
        ("Comment une enseigne aussi connue que Marcel Thébaud a-t-elle laissé fuir les données de ses clients ? "
         "Cet incident chez Marcel Thébaud inquiète, après la cyberattaque de décembre.", "Marcel Thébaud"),
        # the outlet's own desk and a photo credit are not the victim
        ("Un gang a publié sur le dark web des documents de Mutuelle Sorel Assurance. Notre Bureau d'enquête a "
         "constaté la publication de ces données. Contactée par notre Bureau d'enquête, Mutuelle Sorel dit avoir "
         "récupéré les documents.", "Mutuelle Sorel"),
        ("THE CANADIAN PRESS/Julie Marchal\nTHE CANADIAN PRESS/Julie Marchal Dans un communiqué, la Régie des vins "
         "du Nord (RVN) précise qu'aucune donnée de clients n'a fuité. Les dossiers de 900 employés ont été consultés "
         "lors d'une tentative de piratage, révèle la Régie des vins du Nord (RVN).", "RVN"),
    ],
)
def test_names_the_press_gives_a_victim_once_it_is_introduced(text: str, expected: str) -> None:
    assert victim(text) == expected


def test_an_acronym_of_common_words_is_no_victim() -> None:
    text = ("Le collège Jean-Moulin a été victime d'une cyberattaque. Les élèves passent par l'espace numérique "
            "de travail (ENT). Un parent a cru que l'ENT avait été piraté.")
    assert victim(text) == "Collège Jean-Moulin"


def test_the_place_a_newspaper_is_based_in_is_no_victim() -> None:
    text = ("Le journal Le Phare, du quotidien régional basé à Lorient, a été victime d'un rançongiciel. "
            "Le Phare ne paraîtra pas demain.")
    assert victim(text) == "Le Phare"


def test_the_subject_that_opens_a_sentence_is_hit_when_its_end_says_so() -> None:
    text = ("Le Courrier du Val, premier quotidien de la région, ne publiera qu'une édition après avoir été victime "
            "d'un rançongiciel.")
    candidates = find_candidates(split_sentences(text), [(0, 18, "ORG")], load("fr"), set(), None)
    assert candidates[0].display == "Le Courrier du Val" and candidates[0].as_hit == 1


def test_a_name_introduced_with_its_acronym_or_a_generic_tail_is_counted_under_both() -> None:
    text = ("La Régie des vins du Nord (RVN) a été piratée. La RVN a prévenu ses employés. Un gang a publié des "
            "documents de Sorel Assurance ; Sorel dit les avoir récupérés.")
    candidates = find_candidates(split_sentences(text), [(3, 25, "ORG"), (112, 127, "ORG")], load("fr"), set(), None)
    forms = {form: n for c in candidates for form, n in c.forms.items()}
    assert forms["RVN"] == 2 and forms["Sorel"] == 1


def test_an_acronym_that_spells_something_else_is_not_the_victims_short_form() -> None:
    text = ("Police want the Internet Protocol Address (IP) the ransom note came from. The IP was traced abroad. "
            "Computer systems of Harbourside Clinic were locked by ransomware.")
    candidates = find_candidates(split_sentences(text), [(16, 41, "ORG")], load("en"), set(), None)
    assert all("IP" not in c.forms for c in candidates)


def test_a_body_named_after_its_place_is_no_person() -> None:
    from fuites.extract.roles import persons_named

    text = "Une fuite de données touche Fiscalité Québec. Fiscalité Québec a prévenu ses employés."
    sentences = split_sentences(text)
    persons = persons_named(sentences, [(28, 44, "PER")], load("fr"))
    assert "Fiscalité Québec" not in persons.titled | persons.given


@pytest.mark.parametrize(
    ("text", "sector", "country"),
    [
        ("La zone de police locale de Valdor a été piratée : des procès-verbaux ont fuité.", "public_admin", "FR"),
        ("Radio-Nordique a été victime d'une cyberattaque. Radio-Canada rapporte que les données des employés "
         "ont été dérobées chez Radio-Nordique, au Canada.", "media", "CA"),
        ("La chaîne de pizzerias Pizza Nova a été piratée : les adresses de 20 000 clients ont été dérobées.",
         "hospitality", "FR"),
        ("La centrale syndicale CGTU a été piratée : les fichiers de ses adhérents ont été dérobés.", "other", "FR"),
        ("Un fonctionnaire du gouvernement a emporté les fichiers du Secrétariat des Forêts, victime d'une fuite "
         "de données.", "public_admin", "FR"),
        ("La caisse de sécurité sociale CNPS a été piratée : les données de 2 000 affiliés ont été volées.",
         "insurance", "FR"),
        ("La faïencerie Brévannes a été victime d'une cyberattaque.", "industry", "FR"),
        ("L'hôpital Saint-Alder, en Californie, a été victime d'une cyberattaque.", "health", "US"),
        ("Le conseil départemental des Côtes-Maritimes a été victime d'une cyberattaque.", "public_admin", "FR"),
        ("Une fuite de données touche le CISSS de l'Estrie-Nord : les feuillets fiscaux de 3 000 employés ont "
         "fuité vers des collègues.", "health", "CA"),
        ("Hydro-Lanaudière a été victime d'une cyberattaque : des données de ses clients ont été publiées.",
         "energy", "FR"),
        ("La société Solvane, plateforme pour gérants de fortune indépendants, a été ciblée par des pirates.",
         "finance", "FR"),
        ("Dans la nuit du 20 au 21 octobre, Habitat Cévenol a été attaqué par des pirates informatiques.",
         "public_admin", "FR"),
    ],
)
def test_sector_and_country_of_public_bodies_restaurants_unions_and_places(
    text: str, sector: str, country: str
) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.sector, primary.country) == (sector, country)


def test_two_earlier_victims_before_its_turn_are_two_organisations() -> None:
    text = ("Après Banque Lorme et Crédit Sarde, c'est au tour de Fiscalia d'être aux prises avec une fuite de "
            "données. Fiscalia a porté plainte.")
    names = {c.display for c in find_candidates(split_sentences(text), [], load("fr"), set(), None)}
    assert {"Banque Lorme", "Crédit Sarde"} <= names and "Banque Lorme et Crédit Sarde" not in names


def test_a_head_noun_said_with_its_article_is_the_long_name_told_short() -> None:
    text = ("Des fichiers du Secrétariat du Conseil des Forêts ont été trouvés chez un employé, a indiqué le "
            "Secrétariat du Conseil des Forêts. C'est la première fois que le Secrétariat est victime d'une fuite "
            "de données, selon le Secrétariat.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary.victim == "Secrétariat du Conseil des Forêts"


def test_a_group_named_alone_is_not_its_subsidiary_told_short() -> None:
    text = ("Le groupe Varnor a confirmé une cyberattaque contre Varnor Logistique Congo. Varnor Logistique Congo a "
            "été piratée : les fichiers de 3 000 clients ont été dérobés. Varnor compte 20 000 salariés.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Varnor Logistique Congo"


def test_a_company_ner_takes_for_a_person_is_read_by_its_manager_title() -> None:
    text = "Paul Ferrand, directeur général de Zolvex, indique que l'entreprise a subi un incident."
    at = text.index("Zolvex")
    entities = [(0, 12, "PER"), (at, at + 6, "PER")]
    candidates = find_candidates(split_sentences(text), entities, load("fr"), set(), None)
    zolvex = next(c for c in candidates if c.display == "Zolvex")
    assert zolvex.as_source == 0  # its manager speaks for it, not of another's breach


def test_a_company_whose_director_speaks_of_its_own_attack_is_the_victim() -> None:
    text = ("Le directeur de Coralis indique que la société a subi une cyberattaque : les données de 3 000 clients "
            "ont été volées.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Coralis"


def test_a_phrase_opening_the_sentence_is_cut_from_the_name_ner_found() -> None:
    def names(text: str) -> set[str]:
        entity = (0, text.index("."), "MISC")
        return {c.display for c in find_candidates(split_sentences(text), [entity], load("fr"), set(), None)}

    assert "Mutuelle Orvane" in names("Coup dur pour la Mutuelle Orvane. Elle a été piratée.")
    assert "Recherche Orvane" not in names("Fondation pour la Recherche Orvane. Elle a été piratée.")


def test_a_swiss_figure_and_the_end_of_an_elided_name_are_no_victims() -> None:
    text = ("Le centre national a enregistré 21’714 annonces en un an. La compagnie Air Val d’Oria a été victime "
            "d'une cyberattaque. Air Val d’Oria a porté plainte.")
    document = fuites.extract(text)
    names = {c.display for c in find_candidates(split_sentences(document.text), [], load("fr"), set(), None)}
    assert "21'714" not in names and "21’714" not in names
    primary = document.primary
    assert primary is not None and primary.victim.endswith("Oria") and "Air" in primary.victim


def test_a_shop_named_as_a_site_is_no_news_site_quoted() -> None:
    text = ("L'affaire est loin d'être glorieuse pour le site Vendimax. La sécurité de la plateforme a été mise en "
            "défaut : des pirates ont piraté les comptes de 2 000 clients, selon le site Zatanews. Un porte-parole de "
            "Vendimax affirme que le site n'a pas été piraté.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Vendimax"


def test_a_ministry_named_after_two_portfolios_keeps_both_and_its_release_dateline_places_it() -> None:
    text = ("QUÉBEC, le 14 mars 2025 /CNW/ - Le ministère de la Cybersécurité et du Numérique (MSN) informe qu'un "
            "membre de son personnel a transféré des renseignements personnels de 80 employés à son adresse courriel "
            "personnelle.")
    primary = fuites.extract(text).primary
    assert primary is not None
    assert primary.victim in {"Ministère de la Cybersécurité et du Numérique", "MSN"}
    assert (primary.country, primary.attack) == ("CA", ["insider"])


def test_a_company_whose_name_ends_in_a_trade_word_is_no_person() -> None:
    text = ("Le gang Nocturne a frappé Halvé Environnement, un industriel du recyclage : ses serveurs ont été "
            "chiffrés. Selon Halvé Environnement, aucune donnée de client n'a été volée.")
    assert victim(text) == "Halvé Environnement"


def test_a_regional_hospital_named_by_its_acronym_is_found_anywhere_in_the_article() -> None:
    text = ("Les données volées et publiées sur le darknet étaient fragmentées, explique l'hôpital. " * 8
            + "Les dossiers médicaux n'ont pas été touchés, précise le communiqué du CHR Val de Sarre.")
    assert victim(text) == "CHR Val de Sarre"


def test_a_town_said_to_lie_in_a_department_is_the_victim_not_the_department() -> None:
    text = ("« Ils ont chiffré nos données » : une commune du Haut-Varnais victime d'une cyberattaque\n"
            "Depuis vendredi, la commune de Fumerolles, dans le Haut-Varnais, est paralysée par une cyberattaque. "
            "La cyberattaque qui vise la commune du Haut-Varnais n'est pas revendiquée.")
    assert victim(text) == "Fumerolles"


def test_a_subcontractor_hit_is_the_victim_not_the_client_whose_data_it_held() -> None:
    text = ("Une cyberattaque sur Tiersalis expose des données de Mutuelle Corvane\n"
            "Mutuelle Corvane a prévenu ses adhérents ce lundi. L'un de ses sous-traitants chargé de gérer le "
            "tiers payant de ses adhérents, Tiersalis, a été visé par une cyberattaque. Mutuelle Corvane "
            "indique que les noms et numéros de sécurité sociale de ses adhérents ont pu être consultés.")
    assert victim(text) == "Tiersalis"


def test_a_town_closing_an_aside_before_the_verb_is_a_place_not_the_victim() -> None:
    text = ("Le distributeur d'énergie Valgaz, qui dessert 60 000 foyers autour de Brenelle, a été frappé "
            "par un rançongiciel. Valgaz assure que les données de ses clients n'ont pas été volées.")
    assert victim(text) == "Valgaz"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Voltaria a informé ses clients d'une cyberattaque. La compagnie énergétique a précisé que des noms ont "
         "été volés.", "energy"),
        ("La laiterie coopérative du Val-Vert a subi une cyberattaque : ses fichiers clients ont été volés.",
         "industry"),
    ],
)
def test_french_trade_words_give_the_sector(text: str, sector: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.sector == sector


def test_an_article_before_a_name_written_without_it_elsewhere_is_not_part_of_it() -> None:
    def candidate(name: str, mentions: int) -> Candidate:
        return Candidate(name=name, spans=[(0, len(name))] * mentions, forms=Counter({name: mentions}))

    by_key = {
        key_of(name): candidate(name, n)
        for name, n in [("La Fédération française de pétanque", 2), ("Fédération française de pétanque", 1),
                        ("La Poste", 2), ("Poste", 1)]
    }
    _merge_article_forms(by_key, lambda at: at > 0)
    assert sorted(c.display for c in by_key.values()) == ["Fédération française de pétanque", "La Poste", "Poste"]


def test_a_one_word_name_written_with_its_article_inside_a_sentence_keeps_it() -> None:
    text = "Le quotidien Le Vigilant a reconnu une fuite. Le site du Vigilant était ouvert."
    with_article, bare = text.index("Le Vigilant"), text.index("Vigilant était")
    by_key = {
        key_of("Le Vigilant"): Candidate("Le Vigilant", spans=[(with_article, with_article + 11)],
                                         forms=Counter({"Le Vigilant": 1})),
        key_of("Vigilant"): Candidate("Vigilant", spans=[(bare, bare + 8)], forms=Counter({"Vigilant": 1})),
    }
    _merge_article_forms(by_key, lambda at: at > 0)  # "Le Vigilant" is written inside its sentence
    assert [c.display for c in by_key.values()] == ["Le Vigilant"]


def test_a_place_found_only_inside_a_longer_name_is_part_of_it() -> None:
    whole = Candidate(name="Centre hospitalier Val Brumeux", spans=[(4, 34)], score=5.0, as_victim=1)
    whole.forms["Centre hospitalier Val Brumeux"] += 1
    inner = Candidate(name="Val Brumeux", spans=[(23, 34)], score=6.0, as_victim=2)
    inner.forms["Val Brumeux"] += 1
    town = Candidate(name="Brumeux", spans=[(27, 34), (80, 87)])
    town.forms["Brumeux"] += 2
    by_key = {key_of(c.name): c for c in (whole, inner, town)}
    _merge_inner_names(by_key)
    assert sorted(c.display for c in by_key.values()) == ["Brumeux", "Centre hospitalier Val Brumeux"]
    assert (whole.score, whole.as_victim) == (6.0, 2)  # the same mention, counted once


def test_the_town_a_company_is_based_in_is_not_part_of_its_name() -> None:
    text = "For three weeks intruders roamed the network of Denver-based Talvane Billing, copying 20,000 names."
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Talvane Billing"


@pytest.mark.parametrize(
    "text",
    [
        "Violation de données : de quoi parle-t-on ?\nToute violation doit être signalée. Une fuite de données se "
        "notifie en ligne, explique le guide.",
        "Escroquerie déjouée : 300 millions de francs CFA ont été bloqués. Les francs CFA visés devaient partir "
        "vers des comptes piratés.",
    ],
)
def test_a_guide_and_a_currency_name_no_victim(text: str) -> None:
    assert fuites.extract(text).reports_incident is False


def test_a_list_that_holds_a_product_names_no_organisation() -> None:
    text = "The stealer takes saved passwords and other sensitive data from Chrome, Firefox and Lumo."
    assert find_candidates(split_sentences(text), [], load("en"), set(), None) == []


def test_the_one_named_after_dont_a_ete_victime_is_hit() -> None:
    text = ("Au Parlement, une députée a interpellé le gouvernement sur la cyberattaque dont a été victime "
            "le SPF mobilité. Selon le parquet, aucune donnée personnelle n'aurait été copiée.")
    assert victim(text) == "SPF mobilité"


def test_a_ministry_keeps_its_nationality_and_its_lower_case_portfolio() -> None:
    text = ("Des pirates revendiquent une cyberattaque contre le ministère tunisien de la Pêche maritime. "
            "Les noms et numéros de téléphone de 2 000 agents du ministère ont été dérobés.")
    assert victim(text) == "Ministère tunisien de la Pêche maritime"


def test_the_chancellery_of_the_prime_minister_is_named_whole() -> None:
    text = ("Un piratage a visé les serveurs de la chancellerie du Premier ministre, selon le parquet. "
            "Les enquêteurs cherchent comment les intrus sont entrés.")
    assert victim(text) == "Chancellerie du Premier ministre"


def test_travelling_by_train_tells_transport() -> None:
    text = ("Une intrusion chez Voyalis : les coordonnées des clients de Voyalis ont été dérobées. "
            "L'agence vend des billets pour voyager en train entre les capitales.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.sector == "transport"


def test_third_party_payment_operators_are_no_telecom_operators() -> None:
    text = ("Nos adhérents et l'attaque des opérateurs de tiers payant\n"
            "Valmance Plus a été touchée par la cyberattaque de deux opérateurs de tiers payant. Ces opérateurs "
            "de tiers payant gèrent ses remboursements. Les données de 900 personnes protégées par Valmance Plus "
            "ont été dérobées : nom, date de naissance et numéro de sécurité sociale.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Valmance Plus" and primary.sector != "telecom"


def test_a_company_named_in_capitals_after_its_role_is_a_name() -> None:
    text = ("Sanction après une fuite de dossiers médicaux\n"
            "Les dossiers de 80 000 patients ont été dérobés puis publiés sur un forum. "
            "Des négligences ont été commises alors que la société VORTEN BIOLOGIE traite de données sensibles.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "VORTEN BIOLOGIE"


def test_a_company_said_hit_wins_over_the_region_it_lies_in() -> None:
    text = ("Encore une attaque dans la région de Vaudrel\n"
            "Après plusieurs mairies, les attaques informatiques se poursuivent dans la région de Vaudrel. "
            "La société Fidral Conseil SA a été victime d'une attaque informatique le 10 octobre.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim.startswith("Fidral")


def test_a_nationality_among_the_role_words_before_the_name_is_its_country() -> None:
    text = ("Le grossiste montréalais de matériel de plomberie Valdine Industries a été victime d'une attaque au "
            "rançongiciel la semaine dernière.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.country == "CA"


def test_an_adverb_inside_the_verb_still_says_the_name_was_hit() -> None:
    text = "Le groupe Kobara, spécialiste du chauffage, a été finalement victime d'un piratage."
    candidates = find_candidates(split_sentences(text), [], load("fr"), set(), None)
    assert [(c.display, c.as_victim) for c in candidates] == [("Kobara", 1)]


def test_a_legal_form_is_no_part_of_the_name_unless_it_is_all_of_it() -> None:
    assert key_of("Kobara GmbH") == key_of("Kobara AG") == key_of("Kobara SARL") == key_of("Kobara")
    assert key_of("Groupe") == "groupe" and key_of("The") == ""


def test_the_finder_a_product_and_listed_examples_are_not_the_victim() -> None:
    text = ("Des milliers de réservations de gîtes lisibles en ligne\nLes noms et adresses de vacanciers passés par "
            "des sites comme Voyagio, Kampa ou encore Brevix étaient lisibles. Le logiciel « Kelia Cloud » de "
            "l'éditeur Marbeuf Software a été victime de cette fuite de données, selon le blog Talvane Review "
            "(en allemand) qui a découvert la fuite de données.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Marbeuf Software"


def test_the_first_of_two_subjects_said_hit_is_hit_too() -> None:
    text = ("Deux brasseries à l'arrêt après un piratage\n"
            "Les sociétés luxembourgeoises Kobara Réseaux (brasserie) et Talvane Énergie (distillerie) ont été "
            "victimes d'un rançongiciel samedi 2 mars. Les commandes en ligne de Kobara Réseaux et de Talvane Énergie "
            "sont suspendues.")
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.victim, primary.country) == ("Kobara Réseaux", "LU")


def test_a_name_ending_in_an_english_possessive_keeps_it_in_french() -> None:
    text = ("Les données des clients de Maldon’s, la maison de ventes, ont été volées lors d'une cyberattaque. "
            "Maldon’s a porté plainte.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Maldon's"


def test_a_name_that_opens_with_its_own_article_after_et_is_another_one() -> None:
    text = "Selon le maire, le Mirebois Daily et The Harrow Courier ont été victimes d'une cyberattaque samedi."
    candidates = find_candidates(split_sentences(text), [], load("fr"), set(), None)
    assert [c.display for c in candidates] == ["Mirebois Daily", "The Harrow Courier"]


def test_a_belgian_intercommunal_body_is_a_public_victim() -> None:
    primary = fuites.extract("L'intercommunale Valdis a été victime d'une cyberattaque.").primary
    assert primary is not None and (primary.victim, primary.sector) == ("Valdis", "public_admin")


def test_a_company_named_with_its_country_is_that_branch_and_a_name_with_a_country_in_it_stays_whole() -> None:
    branch = fuites.extract(
        "Cyberattaque chez Velcom Allemagne\n\nVelcom a confirmé le vol des données de 3 000 clients."
    ).primary
    assert branch is not None and (branch.victim, branch.country) == ("Velcom", "DE")
    whole = fuites.extract(
        "Air Valdor France victime d'une cyberattaque. Air Valdor France a confirmé le vol de données."
    ).primary
    assert whole is not None and whole.victim == "Air Valdor France"


def test_a_distributor_of_electrical_equipment_is_of_industry() -> None:
    primary = fuites.extract(
        "Valmont, grossiste en équipements électriques, a été touché par un rançongiciel."
    ).primary
    assert primary is not None and primary.sector == "industry"


def test_the_organisations_listed_after_a_hit_verb_are_victims_and_examples_elsewhere_are_not() -> None:
    listed = fuites.extract(
        "Une attaque par déni de service a frappé plusieurs opérateurs comme Valtel, Norvo et Brisk. Revendiquée "
        "par le groupe prorusse Vexa, l'offensive a duré six heures."
    ).primary
    assert listed is not None and (listed.victim, listed.attack, listed.actors) == ("Valtel", ["ddos"], ["Vexa"])
    assert not fuites.extract("Les pirates visent des enseignes comme Valtel ou Norvo.").reports_incident


def test_people_from_a_company_are_no_sign_it_was_hit() -> None:
    def hit(text: str) -> list[tuple[str, int]]:
        return [(c.display, c.as_victim) for c in find_candidates(split_sentences(text), [], load("fr"), set(), None)]

    assert hit("D'après la presse, deux développeurs de chez Valsoft ont quitté l'entreprise.") == []
    assert hit("Des pirates ont frappé chez Valsoft.") == [("Valsoft", 1)]


def test_a_police_operation_and_a_malware_named_after_its_noun_are_no_victims() -> None:
    text = (
        "Opération Valkyrie : la police saisit 300 serveurs liés au malware Vexbot\n\nUne opération menée dans six "
        "pays a permis de couper 300 serveurs."
    )
    assert not fuites.extract(text).reports_incident


@pytest.mark.parametrize(
    "text, sector",
    [
        # the victim's trade said only in the sentence that recalls its earlier trouble
        (
            "Les données des salariés de Volanair dérobées\nVolanair a été victime d'une cyberattaque visant les "
            "données de ses salariés. Ce n'est pas la première fois que la compagnie aérienne a des soucis de "
            "sécurité des données.",
            "transport",
        ),
        # "a fait état de" is no State; an electronics group is industry
        (
            "Le groupe d'électronique français Vextor confirme une enquête interne après une revendication de vol "
            "de données. Le groupe de pirates a fait état sur le darknet d'une action visant Vextor.",
            "industry",
        ),
    ],
)
def test_the_sector_read_in_a_recalled_sentence_and_words_that_name_no_trade(text: str, sector: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.sector == sector


def test_a_security_firm_hit_is_the_victim_though_its_role_noun_stands_between_verb_and_name() -> None:
    text = (
        "Suisse : un rançongiciel paralyse plusieurs administrations\n"
        "Un rançongiciel ayant visé la société informatique Vextria a touché la police cantonale et l'armée. "
        "La société de sécurité informatique Vextria a confirmé la cyberattaque. Des données ont été publiées."
    )
    assert victim(text) == "Vextria"


def test_a_head_noun_said_with_an_indefinite_article_is_the_one_named_in_full_later() -> None:
    text = (
        "Un Ehpad victime d'une cyberattaque dans l'Orne\n\n"
        "Quatre jours après celle contre le Centre hospitalier de Brenac, une nouvelle cyberattaque a visé "
        "l'Ehpad de Valmoret, ce mercredi. Le Centre hospitalier de Brenac avait été paralysé par un rançongiciel. "
        "Dans cet Ehpad, l'incident reste isolé."
    )
    document = fuites.extract(text, published="2025-09-12")
    assert document.primary is not None and document.primary.victim == "Ehpad de Valmoret"
    assert [i.victim for i in document.incidents if not i.primary] == ["Centre hospitalier de Brenac"]


def test_a_two_word_name_that_only_opens_sentences_is_a_name() -> None:
    text = (
        "Varnel Dutilleul victime d'une cyberattaque avec demande de rançon\n"
        "Varnel Dutilleul est victime depuis mercredi d'une cyberattaque, a annoncé l'entreprise nordiste. "
        "Varnel Dutilleul a expliqué qu'il cherchait à déterminer la nature des informations volées."
    )
    assert victim(text) == "Varnel Dutilleul"


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Velorix piraté : les réponses à vos questions\n"
            "Le fabricant de vélos a coupé ses serveurs le 5 mai, sitôt l'intrusion repérée, et une société "
            "spécialisée enquête. Une plainte a suivi.",
            "Velorix",
        ),
        (
            "Quillmoor hacked: your questions answered\n"
            "The bike maker shut its servers down on May 5, as soon as the intrusion was seen, and a forensics "
            "firm is looking into it. A police report followed.",
            "Quillmoor",
        ),
    ],
)
def test_a_headline_that_opens_on_the_name_and_its_bare_participle_names_the_victim(text: str, name: str) -> None:
    assert victim(text) == name


def test_a_county_or_a_canton_named_by_its_role_is_the_victim() -> None:
    text = ("Le gang de rançongiciel Crypteon menace de divulguer des pièces de procédure\n"
            "Sur son blog, Crypteon affiche depuis mardi les fichiers qu'il dit avoir pris à l'administration du "
            "comté de Harlow, dans l'Ohio, et donne dix jours au comté pour payer.")
    assert victim(text) == "Harlow"


@pytest.mark.parametrize(
    "source",
    [
        "Très vite, la base est attribuée à Prospecta, une agence de prospection commerciale.",
        "D'après le vendeur, ces fichiers proviendraient de Prospecta, une agence de prospection commerciale.",
    ],
)
def test_whose_base_the_leaked_data_came_from_is_the_victim_not_a_past_employer(source: str) -> None:
    text = ("Fuite de données géante : 90 millions de fiches de cadres en vente\n"
            "Un pseudonyme propose depuis mars 90 millions de fiches de cadres sur un forum. " + source +
            " Un chercheur y a retrouvé sa propre fiche, vieille de six ans, du temps où il travaillait chez "
            "Medivance.")
    assert victim(text) == "Prospecta"


def test_a_headline_on_a_data_theft_at_a_body_names_it() -> None:
    text = ("Vol de données au CHU-Valmont : comment réagir si vous êtes concerné\n"
            "Une lettre vous est parvenue ? Votre dossier figure parmi les 90 000 qui ont été copiés à "
            "l'établissement fin août. Il vous faut maintenant surveiller vos comptes.")
    assert victim(text) == "CHU-Valmont"


def test_a_software_maker_fined_for_the_theft_of_data_it_held_is_the_victim() -> None:
    text = ("Fuite de dossiers médicaux : qui paiera les patients ?\n"
            "Le régulateur a sanctionné de 800 000 euros l'éditeur de logiciels Medisoft. Ses négligences ont "
            "permis à des pirates d'emporter les dossiers de 300 000 patients détenus par Medisoft.")
    assert victim(text) == "Medisoft"


def test_an_adverb_opening_the_sentence_is_no_part_of_the_name_ner_found() -> None:
    text = "Maintenant Valtek veut rassurer ses clients après le piratage. Valtek a été piraté la semaine dernière."
    names = [c.display for c in find_candidates(split_sentences(text), [(0, 17, "ORG")], load("fr"), set(), None)]
    assert names == ["Valtek"]


def test_a_body_introduced_with_un_and_its_departement_is_not_named_by_it() -> None:
    text = ("Un Ehpad du Calvados visé par un rançongiciel\n"
            "L'Ehpad de Valmont-sur-Orne a porté plainte après avoir constaté le chiffrement de ses fichiers.")
    names = [c.display for c in find_candidates(split_sentences(text), [(3, 20, "LOC")], load("fr"), set(), 0)]
    assert "Ehpad du Calvados" not in names and "Ehpad de Valmont-sur-Orne" in names


def test_a_second_body_joined_by_et_is_not_part_of_the_first_name() -> None:
    text = ("Des pirates ont publié les données de 300 000 salariés issues du piratage de la Caisse de prévoyance "
            "sociale et du ministère de l'Artisanat, mardi.")
    assert victim(text) == "Caisse de prévoyance sociale"


def test_the_part_of_a_region_written_after_it_ends_the_name() -> None:
    text = "L'université de Vendrie occidentale a été piratée. Les dossiers de 250 étudiants circulent en ligne."
    assert victim(text) == "Université de Vendrie occidentale"


def test_a_home_named_after_its_kind_is_the_one_hit_with_its_article_and_town() -> None:
    text = (
        "Brévol : un Ehpad victime d'une cyberattaque\n\n"
        "L'Ehpad Les Tilleuls à Brévol-sur-Orne a été victime d'une intrusion informatique la semaine passée. "
        "Une plainte a été déposée."
    )
    document = fuites.extract(text)
    assert [(i.victim, i.primary) for i in document.incidents] == [("Les Tilleuls", True)]


def test_a_kind_of_firm_gives_way_to_a_name() -> None:
    text = (
        "Cyberattaque : une PME visée\n\n"
        "Une PME visée : le réseau de la société Ambulances Varenne est coupé depuis une cyberattaque. "
        "Les pirates demandent une rançon aux Ambulances Varenne."
    )
    assert victim(text) == "Ambulances Varenne"


def test_a_surname_before_an_english_company_ending_names_a_firm() -> None:
    text = (
        "Les fichiers dérobés à Dorval Electric mis en ligne par un gang\n\n"
        "Les fichiers dérobés à Dorval Electric auraient été mis en ligne par un gang. Dorval Electric avait "
        "reconnu qu'un tiers s'était introduit dans un outil interne."
    )
    assert victim(text) == "Dorval Electric"


def test_a_name_the_headline_calls_a_new_malware_is_no_victim() -> None:
    named = malware_named(split_sentences("Grivex : le nouveau malware qui vide les comptes bancaires"), load("fr"))
    assert "Grivex" in named
    # a victim whose headline names the malware that hit it is no malware
    assert "Orbelis" not in malware_named(
        split_sentences("Orbelis : un logiciel espion sur le poste d'un développeur expose des CV"), load("fr")
    )


def test_the_lower_case_words_of_a_body_name_go_on_after_a_complement() -> None:
    text = (
        "Un pirate dit avoir copié les fichiers de l'Union régionale de vol à voile et de l'Union régionale "
        "de la voile et de l'aviron. L'Union régionale de vol à voile a confirmé la fuite de données."
    )
    assert victim(text) == "Union régionale de vol à voile"


def test_a_town_then_an_aside_between_a_name_and_its_verb_leave_the_name_the_subject() -> None:
    text = "La clinique des Tilleuls à Brévol, non loin de Valmoret, a été victime d'un piratage lundi soir."
    [found] = find_candidates(split_sentences(text), [], load("fr"), set(), None)
    assert (found.display, found.as_victim) == ("Clinique des Tilleuls", 1)


def test_a_region_whose_name_holds_lower_case_words_keeps_them() -> None:
    text = "Mardi, les services de la région Pays de la Loire ont été paralysés par un rançongiciel."
    assert victim(text) == "Région Pays de la Loire"


def test_an_inhabitant_who_warns_the_town_hall_is_no_victim() -> None:
    text = ("Valbrune : le site de la commune piraté\nC'est un Valbrunois qui a averti les élus lundi en découvrant "
            "un slogan sur la page d'accueil. La mairie de Valbrune a fait fermer le site.")
    assert victim(text) == "Valbrune"


def test_a_brand_named_like_a_person_that_the_next_clause_calls_a_business_is_the_victim() -> None:
    text = ("Louis Garnier visé par une cyberattaque, l'enseigne admet un vol de données\nLes pirates ont emporté "
            "les adresses des clients de sa carte de fidélité, indique Louis Garnier.")
    assert victim(text) == "Louis Garnier"


def test_the_name_set_right_after_the_attack_is_the_one_hit() -> None:
    text = ("IBAN volés : que faire ?\nSur un forum, l'auteur de la cyberattaque Ondix montre 2 000 IBAN en guise de "
            "preuve. Ondix l'a reconnu lundi dans un message aux abonnés.")
    assert victim(text) == "Ondix"


def test_an_authority_said_to_be_hit_is_the_victim_and_one_that_warns_is_not() -> None:
    hit = (
        "Teachers locked out after cyber attack\nOn Friday, the Department of Education said it had been hit by a "
        "ransomware attack that encrypted its servers. Schools cannot reach its portal until next week."
    )
    warns = (
        "Schools warned of phishing emails\nOn Friday, the Department of Education warned schools that a phishing "
        "campaign impersonating Kelwin Bank is circulating."
    )
    assert victim(hit) == "Department of Education"
    assert fuites.extract(warns).incidents == []


def test_a_country_before_a_possessive_is_where_the_victim_is_not_its_name() -> None:
    text = "Police data stolen\nThe UK's Harland Police said on Monday that hackers stole the names of 4,000 officers."
    assert victim(text) == "Harland Police"


def test_the_form_with_a_body_head_noun_names_the_victim_rather_than_its_place() -> None:
    text = (
        "Ransomware gang publishes stolen files\nDunmore Council said on Friday that files stolen in a ransomware "
        "attack appeared on a leak site. Dunmore is a market town of 40,000 people. Dunmore Council has told the "
        "police, and many people in Dunmore use its online services."
    )
    assert victim(text) == "Dunmore Council"


def test_a_department_named_in_full_then_by_its_head_word_is_the_victim_not_its_country() -> None:
    text = (
        "Fishing licences delayed by ransomware\n"
        "The Department of Fisheries and Coastal Development in Norland says it has suffered a ransomware attack "
        "that locked its licensing servers. Boat owners cannot renew permits online while the Department "
        "rebuilds them, and the Department expects a return to normal within two weeks."
    )
    assert victim(text) == "Department of Fisheries and Coastal Development"


def test_a_title_case_headline_name_the_text_calls_by_its_role_noun_is_the_victim() -> None:
    text = (
        "Norland Court System Restores Filings After Malware Attack\n"
        "Judges heard cases on paper for a week after the court system pulled its websites offline when malware "
        "turned up on several servers. The court system says it found no sign that records were copied."
    )
    assert victim(text) == "Norland Court System"


@pytest.mark.parametrize(
    "lead",
    [
        "Solvane et Tarmis, deux sociétés qui traitent les remboursements de plusieurs caisses régionales, ont "
        "confirmé une intrusion dans leurs serveurs.",
        "Solvane et Tarmis, les deux sous-traitants des caisses, confirment un piratage de leurs plateformes.",
    ],
)
def test_a_pair_said_to_be_two_bodies_is_split_even_when_never_named_apart(lead: str) -> None:
    text = f"Cyberattaques contre Solvane et Tarmis : ce que l'on sait\n{lead}"
    assert victim(text) == "Solvane"
