"""Whether an article reports an incident: the prefilter, and the sentence the decision rests on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fuites
from fuites.extract.pipeline import _tells_an_event
from fuites.extract.prefilter import breach_cue, may_report_incident
from fuites.extract.text import Sentence
from fuites.vocab import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"


def reports_nothing(text: str) -> bool:
    """The article is read as reporting no incident, and no incident is kept."""
    document = fuites.extract(text)
    return document.reports_incident is False and document.incidents == []


def test_an_article_without_breach_words_is_ruled_out() -> None:
    text = (
        "Le conseil municipal a voté mardi le budget de la piscine. Les travaux de rénovation "
        "commenceront au printemps et la réouverture est prévue pour la rentrée."
    )
    assert not may_report_incident(text)
    document = fuites.extract(text, published="2024-05-03")
    assert (document.reports_incident, document.incidents, document.published) == (False, [], "2024-05-03")


def test_stems_match_at_the_start_of_a_word_only() -> None:
    assert breach_cue("Une infection respiratoire et une aspiration.") is None
    assert breach_cue("Le piratage du site a duré deux jours.") == "pirat"
    assert breach_cue("Hackers claimed the attack.") == "hack"
    # a theft of data said in those words alone is read in full
    assert breach_cue("L'opérateur Velcom a été victime d'un vol de données.") == "vol de donn"


def test_a_ruled_out_article_still_gets_its_date_from_the_text() -> None:
    text = "PARIS, 9 juillet 2025 - Le festival a accueilli 40 000 spectateurs ce week-end."
    assert fuites.extract(text).published == "2025-07-09"


@pytest.mark.parametrize("folder", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_the_prefilter_lets_every_incident_of_the_fixtures_through(folder: str) -> None:
    gold = [json.loads(line) for path in (FIXTURES / folder).glob("gold-*.jsonl") for line in path.open()]
    missed = [
        g["doc"]
        for g in gold
        if g["reports_incident"] and not may_report_incident((FIXTURES / folder / f"{g['doc']}.txt").read_text())
    ]
    assert missed == []


def test_the_prefilter_lets_every_real_incident_through(shared: Path) -> None:
    casie = shared / "eval" / "casie-dev"
    if not casie.is_dir():
        pytest.skip("no CASIE development set beside the repository")
    gold = [json.loads(line) for line in (casie / "gold.jsonl").open()]
    incidents = [g["doc"] for g in gold if g["reports_incident"]]
    missed = [doc for doc in incidents if not may_report_incident((casie / "texts" / f"{doc}.txt").read_text())]
    assert len(missed) <= 0.01 * len(incidents), missed


def test_the_decision_cites_the_sentence_that_tells_of_the_incident() -> None:
    text = (
        "Maréchal Assurances dans la tourmente\n"
        "L'assureur Maréchal Assurances a confirmé jeudi qu'un pirate avait dérobé les noms et adresses "
        "de 12 000 assurés. L'entreprise a porté plainte."
    )
    document = fuites.extract(text)
    assert document.reports_incident
    [(start, end)] = document.evidence["reports_incident"]
    assert "dérobé les noms" in document.text[start:end]


def test_everyday_senses_of_breach_words_report_no_incident() -> None:
    text = (
        "Intrusion à la mairie de Vernon\n"
        "Des militants ont fait intrusion mercredi dans la salle du conseil de la mairie de Vernon. "
        "La fuite du suspect a duré deux heures ; la police a ouvert une enquête pour violation de domicile."
    )
    document = fuites.extract(text)
    assert (document.reports_incident, document.incidents) == (False, [])


@pytest.mark.parametrize(
    "text",
    [
        "Levee gives way near Marlow Creek\nThe river breached a levee of the Dunmore Drainage Board on Sunday, the "
        "board said. Crews worked near the breach all night and 400 residents left their homes.",
        "Freighter seized off the Gulf coast\nArmed men boarded the Halvard Star freighter and hijacked the vessel "
        "on Monday, Halvard Lines said. E-mail | Print. The crew of 14 is safe, according to the navy.",
    ],
)
def test_breach_and_hijack_said_of_a_thing_report_no_incident(text: str) -> None:
    document = fuites.extract(text)
    assert (document.reports_incident, document.incidents) == (False, [])


def test_a_security_advice_piece_reports_no_incident() -> None:
    text = (
        "Comment se protéger des logiciels malveillants\n"
        "Les experts conseillent de mettre à jour son téléphone et de se méfier des pièces jointes. "
        "Un antivirus à jour bloque la plupart des logiciels malveillants."
    )
    assert fuites.extract(text).reports_incident is False


def test_a_flaw_found_in_a_product_is_no_incident() -> None:
    text = (
        "Critical flaw found in Routerix home routers\n"
        "Security researchers at Nordlight found a vulnerability in the web interface of Routerix routers. "
        "The flaw could allow a remote attacker to take control of the device and steal passwords. "
        "Routerix has released a patch and urges owners to update."
    )
    assert fuites.extract(text).reports_incident is False


def test_a_hedged_breach_is_still_an_incident() -> None:
    text = (
        "Quillmark Bank said on Monday that hackers may have accessed the names and account numbers of "
        "40,000 customers after breaching one of its servers."
    )
    document = fuites.extract(text)
    assert document.reports_incident
    assert document.primary is not None and document.primary.victim == "Quillmark Bank"


def test_a_consequence_clause_does_not_hedge_the_exposure_before_it() -> None:
    text = (
        "The payroll files of the Harwick Port Authority were left exposed on a public server, allowing anyone to "
        "download the names and bank details of 3,000 dock workers."
    )
    document = fuites.extract(text)
    assert document.reports_incident
    assert document.primary is not None and document.primary.victim == "Harwick Port Authority"


def test_a_breach_noun_after_a_name_makes_it_the_victim() -> None:
    text = (
        "Attackers penetrated the cloud console of Velmora, according to a report by the security firm "
        "Graywick. The Velmora breach exposed the maintenance logs of the carmaker's vans."
    )
    document = fuites.extract(text)
    assert document.reports_incident
    assert document.primary is not None and document.primary.victim == "Velmora"


def test_research_on_a_flaw_that_tells_how_an_attack_works_is_no_incident() -> None:
    text = (
        "Critical bug found in the Quirkle PDF reader\n"
        "Researchers at Palewind found a vulnerability in the Quirkle PDF reader. A malicious document "
        "opened in it runs hidden code with the rights of whoever opened it."
    )
    assert fuites.extract(text).reports_incident is False


def test_a_flaw_that_exposed_data_is_an_exposure() -> None:
    text = (
        "Brindle fixes API flaw that exposed the home addresses of 80,000 users\n"
        "The delivery app Brindle said one of its API endpoints had been left without authentication."
    )
    document = fuites.extract(text)
    assert document.reports_incident
    assert document.primary is not None and document.primary.victim == "Brindle"


def test_a_hacking_lead_ruled_out_and_sea_pirates_report_no_incident() -> None:
    outage = (
        "Panne géante chez Transvéa : les guichets paralysés\n"
        "Les guichets de Transvéa sont restés fermés toute la matinée après une panne informatique. "
        "La piste d'un piratage est pour l'heure écartée, selon la direction."
    )
    history = (
        "Le retour des tortues sur l'île de Calvora\n"
        "Au XVIIIe siècle, les attaques de pirates et le pillage des navires avaient décimé les tortues de l'île."
    )
    assert fuites.extract(outage).reports_incident is False
    assert fuites.extract(history).reports_incident is False


def test_an_arrest_of_hackers_reports_no_incident() -> None:
    operation = (
        "Coup de filet contre des hackers en Europe\n"
        "Une opération, baptisée Nordlicht Sentinel et menée par les polices de six pays, a permis "
        "l'interpellation de 80 pirates. Les enquêteurs ont saisi des serveurs et des cryptomonnaies."
    )
    assert reports_nothing(operation)


@pytest.mark.parametrize(
    "text",
    [
        # one hacker sentenced: the case, not an incident
        "Un étudiant canadien de 22 ans a été condamné mardi à quatre ans de prison pour avoir piraté plus de 50 000 "
        "machines, parmi lesquelles des serveurs d'une base navale, et avoir diffusé des logiciels espions. Il "
        "avait reconnu les faits devant le tribunal. Des clients le rémunéraient pour infecter des ordinateurs. Il "
        "devra restituer 12 000 dollars à la base qu'il avait piratée, sa Falcona GT et 30 000 dollars saisis chez "
        "lui.",
        # police shutting down a forum where stolen data was sold
        "La police de six pays s'associe pour fermer un marché noir de fichiers volés\n"
        "Onze interpellations et trois serveurs confisqués : l'enquête, pilotée depuis Lyon, a mis un terme à "
        "Fuitopia, une vitrine très courue des escrocs du web. Fuitopia ne se cachait même pas. On y échangeait "
        "des bases de données volées et des kits de piratage. Les 9 et 10 juin, les enquêteurs ont frappé partout "
        "à la fois.\nD'après un rapport rendu public le 9 juin par le département américain de la Justice, "
        "Fuitopia revendiquait plus de 90 000 inscrits. Le site regroupait le butin de nombreux piratages : "
        "identifiants, mots de passe et cartes bancaires, proposés à la vente.",
        # a guide to the law: its code is no victim
        "Que risque un pirate devant la justice ?\n"
        "S'introduire sans droit dans un système informatique peut coûter cinq ans de prison. Exploiter des "
        "données volées, répandre un virus ou faire chanter une victime alourdit la peine que fixe le Code pénal.",
    ],
)
def test_a_sentence_a_takedown_and_the_penal_code_report_no_incident(text: str) -> None:
    assert reports_nothing(text)


@pytest.mark.parametrize(
    "text",
    [
        # the case against two intruders, years on
        "Pair jailed over college network break-in\n"
        "A court sent two former students to prison for eight months on Friday. The Kettering Polytechnic was "
        "hacked by the pair in 2019, and its network was damaged. The hacking cost the Kettering Polytechnic £20,000.",
        # a school's water leak, in an article that speaks of its records and network
        "Mould closes a village school library\n"
        "A roof leak soaked the library of Harrow Lane School, and mould spread over the books. Staff moved the "
        "pupils' records to the network and the library will reopen in May.",
        # a funding plan to protect firms from attacks to come
        "Government puts $90m into cyber defence\n"
        "Small firms get $90 million of grants to defend their networks against cyberattacks, and the Brandle "
        "Signals Agency gets forty new analysts.",
        # a consumer test of devices: their flaws, nobody hit
        "Test finds cheap baby monitors open to hackers\n"
        "Parents buy them to sleep better. Greyline's lab says monitors sold online leave owners' personal data "
        "within hackers' reach. Greyline said the Brindlecam monitor sent passwords without encryption.",
    ],
)
def test_a_trial_a_water_leak_a_defence_budget_and_a_device_test_report_no_incident(text: str) -> None:
    assert reports_nothing(text)


@pytest.mark.parametrize(
    "text",
    [
        "Arnaque Ferrovia, Pass Azur : phishing et coordonnées bancaires\n"
        "date 2026-01-19 Une nouvelle vague de cyberattaques vise les voyageurs au nom de Ferrovia. Des pirates "
        "promettent par courriel un Pass Azur gratuit contre un court questionnaire, pour dérober des "
        "informations bancaires. Le courriel copie le style de Ferrovia Connect jusqu'au logo. À la clé, 200 Pass "
        "Azur à gagner, de quoi pousser la cible à cliquer.",
        "Les pompes à insuline menacées par des logiciels malveillants\n"
        "Des logiciels malveillants diffusés sur internet viseraient les machines qui traitent les malades du cœur "
        "dans les cliniques. Vol de dossiers médicaux et prescriptions truquées reçues par mail sont à craindre, "
        "prévient Vigilix, éditeur d'antivirus.\nPacemakers, pompes à insuline et autres équipements pilotés par un "
        "logiciel seraient exposés aux malwares, ajoute l'éditeur. Des autorités américaines avaient déjà mis en "
        "garde contre ces attaques virales l'automne dernier.\nLes pirates visent surtout les ordinateurs des "
        "hôpitaux, selon Vigilix.",
    ],
)
def test_a_scam_in_an_organisations_name_or_a_threat_to_devices_reports_no_incident(text: str) -> None:
    assert reports_nothing(text)


def test_data_taken_by_hackers_is_an_incident() -> None:
    text = (
        "Des étudiants de l'université Valrouge 2 ont reçu un courriel inquiétant. Selon l'université, "
        "sa base de contacts a été récupérée par des pirates chinois, avec les adresses de 4 000 étudiants."
    )
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Université Valrouge 2"


def test_data_an_employee_passed_on_to_third_parties_is_an_insider_incident() -> None:
    text = ("Les renseignements personnels de 400 000 membres de la Caisse Orméa ont été transmis illégalement à "
            "des tiers par un employé aujourd'hui congédié. Il ne s'agit pas d'une cyberattaque, précise la Caisse.")
    document = fuites.extract(text)
    assert document.primary is not None
    assert (document.primary.victim, document.primary.attack) == ("Caisse Orméa", ["insider"])


@pytest.mark.parametrize(
    "text",
    [
        # an employee handing over a list
        "Données personnelles : au collège Ferdinand-Aubray, un agent a transmis la liste des élèves et de leurs "
        "parents à une entreprise de soutien scolaire.",
        # Quebec wording
        "Fuite de renseignements personnels à la Coopérative Bellerive : les dossiers de 3 000 membres ont été "
        "consultés.",
        # a mailing error
        "La mutuelle Vosgia a envoyé par erreur à 2 000 adhérents un courriel contenant les adresses de tous les "
        "autres.",
        # a threat to sell the data
        "Des pirates ont menacé de vendre les données de la clinique Sainte-Aure si elle ne payait pas.",
        # an intrusion detected that exposed names
        "L'agence Emploi Vallée reconnaît qu'une intrusion détectée le 12 juillet a exposé noms et téléphones de "
        "340 000 inscrits.",
        # phishing that gave access
        "La mairie de Brévilliers a été victime d'une campagne de phishing qui a permis d'accéder aux dossiers "
        "de 800 administrés.",
        # the items of data said stolen, with no word for data or attack
        "Les noms, prénoms et numéros de téléphone de 12 000 clients de l'enseigne Bricoval ont été dérobés.",
        # someone who managed to get into a platform
        "Les Transports Varnois l'ont annoncé lundi : un informaticien externe est parvenu à accéder à la "
        "plateforme de vente de billets.",
        # a mass mailing with every recipient's address shown
        "Suite à une erreur de messagerie, l'association Lyrelle a envoyé un email de masse en saisissant les "
        "adresses des destinataires dans le champ « À » au lieu du champ « Cci ».",
        # an attack said against its systems, or suffered, with no word for data
        "Les Transports du Val-Blanc ont constaté une attaque contre leurs systèmes informatiques.",
        "Les Transports du Val-Blanc ont subi une attaque informatique.",
        # Québec's wording of a leak by a member of staff
        "Le ministère des Loisirs informe d'une communication non autorisée de renseignements personnels : un membre "
        "de son personnel a transféré des dossiers à son adresse courriel personnelle.",
    ],
)
def test_other_wordings_of_an_incident_are_read(text: str) -> None:
    assert fuites.extract(text).reports_incident is True


def test_a_warning_about_fake_messages_in_an_organisations_name_reports_no_incident() -> None:
    text = ("Des SMS au nom de l'Assurance Verte vous informent que votre carte va expirer. Il s'agit d'une "
            "tentative de phishing : ne cliquez pas sur le lien. L'Assurance Verte rappelle qu'elle ne demande "
            "jamais vos coordonnées bancaires par SMS. Les sites de phishing reprennent le logo de l'Assurance Verte.")
    assert fuites.extract(text).reports_incident is False


def test_a_stolen_bag_is_no_data_theft() -> None:
    text = ("En tournée dans le Quercy, le chanteur Paul Verrand s'est fait dérober sa sacoche au restaurant, comme "
            "le raconte le site de Radio Causses. Elle a été retrouvée le lendemain.")
    assert fuites.extract(text).reports_incident is False


def test_a_place_where_leaks_were_counted_is_no_victim() -> None:
    text = ("Le nombre de fuites de données signalées au Québec a bondi de 60 % en un an, dont le tiers causé par "
            "des cyberattaques, selon le bilan annuel publié mardi.")
    assert fuites.extract(text).reports_incident is False


def test_backup_tapes_stolen_from_an_operator_are_an_incident() -> None:
    text = ("Télénet Alpes s'est fait subtiliser au moins trois bandes de données provenant de ses centres de calcul. "
            "L'opérateur a porté plainte.")
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == "Télénet Alpes"


def test_hackers_charged_for_an_attack_report_the_case_not_an_incident() -> None:
    text = ("Deux jeunes pirates ont été mis en examen à Lyon pour avoir attaqué plusieurs sites du rectorat de "
            "l'académie Sud en mars. Ces interpellations font suite au défaçage des portails de trois collèges.")
    assert fuites.extract(text).reports_incident is False


def test_the_author_of_a_study_on_exposed_databases_is_no_victim() -> None:
    text = ("Des chercheurs ont trouvé 9 milliards de données sur des consommateurs restées dans 8 000 bases de "
            "données non sécurisées. L'étude, menée par Passwardo entre 2023 et 2024, a recensé des bases mal "
            "configurées dans vingt pays.")
    assert fuites.extract(text).reports_incident is False


def test_a_flaw_that_let_anyone_see_others_accounts_is_an_exposure() -> None:
    text = ("Northwind Parcel website flaw patched a year after it was reported. Northwind Parcel has fixed a bug in "
            "its website that allowed anyone with an account to see the account details of 20 million users.")
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == "Northwind Parcel"


def test_towns_named_in_passing_in_an_essay_report_no_incident() -> None:
    text = ("Dans mon parcours de consultant, de Lille à Bordeaux, j'ai souvent vu des visages se fermer à "
            "l'évocation d'une fuite de données. Une fuite de données n'est pas toujours un piratage informatique.")
    assert fuites.extract(text).reports_incident is False


def test_a_headline_that_names_the_victim_by_its_role_reports_the_incident() -> None:
    text = ("Mairie cyberattaquée : des données des habitants divulguées\n"
            "À l'échelle de la commune de 9 000 habitants, la fuite de données est importante. En quelques heures, "
            "au moins 15 000 fichiers sont extraits des serveurs de la mairie et se retrouvent en ligne. Une "
            "cyberattaque d'ampleur, aux suites encore floues pour les habitants. La mairie de Plouvenec, dans le "
            "Finistère, assure qu'elle renforcera son budget informatique.")
    document = fuites.extract(text)
    assert document.reports_incident is True and document.primary.victim == "Plouvenec"


def test_a_phrase_or_a_title_cased_heading_names_no_victim() -> None:
    text = ("Une nouvelle cyberattaque inquiète les abonnés d'un grand opérateur\n"
            "Imaginez ouvrir votre boîte mail un matin et découvrir que vos données personnelles ont été volées. "
            "C'est ce qui est arrivé à de nombreux abonnés d'un opérateur français.\n"
            "Une Nouvelle Cyberattaque qui Fait Trembler les Abonnés\n"
            "L'opérateur en question a informé ses clients d'un accès non autorisé à l'un de ses outils.")
    assert fuites.extract(text).reports_incident is False


def test_a_region_never_said_to_be_hit_is_no_victim() -> None:
    text = ("Le diffuseur sportif réduit ses effectifs en Afrique de l'Ouest\nLe réseau sportif a lancé un plan de "
            "départs pour ses activités en Afrique de l'Ouest, a annoncé un porte-parole, évoquant la crise et le "
            "« piratage » rampant en Afrique de l'Ouest.")
    assert fuites.extract(text).reports_incident is False


def test_the_sentence_that_tells_who_was_affected_tells_the_incident() -> None:
    text = ("Fuite de données personnelles dans une école de Valcourt\nPrès de 150 élèves de l'école des Bouleaux, à "
            "Valcourt, ont vu leurs renseignements personnels publiés par erreur sur Internet pendant plusieurs "
            "semaines. Le Centre de services scolaire des Hautes-Rives a confirmé qu'un document contenant des données "
            "sensibles avait été déposé sur le site web de l'école. Des numéros d'assurance sociale et des dates de "
            "naissance y figuraient.")
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary.victim == "Centre de services scolaire des Hautes-Rives"


def test_a_politicians_hacked_account_is_no_organisations_incident() -> None:
    text = ("Le compte de Gaspard Lérimont piraté\nGaspard Lérimont a été victime d'un piratage de son compte Twitter, "
            "a-t-il annoncé vendredi. Gaspard Lérimont, secrétaire d'État, a porté plainte.")
    assert fuites.extract(text).reports_incident is False


@pytest.mark.parametrize(
    "text",
    [
        # a centre founded to guard against attacks in general
        "Des acteurs de la santé ont fondé le Centre Sanitas Cyber (CSC) afin d'alerter et de se prémunir contre "
        "les cyberattaques ciblant les hôpitaux. Le CSC proposera des exercices aux établissements. Le CSC "
        "réunira une vingtaine de membres.",
        # the law's duties after an attack that may come, glued to a tag by the page's layout
        "Cyber assurances : dépôt systématique d'une plainte en cas de cyberattaque\n\n"
        "cyberattaqueA partir du 25 avril 2023, pour pouvoir bénéficier du contrat d'assurance cyber risque, "
        "l'assuré doit déposer plainte dans un délai de 72 heures après avoir eu connaissance d'une cyberattaque. "
        "Jeanne Morel interviewée par Paul Girard commente cette disposition pour Revue Droit Pratique\n\n"
        "Dépôt systématique de plainte en cas de cyberattaque\n\n"
        "« L'entreprise victime d'une violation de données personnelles a l'obligation d'effectuer une "
        "notification auprès de la Cnil dans les 72h », rappelle Jeanne Morel.",
    ],
)
def test_what_one_guards_against_and_the_laws_duties_report_no_incident(text: str) -> None:
    assert fuites.extract(text).reports_incident is False


def test_data_said_stolen_past_a_count_and_a_name_tells_an_incident() -> None:
    document = fuites.extract("Les données de 4 millions de clients de Valdor ont été dérobées, a révélé la société.")
    assert document.primary is not None and document.primary.victim == "Valdor"


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        (
            "Les ateliers de l'entreprise Brunelle à Quimperlé sont à l'arrêt depuis mardi à cause d'un virus "
            "dans le système informatique de l'entreprise, selon un salarié. La production reprendra lundi.",
            "Brunelle",
        ),
        (
            "Le groupe LockBit affirme avoir crypté 300 Go de données concernant la clinique Saint-Aubin. La "
            "clinique ne souhaite pas commenter et assure que les soins continuent.",
            "clinique Saint-Aubin",
        ),
        (
            "La société des eaux Limpia a envoyé mardi à ses abonnés un courriel avec son fichier clients en "
            "pièce jointe. Les noms et adresses de 9 000 abonnés ont ainsi circulé.",
            "Limpia",
        ),
        (
            "Des données qui pourraient concerner des patients de l'hôpital de Valmont, victime d'une cyberattaque "
            "le 3 mars, ont été publiées dimanche par des pirates, a-t-on appris auprès de l'hôpital.",
            "hôpital de Valmont",
        ),
    ],
)
def test_a_virus_in_the_systems_encrypted_files_a_file_sent_out_and_a_hedged_scope_tell_an_incident(
    text: str, victim: str
) -> None:
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None
    assert document.primary.victim.casefold() == victim.casefold()


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        # the theft told of the victim by its trade noun ("des données du fabricant")
        ("L'entreprise Navaro, dont le siège est à Lausanne, a réussi à déjouer les plans d'un groupe de pirates "
         "informatiques. Selon un journal, des cybercriminels ont volé et chiffré des données du fabricant de "
         "skis avant de réclamer une rançon.", "Navaro"),
        # a name in guillemets after its trade noun
        ("Le quotidien «Le Vallon» est victime d'une cyberattaque. Le journal ne peut plus publier son site.",
         "Le Vallon"),
        # a brand whose capital comes second, hit as the object of "subie par"
        ("Un sombre chapitre pour le commerce en ligne. La récente cyberattaque subie par eMarché a exposé les "
         "données de 2 millions de clients.", "eMarché"),
    ],
)
def test_victims_named_by_a_trade_noun_in_guillemets_or_as_a_brand_are_read(text: str, victim: str) -> None:
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == victim


def test_the_safety_of_people_compromised_is_no_incident() -> None:
    text = ("Le train a été arrêté. La compagnie rappelle que l'intervention est possible en cas de compromission "
            "de la sécurité des personnes.")
    assert fuites.extract(text).reports_incident is False


@pytest.mark.parametrize(
    "text",
    [
        # an insider who used a colleague's login to read members' files
        "Une plainte a été déposée par la Fédération française de voile pour violation massive de fichiers "
        "informatiques. Une salariée aurait reconnu avoir accédé aux données personnelles des licenciés.",
        "La Fédération française de voile a constaté une utilisation anormale d'un identifiant remis à une salariée.",
        # an e-mail that showed every recipient's address
        "Les clients de l'enseigne Brico Sud ont reçu un mail comportant les adresses de 3 000 autres clients.",
    ],
)
def test_reading_members_files_without_right_or_an_email_showing_all_addresses_is_an_incident(text: str) -> None:
    assert fuites.extract(text).reports_incident is True


def test_a_threat_report_on_a_whole_sector_is_no_incident() -> None:
    text = ("Transports : un secteur sous tension face aux cybermenaces.\n"
            "En 2024, le contexte des Jeux Olympiques de Paris a mis en lumière l'exposition des transports urbains "
            "aux attaques informatiques. Dans un état de la menace publié en avril, l'agence dresse un constat clair : "
            "le secteur des transports urbains est fortement ciblé par des cyberattaques.")
    assert fuites.extract(text).reports_incident is False


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        # equipment holding staff records stolen; what could follow is said after it
        ("La Radio du Nord a été victime d'un vol de matériel informatique qui pourrait exposer les "
         "renseignements personnels de 2 000 employés, a indiqué la direction.", "Radio du Nord"),
        # files encrypted, not stolen
        ("Les serveurs du CPAS de Verlaine sont à l'arrêt : « nos fichiers n'ont pas été dérobés mais cryptés », "
         "explique son directeur.", "CPAS de Verlaine"),
        # a police zone's own systems
        ("Un pirate informatique s'est introduit dans le système de la zone de police locale de Valdor "
         "et a divulgué des procès-verbaux.", "Zone de police locale de Valdor"),
        # a site named by its address, written in lower case where it is hit
        ("Le site du collectif culturel prisme.bzh a été piraté et mis hors ligne. Les hackers exigent "
         "une rançon. Prisme.bzh a porté plainte auprès de la police.", "Prisme.bzh"),
    ],
)
def test_stolen_equipment_encrypted_files_a_police_zone_and_a_site_named_by_its_address(text: str, victim: str) -> None:
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == victim


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Trafic de données clients : un ex-employé de Telvio Mobile cède les infos aux plus offrants\n\n"
         "Le régulateur enquête sur la prétendue vente de données de milliers de clients par un ancien employé "
         "de l'opérateur Telvio Mobile.", "Telvio Mobile"),
        ("Des failles dans les serveurs de plusieurs cliniques ont causé la fuite de centaines d'informations "
         "médicales. Il semble que ces documents aient fuité de la clinique Saint-Arnoult, dont la direction "
         "s'est dite surprise. Un journaliste du site spécialisé Soignants Info a découvert les documents, "
         "a-t-il expliqué dans une interview accordée à Soignants Info.", "Clinique Saint-Arnoult"),
        ("L'Association Logis Solidaires (ALS) a manqué à son obligation de préserver la sécurité des données de "
         "ses usagers. La CNIL a constaté qu'une modification de l'URL permettait d'accéder à des documents "
         "enregistrés par d'autres demandeurs. L'ALS a été sanctionnée.", "ALS"),
    ],
)
def test_an_insider_selling_files_a_leak_from_a_clinic_and_a_sanctioned_exposure_are_incidents(
    text: str, victim: str
) -> None:
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == victim


@pytest.mark.parametrize(
    "text",
    [
        "L'Arcom publie son bilan de la lutte contre le piratage. Les services d'IPTV pirates échappent aux "
        "autorités ; les ayants droit ont déposé 2 millions de plaintes contre les contenus pirates.",
        "Compromission chez un sous-traitant : quels sont les risques ?\n\nLe cas présenté dans cette fiche est "
        "fictif. Kr4ken, un pirate informatique, envoie un courriel piégé à la plateforme Logivia, dont un employé "
        "saisit son mot de passe. Le pirate accède aux données de 20 000 clients.",
    ],
)
def test_film_piracy_and_a_fictional_case_study_are_no_incident(text: str) -> None:
    document = fuites.extract(text)
    assert (document.reports_incident, document.incidents) == (False, [])


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("La fédération française de voile (FFV) a annoncé avoir été la cible d'un acte de cyber-malveillance. "
         "Des données des licenciés de la FFV ont pu être consultées par des hackers.", "FFV"),
        ("Coup dur pour le Centre hospitalier de Varenne (CHV). Des cambrioleurs ont fait main basse sur cinq "
         "ordinateurs portables du CHV qui contenaient les dossiers de ses patients.", "CHV"),
        ("Bris de confidentialité au CISSS des Collines : une employée a consulté illégalement une cinquantaine de "
         "dossiers médicaux. Le CISSS des Collines a prévenu les patients.", "CISSS des Collines"),
        ("Un vol compromet les données de 8 000 employés du CHU de Valcourt\n\nUn vol d'ordinateurs a eu lieu la "
         "semaine dernière, souligne le CHU de Valcourt.", "CHU de Valcourt"),
    ],
)
def test_a_body_in_lower_case_stolen_computers_and_quebec_breach_words_tell_an_incident(text: str, victim: str) -> None:
    document = fuites.extract(text)
    assert document.reports_incident is True
    assert document.primary is not None and document.primary.victim == victim


@pytest.mark.parametrize(
    "text",
    [
        "Des centaines d'entreprises sont vulnérables aux pirates informatiques, avertit la société belge de "
        "cybersécurité Vigitec. Vigitec a découvert environ 600 entreprises exposées. Le Centre pour la "
        "cybersécurité confirme la menace et a commencé à notifier ces entreprises.",
        "Cybercriminalité au Bénin : l'État renforce sa riposte\n\nLe rapport 2024 de l'agence nationale met en "
        "lumière une hausse des infractions numériques. Une entreprise a été victime d'une cyberattaque en mars.",
        "Face à la montée des cyberattaques, deux agences conseillent de chiffrer ses messages. La Caisse de santé "
        "Orvane est victime d'une escroquerie : des SMS frauduleux circulent parmi ses assurés.",
    ],
)
def test_a_security_vendors_warning_and_a_yearly_report_are_no_incident(text: str) -> None:
    document = fuites.extract(text)
    assert (document.reports_incident, document.incidents) == (False, [])


def test_a_town_whose_turn_it_is_after_another_is_the_victim() -> None:
    text = ("Après Ostrande, c'est au tour de la ville de Merlen (Brabant flamand) d'être victime d'une cyberattaque. "
            "Tous les services communaux sont hors service.")
    document = fuites.extract(text)
    assert document.primary is not None and document.primary.victim == "Merlen"
    assert [i.victim for i in document.incidents if not i.primary] == ["Ostrande"]


@pytest.mark.parametrize(
    "text",
    [
        # an exercise on a made-up company
        "Au Campus Cyber, le cabinet Crisalys a plongé des dirigeants dans un exercice de gestion de crise. Ils "
        "devaient sauver Voltane, une entreprise fictive victime d'un rançongiciel. Crisalys a conçu le scénario.",
        # an exercise at a named hospital, told as if it were happening
        "Une cyberattaque simulée pour entraîner les soignants\nUne cyberattaque vient de paralyser l'hôpital de "
        "Corvel : la base de données des patients est indisponible. Le chef de la cellule de crise "
        "décide de passer en mode dégradé.",
        "Cyberattaque : exercice géant de simulation dans les hôpitaux de l'Orne\nLes équipes de l'hôpital de "
        "Corvel ont simulé une cyberattaque aux conséquences graves pendant une semaine.",
        "Hospital staff rehearse a cyber attack drill\nThe patient records system of Corvel Hospital went down "
        "on Monday morning and the crisis unit switched to paper forms.",
        # a programme the government launches to protect hospitals
        "Le gouvernement lance le programme VIGIE pour renforcer la cybersécurité des hôpitaux\nLe programme "
        "« VIGIE » dispose d'un budget de 200 millions d'euros. Ce programme vise à renforcer la cyberdéfense des "
        "établissements de santé face à la menace croissante des cyberattaques. Le programme « VIGIE » repose sur "
        "quatre axes.",
        # a town that buys an insurance against attacks that have not happened
        "Brenac se protège face à une éventuelle attaque informatique\nLa Ville de Brenac compte se doter d'une "
        "assurance en cas d'attaque informatique. D'autres villes ont déjà été la cible de rançongiciels.",
        # advice to the reader
        "Vous utilisez CC dans vos e-mails ? Attention à la fuite de données !\nUn agent d'assurances Lorvia invite "
        "ses clients en copie : chacun voit l'adresse e-mail des autres. S'agit-il d'une fuite de données ?",
        # a survey
        "Seuls 39% des dirigeants de PME se disent préoccupés par des cyberattaques\nSelon le baromètre Ardéo, "
        "peu d'entreprises disent avoir été touchées par une cyberattaque.",
        # a law that will oblige operators to report any attack
        "Le Grand Conseil veut obliger à signaler toute cyberattaque importante\nLe Grand Conseil a suivi sa "
        "commission. Les exploitants devront informer les autres exploitants des menaces identifiées.",
    ],
)
def test_an_exercise_an_insurance_advice_and_a_survey_report_no_incident(text: str) -> None:
    assert fuites.extract(text).reports_incident is False


def test_a_victim_of_a_flaw_described_by_what_its_service_allows_reports_an_incident() -> None:
    text = (
        "Une faille chez un éditeur de logiciels de réservation\n"
        "La société Ferrolink B.V., l'éditeur de l'application Voyapass qui permet de louer des vélos, a « été "
        "victime d'une faille informatique », ce qui a permis « un accès non autorisé aux fiches de ses "
        "abonnés », indique-t-elle."
    )
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None


def test_a_national_cyber_strategy_reports_no_incident() -> None:
    text = ("Cybersécurité : la nouvelle stratégie nationale présentée en conseil des ministres\n"
            "Le texte prévoit de former des milliers d'experts pour répondre aux attaques informatiques. "
            "Plan cybersécurité : les régions recevront des moyens supplémentaires.")
    assert fuites.extract(text).reports_incident is False


def test_a_file_size_is_no_victim() -> None:
    text = ("Des identifiants par millions laissés sans protection\n"
            "Un serveur ouvert à tous abritait une archive de 52 Go d'identifiants volés, a signalé un chercheur. "
            "Son propriétaire reste inconnu.")
    document = fuites.extract(text)
    assert all(incident.victim != "52 Go" for incident in document.incidents)


def test_title_case_capitals_the_text_never_names_again_are_no_victim() -> None:
    text = ("Fake Invoice Wave Targets Small Shops Across Europe\n"
            "A phishing campaign tricked people into visiting a page that posed as a mail checker to steal their "
            "passwords. The messages claimed to come from a security team but came from a free webmail account.")
    assert fuites.extract(text).reports_incident is False


def test_a_body_impersonated_by_scammers_is_not_hit() -> None:
    text = ("Police say crooks pose as the National Fraud Desk to spread malware\n"
            "Scammers send emails that claim compensation is owed and ask people to open an attachment. "
            "The attachment installs malware that steals passwords.")
    assert fuites.extract(text).reports_incident is False


def test_an_agency_expanding_its_response_scheme_reports_no_incident() -> None:
    text = ("Cyber agency expands its assistance scheme for small firms\n"
            "The national cyber agency has announced it will expand its Cyber Incident Response (CIR) scheme. "
            "More providers will offer help to organisations that fall victim to a cyber attack, the CIR team said.")
    assert fuites.extract(text).reports_incident is False


def test_a_security_flaw_the_company_fell_victim_to_and_numbers_that_leaked_report_an_incident() -> None:
    text = ("Le club de voile Voyalis a été victime d'une faille de sécurité : les identifiants de ses membres "
            "ont fuité.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None and document.primary.victim == "Voyalis"


def test_news_that_leaked_to_the_press_is_no_incident() -> None:
    text = ("Des informations ont fuité dans la presse sur le futur remaniement. Les noms de trois ministres "
            "circulent depuis lundi.")
    assert fuites.extract(text).reports_incident is False


@pytest.mark.parametrize(
    "text",
    [
        # a match report's attacks: no computer or data anywhere
        ("Harbourside Rovers edge a tight derby\nRovers pressed from the start and a quick attack ended with a "
         "low shot into the net. Kelvale United answered with attacks of their own and levelled before the break."),
        # a product named after attacks, bought by a vendor
        ("Brindlewood to buy Quorin\nBrindlewood will take over Quorin, an Attack Surface Management "
         "company. Quorin maps the attack surface of an organisation online."),
        # a police warning of a text scam that poses as a courier
        ("Delivery text scam is back\nThe Alderford Police Department says residents are getting "
         "text messages from scammers who pose as a parcel courier. Officers say people should not click the link."),
        # a tally of breaches across a government, its headline a question
        ("Public sector leaks: can you trust officials with your records?\nRavelian public bodies reported 1,140 "
         "breaches affecting 90 million records over eight years. The number of public sector breaches hit an all-time "
         "high in 2021."),
        # an explainer of an attack technique
        ("Password spraying, explained\nWhat is Password Spraying? It is a type of cyberattack in which "
         "criminals try one common password on many accounts."),
    ],
)
def test_a_match_a_deal_a_scam_warning_a_tally_and_an_explainer_report_no_incident(text: str) -> None:
    assert fuites.extract(text).reports_incident is False


def test_a_company_hit_by_phishing_that_let_attackers_in_reports_an_incident() -> None:
    text = ("Harwick Freight says a phishing email let attackers into its network\nHarwick Freight said an "
            "employee opened a phishing email and attackers then accessed the files of 4,000 customers.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None and document.primary.victim == "Harwick Freight"


def test_a_headline_naming_the_intrusion_at_its_victim_reports_it_even_with_suspects_arrested() -> None:
    text = ("Deux suspects arrêtés après une intrusion dans le réseau de Telvana\n"
            "Deux individus ont été interpellés après une intrusion dans le réseau de l'opérateur Telvana, "
            "qui avait porté plainte en mai.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None and document.primary.victim == "Telvana"


def test_a_company_named_like_a_person_hit_by_a_virus_is_the_victim() -> None:
    text = ("Vallier Brossard victime d'un virus informatique\n"
            "Coup dur pour Vallier Brossard. Le fabricant de meubles a été la cible d'un virus informatique et "
            "ses serveurs ont été chiffrés pendant le week-end.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None
    assert document.primary.victim == "Vallier Brossard"


def test_a_yearly_tally_in_percentages_naming_a_ministry_reports_no_incident() -> None:
    text = ("Bilan annuel de l'assistance aux victimes\n"
            "Le service d'aide en ligne, lancé avec le ministère de l'Intérieur, a compté 250 000 demandes en 2024 "
            "(+38 %). Les fuites de données ont touché de nombreuses organisations. "
            "« Ces fuites de données inquiètent les publics concernés », note le rapport. Le piratage de comptes "
            "progresse de 12 % chez les particuliers.")
    assert fuites.extract(text).reports_incident is False


@pytest.mark.parametrize(
    "text",
    [
        ("MPs back tougher privacy penalty bill\nFirms that lose customer data will pay far larger fines "
         "after a run of data breaches, under the plan. The Privacy Amendment Bill 2022 raises fines."),
        ("SIM-swap ring dismantled\nDetectives say $US100 million in cryptocurrency was "
         "stolen by the ring, whose ten members were arrested."),
        ("Cybercrime reports arrive every eight minutes, agency finds\nIts yearly review says 12 percent of "
         "1,000 cyber security incidents it handled hit critical infrastructure. It received 70,000 reports."),
        ("Fake revenue agents are calling again\nThe Revenue Office says scammers pose as its agents. Consider "
         "adding a password to confidential files before you email them."),
    ],
)
def test_a_bill_an_arrest_tally_a_yearly_report_and_advice_report_no_incident(text: str) -> None:
    assert fuites.extract(text).reports_incident is False


def test_intrusions_on_an_operators_platform_report_an_incident() -> None:
    text = ("Paiement mobile : l'opérateur Telvia victime d'intrusions\n"
            "Telvia-CI chiffre sa perte à 120 millions de francs CFA après deux intrusions sur la plateforme "
            "de paiement de l'opérateur, l'an dernier.")
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None
    assert document.primary.victim.startswith("Telvia")


def test_a_quarterly_report_and_the_person_who_works_for_its_author_make_no_victim() -> None:
    text = ("Données : un premier trimestre contrasté\n"
            "Le rapport trimestriel de Veltrix compte 40 % de fuites en moins sur un an. Pour Anne Roy, "
            "responsable France chez Veltrix, « chaque internaute a été victime d'une violation de données au moins "
            "une fois ». Quelque 900 000 comptes ont été piratés d'avril à juin.")
    assert fuites.extract(text).reports_incident is False


def test_a_headline_facing_an_attack_a_complaint_filed_and_data_handed_to_outsiders_tell_of_incidents() -> None:
    facing = fuites.extract(
        "Valdis Parfums face à une cyberattaque\n\nDepuis mardi, les chaînes de Valdis Parfums sont à l'arrêt. "
        "L'usine a subi une cyberattaque, et 200 ouvriers sont au chômage partiel. Une plainte a été déposée par "
        "Valdis Parfums auprès du parquet."
    ).primary
    assert facing is not None and facing.victim == "Valdis Parfums"
    assert facing.affected is None or facing.affected.count is None  # staff sent home are no count of the hit
    handed = fuites.extract(
        "Fuite à la Caisse Valmont : les dossiers de 40 000 membres divulgués\n\nUne employée de la Caisse Valmont "
        "a accédé aux données de 40 000 membres et les a transmises à des tiers non autorisés, selon la police."
    ).primary
    assert handed is not None and (handed.victim, handed.attack) == ("Caisse Valmont", ["insider"])


@pytest.mark.parametrize(
    ("sentence", "ruled_out"),
    [
        ("Le plan doit aider les communes à contrer les cyberattaques.", True),
        ("Pour se prémunir contre les cybermenaces, la ville forme ses agents.", True),
        ("La mairie de Valdor a été victime d'une cyberattaque.", False),
    ],
)
def test_attacks_in_general_to_prevent_tell_of_no_incident(sentence: str, ruled_out: bool) -> None:
    assert bool(load("fr").pattern("reports", "ruled_out").search(sentence)) is ruled_out


def test_personal_data_sent_to_the_wrong_customers_by_mistake_is_an_incident() -> None:
    text = (
        "Banque Ardenne envoie par erreur les données personnelles de 370 clients à 187 autres\n"
        "Près de 200 clients ont reçu les données confidentielles d'autres clients. Des adresses e-mail et des "
        "identifiants de connexion concernant 370 clients de Banque Ardenne ont été envoyés par e-mail par erreur "
        "à 187 clients. La banque en ligne a confirmé cette erreur humaine."
    )
    document = fuites.extract(text)
    assert document.reports_incident and document.primary is not None
    assert document.primary.victim == "Banque Ardenne"
    # a letter sent to the wrong address, with no one's data in it, is no incident
    assert not fuites.extract("La mairie a envoyé par erreur une invitation au mauvais quartier.").reports_incident


def test_a_trend_over_a_part_of_the_world_reports_no_incident() -> None:
    text = (
        "Cyberattaques : l'Afrique australe s'organise\n"
        "Rançongiciels, hameçonnage, attaques DDoS : l'Afrique australe connaît une recrudescence de "
        "cyberattaques. Les ministres de la région ont signé un accord de coopération."
    )
    assert reports_nothing(text)


def test_a_share_of_the_victim_files_is_no_tally() -> None:
    text = (
        "Norvalis : 60% des données du transporteur chiffrées par un rançongiciel\n\n"
        "Les rançongiciels frappent encore. La cible, cette fois : la société Norvalis SA, un transporteur de "
        "l'Ain. Selon les gendarmes, cette entreprise a subi samedi un rançongiciel et 60 % des fichiers "
        "de cette société sont désormais chiffrés."
    )
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Norvalis"


@pytest.mark.parametrize(
    "text",
    [
        # a body plays an attack to train others
        "L'école Veltra simule une attaque informatique devant des élus\n\nUne journée durant, les étudiants de "
        "l'école Veltra ont joué les défenseurs face à un rançongiciel inventé par leurs professeurs. Ils ont "
        "récupéré 70% des documents chiffrés.",
    ],
)
def test_an_exercise_reports_nothing(text: str) -> None:
    assert reports_nothing(text)


def test_what_a_new_malware_does_to_the_reader_tells_no_event() -> None:
    lexicon = load("fr")
    line = "Grivex, un nouveau maliciel qui siphonne vos comptes en ligne"
    headline = Sentence(0, 0, len(line), line, 0)
    assert not _tells_an_event(headline, lexicon, breach_words=False)
    assert lexicon.pattern("reports", "flaw").search(headline.text)
    english = load("en")
    line = "Grivex, a new trojan that drains your crypto wallet"
    assert not _tells_an_event(Sentence(0, 0, len(line), line, 0), english, breach_words=False)


def test_a_share_of_its_own_servers_is_no_tally_in_english() -> None:
    general = load("en").pattern("reports", "general")
    assert not general.search("Ransomware encrypted 80% of its servers, Kelbrook Foods says")
    assert general.search("Breaches rose 40% in a year")


def test_illegal_dumping_is_no_piracy() -> None:
    incident = load("fr").pattern("reports", "incident")
    assert not incident.search("le maire dénonce des décharges pirates le long du canal")
    assert incident.search("le site de la mairie a été piraté")



@pytest.mark.parametrize(
    "text",
    [
        # an agency named by its acronym, then by its head noun alone
        "Attacks on firms keep climbing\n\nThe Borealian Cyber Security Agency (BCSA) published its annual review on "
        "Tuesday. The Agency said ransomware and phishing were again the attacks firms reported most.",
        # a guide to the reader's firm, its headline a question put to "you"
        "Should You Report a Data Breach at Your Company?\n\nCriminals hunt for weak spots to take customer data. "
        "Owners in Borealia have duties to the Privacy Office should your company face a data breach, and acting "
        "within days of a suspected breach is wise.",
        # a security vendor met under its ticker, and a breach only as a case to come
        "Vexa Security stock drops on outlook\n\nVexa Security (NASDAQ:VXSC) lost 6% on Thursday. VXSC told analysts "
        "that many clients now buy its retainer, which sends responders in the event of a breach.",
        # a court approving a settlement, the chain it settles with unnamed
        "Judge signs off on $4 million data breach deal\n\nThe U.S. District Court for the Eastern District of "
        "Harwick approved the deal for people whose records a hotel operator exposed in a data breach.",
        # a hacktivist group's threat, its quoted name spelled two ways
        "‘Hacktivist Borealis’ vows to hit 900 portals\n\nOfficials warned on Friday that a crew calling itself "
        "“Hactivist Borealis” had posted the 900 portals it says it will hit next week. The ‘Hacktivist Borealis’ "
        "crew has hacked websites before.",
    ],
)
def test_agencies_guides_vendors_courts_and_threatening_groups_are_no_victims(text: str) -> None:
    assert reports_nothing(text)


def test_a_minor_sentenced_for_copying_games_reports_no_incident() -> None:
    text = ("Copies de jeux : un adolescent condamné avec sursis pour piratage\nLe tribunal de Valbrune a infligé "
            "trois mois avec sursis à un lycéen qui revendait des copies de jeux, se félicite l'Union des éditeurs "
            "de jeux (UEJ).")
    assert reports_nothing(text)


def test_pirated_tv_subscriptions_are_no_cyber_incident() -> None:
    text = ("Le piratage d'abonnements TV prend de l'ampleur\nLe piratage d'abonnements TV se répand dans la région, "
            "et la chaîne Vidéal a porté plainte contre dix personnes.")
    assert reports_nothing(text)


def test_sports_piracy_and_its_viewers_are_no_cyber_incident() -> None:
    text = (
        "L'Orvane a bloqué 900 sites de streaming illégaux contre le piratage sportif\n"
        "L'Orvane bloque chaque semaine des sites qui diffusent des rencontres sans droits.\n"
        "D'après un communiqué de l'Orvane, 700 services ont été bloqués depuis janvier. Le nombre de spectateurs "
        "pirates a pourtant doublé."
    )
    assert reports_nothing(text)


def test_a_call_for_funding_against_cyber_attacks_reports_no_incident() -> None:
    text = (
        "Solidex : qui peut répondre à l'appel à financement ?\nLe fonds Solidex, doté de 20 millions d'euros, a été "
        "lancé en mars par le ministère de la Santé. Solidex a été mis en place après les cyberattaques du centre "
        "hospitalier de Varenne et de la clinique de Brévol."
    )
    assert reports_nothing(text)


@pytest.mark.parametrize(
    "text",
    [
        # the attacker is named beside the victim in the headline, the article is about his sentence
        "Kelbridge hacker Jon Arlo given 12 year prison term\nA judge on Tuesday ordered Jon Arlo to serve 12 years "
        "after he admitted cyber-attacks on Kelbridge and two other chains that yielded stolen card numbers.",
        # an organisation's name used as a lure
        "Cybercriminals pose as the Harrowgate Foundation in a new e-book scam\nCybercriminals send e-mails in the "
        "Harrowgate Foundation's name with a fake e-book that installs an infostealer, researchers found.",
        # a broken agreement
        "Grower taken to court\nDellwyn Foods, which sells its sauces online, has sued Marrow Farms for breach of "
        "contract and breach of a supply agreement after deliveries stopped. Once trust is breached, the firm says, "
        "court is the only way.",
    ],
)
def test_a_sentence_a_lure_or_a_broken_contract_is_no_incident(text: str) -> None:
    document = fuites.extract(text)
    assert (document.reports_incident, document.incidents) == (False, [])


def test_an_inquiry_for_breaching_state_secrecy_is_no_cyber_incident() -> None:
    text = (
        "Enquête pour compromission du secret-défense après un reportage\n"
        "Le parquet a ouvert une enquête pour compromission du secret-défense après la parution, dans le quotidien "
        "Le Vigilant, d'un reportage sur une base navale. Le directeur du Vigilant dénonce une pression sur la "
        "rédaction du Vigilant."
    )
    assert reports_nothing(text)
