"""How the breach happened and who did it: short French articles written for the test."""

import pytest

import fuites


def attacks(text: str) -> list[str]:
    primary = fuites.extract(text).primary
    assert primary is not None
    return primary.attack


def actors(text: str) -> list[str]:
    primary = fuites.extract(text).primary
    assert primary is not None
    return primary.actors


def test_a_ransom_note_on_the_screens_is_ransomware() -> None:
    text = ("La clinique du Val-Morin a été victime d'une cyberattaque dimanche. « Un message est apparu sur "
            "tous les écrans avec une demande de rançon », raconte un infirmier.")
    assert "ransomware" in attacks(text)


def test_files_stolen_and_encrypted_are_ransomware() -> None:
    text = ("La mairie de Sorgues-la-Haute a été victime d'un piratage. Dossiers dérobés et cryptés : "
            "les services de l'état civil sont à l'arrêt.")
    assert "ransomware" in attacks(text)


def test_a_mechanism_ruled_out_in_the_text_is_no_attack() -> None:
    text = ("Le transporteur Ligéris a été victime d'une cyberattaque : les données de 12 000 clients ont été "
            "dérobées. Il ne s'agit pas ici d'un ransomware : aucun message de rançon n'a été reçu.")
    assert not {"ransomware", "extortion"} & set(attacks(text))


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("La commune de Valmoret a vu son site piraté mardi. Selon l'adjoint au maire, il n'y a pas eu de demande "
         "de rançons.", ["intrusion"]),
        ("Un virus informatique a infecté les ordinateurs de la coopérative Le Réveil de Brume ; pas question de "
         "rançon pour l'instant, selon sa directrice.", ["malware"]),
        ("Hackers broke into the systems of the Valmoret council last week. There was no ransom demand, the mayor "
         "said.", ["intrusion"]),
    ],
)
def test_a_ransom_ruled_out_is_no_ransomware(text: str, attack: list[str]) -> None:
    assert attacks(text) == attack


def test_data_made_public_by_the_attackers_is_extortion() -> None:
    leak = ("Cyberattaque à la mairie de Brécy : les hackers diffusent des documents internes après le refus de "
            "la commune de payer.")
    forum = ("Fuite de données à l'école Sorbel : l'annonce a été postée par un cybercriminel sur un forum de "
             "hackers, qui affirme détenir la base de 9 000 élèves.")
    assert "extortion" in attacks(leak)
    assert "extortion" in attacks(forum)


def test_a_known_group_is_found_whatever_the_case_of_its_inner_capital() -> None:
    text = ("Le département du Haut-Vernay a été victime d'une cyberattaque. Selon des experts, Lockbit serait "
            "derrière l'attaque.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.actors == ["Lockbit"] and "ransomware" in primary.attack


def test_a_ransom_to_give_the_data_back_is_ransomware() -> None:
    text = ("La communauté de communes du Pré-Sarvan a été victime d'une cyberattaque. Les pirates réclament une "
            "rançon pour restituer l'accès aux fichiers des agents.")
    assert "ransomware" in attacks(text)


def test_data_said_encrypted_in_the_feminine_is_ransomware() -> None:
    text = ("Cyberattaque au lycée Marcel-Vaudrin : les données chiffrées par les pirates ne sont plus "
            "accessibles aux enseignants.")
    assert "ransomware" in attacks(text)


def test_a_group_named_after_a_comma_or_written_in_two_words_is_the_actor() -> None:
    comma = ("La fromagerie Ambrel a été victime d'une cyberattaque. Le gang de ransomware, Akira, a publié une "
             "partie des fichiers volés.")
    two_words = ("Le cabinet Sorvet a été victime d'une cyberattaque revendiquée par Black Matter, qui a chiffré "
                 "ses serveurs.")
    for text, actor in ((comma, "Akira"), (two_words, "Black Matter")):
        primary = fuites.extract(text).primary
        assert primary is not None and actor in primary.actors


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("La mutuelle Arvel a été piratée. Le groupe cybercriminel « Nox Vera » a publié les fichiers de ses "
         "adhérents.", "Nox Vera"),
        ("La caisse Prévia a été piratée par un groupe de hackers se faisant appeler « Sable Rouge », qui a "
         "revendiqué l'attaque.", "Sable Rouge"),
        ("Les sites de l'agence Ornis ont été piratés. Un compte @Nyx0team se réclamant du mouvement a "
         "revendiqué l'attaque.", "Nyx0team"),
        ("Les fichiers clients de l'éditeur Valmor ont été dérobés. Un internaute portant le pseudo « Zorbex42 » "
         "les propose sur un forum.", "Zorbex42"),
        ("Kr4ken, un pirate informatique, a dérobé les fichiers de 3 000 clients du transporteur Valmor. "
         "Depuis, le pirate a publié un extrait. Selon Datavue, un pirate vend la base.", "Kr4ken"),
    ],
)
def test_a_group_named_in_guillemets_a_claiming_handle_or_a_hacker_in_apposition_is_the_actor(
    text: str, actor: str
) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.actors == [actor]


def test_a_ransom_demand_with_no_data_taken_is_the_ransomware_the_attack_was() -> None:
    text = ("Victime d'une cyberattaque, la mairie de Saint-Aurèle refuse de payer une rançon aux pirates. "
            "Les services municipaux fonctionnent au ralenti depuis lundi.")
    assert attacks(text) == ["ransomware"]


def test_a_ransom_demand_for_stolen_data_is_extortion() -> None:
    text = ("La clinique Vermeil a été victime d'une cyberattaque : les pirates ont dérobé les noms et adresses de "
            "3 000 patients et réclament une rançon.")
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Fuite de données à l'agence Fiscalis. L'agence révèle qu'un membre du personnel a transféré des "
        "renseignements personnels concernant 23 000 employés hors de ses bureaux.",
        "La banque Alpina est touchée par une fuite de données : un lanceur d'alerte a remis aux médias les "
        "données de 18 000 clients.",
        "Fuite de données à la Caisse Boréale : l'ex-employé soupçonné d'avoir volé les données de 900 000 membres "
        "les aurait revendues.",
    ],
)
def test_an_insider_leak_in_other_words(text: str) -> None:
    assert "insider" in attacks(text)


def test_servers_infiltrated_tell_of_an_intrusion_and_an_undercover_officer_of_none() -> None:
    assert attacks("Des pirates ont infiltré les serveurs de la mairie de Valdor.") == ["intrusion"]
    assert not fuites.extract("Un policier infiltré a démantelé le réseau de trafiquants.").reports_incident


def test_accomplices_inside_helped_a_break_in_that_still_stands() -> None:
    text = ("La banque Cavel a été victime d'une cyberattaque. Des intrus sont parvenus à s'introduire dans les "
            "serveurs de la banque. Selon les enquêteurs, ils avaient des complices en interne.")
    assert set(attacks(text)) == {"insider", "intrusion"}


def test_an_application_that_bears_a_groups_name_is_no_attacker() -> None:
    text = ("L'agence Emploi Vallée reconnaît qu'une intrusion a exposé les noms de 40 000 inscrits. Le service "
            "ciblé, l'application Akira, reste fermé le temps de l'enquête.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.actors == [] and "ransomware" not in primary.attack


@pytest.mark.parametrize(
    "text",
    [
        "Termite dépose plainte après une cyberattaque contre ses caisses\n"
        "Les magasins Termite de Lunel et d'Agde sont restés fermés deux jours après la cyberattaque. Termite a "
        "prévenu la gendarmerie.",
        "Termite goes to the police over a cyberattack on its tills\n"
        "The attack shut two Termite stores for a day. Termite said it went to the police.",
    ],
)
def test_a_chain_of_shops_that_bears_a_groups_name_is_the_victim_not_the_attacker(text: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Termite" and primary.actors == []


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("L'enseigne Bricoval a annoncé le vol des données de 1,5 million de clients. L'enseigne a révélé qu'un de "
         "ses prestataires informatiques externes avait extrait ces informations.", ["supplier"]),
        ("L'enseigne Bricoval a annoncé le vol des données de 1,5 million de clients. Elle avoue qu'un « prestataire "
         "informatique externe » a été victime d'une intrusion.", ["supplier", "intrusion"]),
    ],
)
def test_a_provider_that_took_the_data_or_was_hit_is_the_supplier(text: str, attack: list[str]) -> None:
    assert fuites.extract(text).primary.attack == attack


@pytest.mark.parametrize(
    "text",
    [
        "La compagnie Air Valdor a été victime d'un piratage, par l'intermédiaire d'un partenaire commercial externe.",
        "Le CHU de Valdor a été victime d'une cyberattaque, via un de nos prestataires, a indiqué la directrice.",
        "La compagnie Air Valdor a été victime d'une fuite de données chez son fournisseur IT, Aerolink.",
    ],
)
def test_a_breach_through_a_partner_or_at_a_provider_is_the_supplier(text: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and "supplier" in primary.attack


def test_data_for_sale_on_the_dark_web_is_extortion() -> None:
    text = ("La mutuelle Sanvia a été victime d'une fuite de données. La base compte 2 millions de lignes, selon un "
            "site spécialisé, qui précise qu'elle est déjà en vente sur le Dark Web.")
    assert "extortion" in fuites.extract(text).primary.attack


@pytest.mark.parametrize(
    "text",
    [
        "La commune de Vernay a été victime d'une cyberattaque. Ces données ont été rendues publiques sur un forum.",
        "Le groupe Nocturne a revendiqué le piratage de la Caisse Solvane et la publication du fichier.",
        "L'énergéticien Lumira a été victime d'une cyberattaque. Les pirates ont dérobé 150 Go de fichiers, qui "
        "seront rendus publics si l'entreprise ne paye pas.",
    ],
)
def test_data_published_or_the_threat_to_publish_it_is_extortion(text: str) -> None:
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Mairie de Quérens piratée : des milliers de fichiers extraits des serveurs se retrouvent en ligne, "
        "accessibles à n'importe qui.",
        "Au moins 80 documents internes de la Caisse Ormel ont été déposés sur le Web caché par les pirates.",
        "Un pirate s'est introduit dans le système de la zone de police de Lorval et a divulgué des centaines "
        "d'amendes. Il aurait cherché à extorquer de l'argent aux policiers.",
        "L'école Variance a été victime d'une cyberattaque. Les pirates ont partagé des captures pour pousser "
        "l'école à négocier.",
    ],
)
def test_files_turning_up_online_or_an_attempt_to_extort_is_extortion(text: str) -> None:
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Le centre social de Vaudrin a subi une cyberattaque : « nos fichiers n'ont pas été dérobés mais cryptés ».",
        "La mairie de Sainte-Ovide découvre que tous les fichiers de ses administrés sont bloqués après une "
        "cyberattaque.",
        # the word written in two
        "Corby Township said a ransom ware infection locked its payroll system.",
    ],
)
def test_files_encrypted_or_locked_by_the_attack_are_ransomware(text: str) -> None:
    assert "ransomware" in attacks(text)


def test_a_ransom_to_get_systems_back_is_ransomware_even_when_salaries_are_still_paid() -> None:
    text = ("La mairie de Vernay a été victime d'une cyberattaque : les pirates ont paralysé les services et demandé "
            "une rançon pour rendre l'accès aux données. « Nous maintenons le versement des salaires des agents », "
            "a déclaré le maire. Les agents travaillent avec des téléphones portables mis à disposition, les lignes "
            "fixes étant coupées.")
    document = fuites.extract(text)
    assert document.primary is not None
    assert (document.primary.attack, document.primary.data) == (["ransomware"], [])


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("Des pirates se sont emparés du mot de passe d'un employé de la société Ternelle et ont téléchargé les "
         "données de 20 000 clients.", "account_compromise"),
        ("La société Ternelle a été victime d'un piratage : des connexions illicites ont été repérées, avec des "
         "mots de passe compromis lors de précédentes attaques sur des sites tiers.", "credential_stuffing"),
        ("L'association Ternelle a subi une fuite de données : un fichier de 3 000 adhérents était directement "
         "disponible sur son site web.", "misconfiguration"),
        ("La société Ternelle a subi une fuite de données : son application renvoyait les données de ses 9 000 "
         "membres sans vérifier qui les demandait.", "misconfiguration"),
        ("Ternelle informe des milliers d'utilisateurs que leurs comptes ont été piratés par une attaque de bourrage "
         "d'informations d'identification.", "credential_stuffing"),
        ("Bris de confidentialité au CISSS Ternelle : une employée a été congédiée pour avoir consulté illégalement "
         "une cinquantaine de dossiers médicaux.", "insider"),
        ("La fédération Ternelle annonce avoir été la cible d'un acte de cyber-malveillance : une fuite de données "
         "touche ses licenciés.", "intrusion"),
    ],
)
def test_a_stolen_password_reused_passwords_and_files_left_open_name_the_mechanism(text: str, attack: str) -> None:
    assert attack in attacks(text)


@pytest.mark.parametrize(
    "text",
    [
        "La commune de Vernay a été victime d'une cyberattaque. Les pirates disent avoir dérobé 240 Go de données "
        "et exigent le paiement d'une rançon avant le 25 novembre.",
        "La commune de Vernay a été victime d'une cyberattaque. Les pirates exigent des paiements sous peine de "
        "publier les fichiers sensibles.",
        "L'université de Vernay a été piratée : les mots de passe de ses étudiants se sont retrouvés disponibles "
        "sur le dark web.",
    ],
)
def test_a_ransom_for_data_taken_a_threat_to_publish_and_data_found_on_the_dark_web_are_extortion(text: str) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and "extortion" in primary.attack


def test_an_organisation_targeted_by_hackers_was_intruded() -> None:
    text = ("La société Solvane a été ciblée courant décembre par des pirates informatiques, qui affirment détenir "
            "ses données.")
    primary = fuites.extract(text).primary
    assert primary is not None and "intrusion" in primary.attack


def test_credentials_gathered_elsewhere_and_used_to_log_in_are_credential_stuffing() -> None:
    text = ("Le réseau Transvia a porté plainte après le piratage de comptes d'usagers. « L'attaquant a collecté sur "
            "le web environ 4 000 adresses mail et mots de passe, qu'il a utilisés pour se connecter aux comptes ».")
    primary = fuites.extract(text).primary
    assert primary is not None and "credential_stuffing" in primary.attack
    assert "email" in primary.data


def test_a_ransomware_called_malicious_software_is_no_other_malware() -> None:
    text = ("La commune de Valbrune a subi un rançongiciel. Selon un expert, ce logiciel malveillant rend les "
            "fichiers illisibles jusqu'au paiement.")
    assert attacks(text) == ["ransomware"]


def test_an_infostealer_beside_a_ransomware_is_malware_too() -> None:
    text = ("La commune de Valbrune a été victime d'un rançongiciel, déployé après qu'un infostealer a volé les "
            "identifiants d'un agent.")
    assert set(attacks(text)) >= {"ransomware", "malware"}


def test_a_ransom_the_victim_is_asked_about_is_no_attack() -> None:
    text = ("La mairie de Valbrune a été victime d'une cyberattaque. Questionné sur une éventuelle rançon, "
            "l'adjoint au numérique n'a pas souhaité répondre.")
    assert attacks(text) == ["intrusion"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Trois jours plus tard, Vortal a ensuite publié des documents de la mutuelle.",
        "Sur sa vitrine, Vortal dit avoir publié un fichier des assurés de la mutuelle.",
        "Vortal a mis la pression en publiant quelque 90 gigaoctets de fichiers de la mutuelle.",
    ],
)
def test_data_the_attackers_published_is_extortion(sentence: str) -> None:
    text = f"La mutuelle Ovéane a été victime d'une cyberattaque. {sentence}"
    assert "extortion" in attacks(text)


def test_what_a_group_is_known_for_is_not_what_it_did() -> None:
    text = ("La clinique Sainte-Aure a été victime d'un rançongiciel qui a chiffré ses serveurs. Les enquêteurs "
            "soupçonnent Vortal, un groupe connu pour ses techniques de double extorsion.")
    assert attacks(text) == ["ransomware"]


def test_a_group_named_before_an_aside_is_the_actor_and_its_nationality_is_not() -> None:
    text = ("Le ministère de l'Artisanat a été piraté. Le collectif KR7x, qui se dit Tunisien, a revendiqué "
            "l'opération dans un message.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.actors == ["KR7x"]


@pytest.mark.parametrize(
    "text",
    [
        "After a breach of its database, Harwick College was told a hacker had posted student enrolment records "
        "online.",
        "After a breach, Harwick Telecom found that subscriber phone lists had been leaked on a website.",
    ],
)
def test_english_data_posted_or_leaked_online_is_extortion(text: str) -> None:
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Le site de la mutuelle Valmance a été piraté. Signant “Grey Atlas” ou "
         "“Delta Crew” selon les messages, les auteurs revendiquent cette attaque.", ["Grey Atlas", "Delta Crew"]),
        ("La plateforme Ondix a été piratée. Déjà connu des enquêteurs, “Korvex”, un pirate très actif, a revendiqué "
         "l'attaque.", ["Korvex"]),
        ("Les données de clients de l'opérateur Telvia ont été volées. Depuis lundi, un dénommé zarkhol "
         "propose les fiches de 2 millions de clients.", ["zarkhol"]),
    ],
)
def test_a_quoted_alias_before_a_claim_and_a_so_called_seller_are_the_attackers(text: str, named: list[str]) -> None:
    assert actors(text) == named


def test_an_ethical_hacker_known_by_a_nickname_is_no_attacker() -> None:
    text = ("Les données de clients de l'opérateur Telvia ont été volées, a constaté Marc Dorval, chercheur "
            "connu sous le pseudonyme de Zork.")
    assert actors(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Harwick Library was hit by ransomware; the Korvex gang now plans to auction the stolen files.",
        "Harwick Audio was breached and its customer list turned up on dark web forums days later.",
    ],
)
def test_english_data_auctioned_or_put_out_on_the_dark_web_is_extortion(text: str) -> None:
    assert "extortion" in attacks(text)


def test_an_unauthorized_party_gaining_access_is_an_intrusion_beside_the_malware() -> None:
    text = ("Malware was found on the tills of Harwick Stores. The investigation found an unauthorized individual "
            "gained access to the payment systems.")
    assert set(attacks(text)) >= {"malware", "intrusion"}


def test_the_group_the_hackers_belong_to_is_the_actor() -> None:
    text = ("Vos données risquent d'être publiées par les hackers du collectif Nox Vera. Ils disent s'être introduits "
            "dans les serveurs de l'enseigne Pizzeria Lunetta et avoir volé les données de 40 000 clients.")
    assert actors(text) == ["Nox Vera"]


def test_attackers_saying_they_got_into_the_servers_is_an_intrusion() -> None:
    text = ("La pizzeria Lunetta a été victime d'un rançongiciel. Le groupe affirme s'être introduit dans son réseau "
            "dès le mois de mars.")
    assert "intrusion" in attacks(text)


def test_data_stolen_and_posted_is_extortion_and_ransoms_sought_in_general_are_no_ransomware() -> None:
    posted = ("L'agence Valdis a été victime d'une cyberattaque. Les pirates ont subtilisé et diffusé 12 Go de "
              "courriels internes.")
    assert "extortion" in attacks(posted)
    general = ("L'hôpital de Valdor est la cible d'une cyberattaque. Ces groupes cherchent en général à "
               "réclamer des rançons.")
    assert "ransomware" not in attacks(general)


def test_the_back_of_a_card_is_no_denial_of_service() -> None:
    text = ("La compagnie Valair a été piratée : les numéros de cartes bancaires ont été volés, mais le code "
            "imprimé au dos de la carte n'a pas été copié.")
    assert "ddos" not in attacks(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "Le groupe écrit aux adhérents pour les menacer de dévoiler leurs dossiers.",
        "Le gang a commencé à diffuser les fichiers volés mardi.",
        "Faute de paiement, la diffusion des données a débuté lundi.",
        "Depuis, les dossiers de 8 000 adhérents sont en libre circulation sur le darknet.",
        "Vortal a publié une série de documents sur son site.",
        "Vortal a fait pression en publiant, le 3 avril, des fichiers de la mutuelle.",
        "Vortal a mis en ligne, sur le darknet, 40 Go de documents.",
        "Une archive de contrats, diffusée par des hackers dans le web caché, circule.",
    ],
)
def test_data_the_attackers_spread_or_threaten_to_reveal_is_extortion(sentence: str) -> None:
    text = f"La mutuelle Ovéane a été victime d'une cyberattaque en mars. {sentence}"
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Korvex gang has published confidential payroll data from the college.",
        "The crew behind the attack posted a list of student records it dumped online.",
        "Korvex says it will begin auctioning off access to some data from the college.",
        "The hackers have released a second batch of allegedly stolen patient files.",
        "The crew started dumping the archive onto the dark web on Monday.",
    ],
)
def test_english_data_the_attackers_released_or_dumped_is_extortion(sentence: str) -> None:
    text = f"Harwick College was hit by a ransomware attack in May. {sentence}"
    assert "extortion" in attacks(text)


@pytest.mark.parametrize(
    ("text", "attack"),
    [
        ("Piratage au ministère de l'Artisanat\nDimanche, des messages étranges sont apparus sur le compte Facebook "
         "officiel du ministère de l'Artisanat, détourné pendant deux heures.", "account_compromise"),
        ("Valbrune : la page d'accueil du collège Jean Moulin remplacée\nUn groupe a défacé samedi le site du "
         "collège Jean Moulin pour y afficher ses slogans.", "intrusion"),
    ],
)
def test_a_hijacked_social_account_and_a_defaced_site_are_incidents(text: str, attack: str) -> None:
    assert attack in attacks(text)
