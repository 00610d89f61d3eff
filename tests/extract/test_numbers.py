import pytest

import fuites
from fuites.extract.numbers import find_counts
from fuites.extract.text import Sentence
from fuites.vocab import load


def counts(text: str) -> list[tuple[int, str, tuple[str, ...], bool]]:
    sentence = Sentence(0, 0, len(text), text, 0)
    return [(c.value, c.qualifier, c.who, c.base) for c in find_counts(sentence, load("fr"))]


@pytest.mark.parametrize(
    "text, value, qualifier, who",
    [
        ("les données de 1,3 million de clients", 1_300_000, "approx", ("customers",)),
        ("quelque 800 000 de ses clients", 800_000, "approx", ("customers",)),
        ("plus d'un million de ses abonnés", 1_000_000, "at_least", ("customers",)),
        ("près de 2,5 millions d'utilisateurs", 2_500_000, "approx", ("users",)),
        ("des dizaines de milliers de patients", 10_000, "order", ("patients",)),
        ("quelques centaines d'entreprises", 100, "order", ("organizations",)),
        ("12 437 étudiants", 12_437, "exact", ("students",)),
        ("jusqu'à 10 millions de personnes", 10_000_000, "at_most", ("users",)),
        ("environ trois mille salariés", 3000, "approx", ("employees",)),
        ("des dizaines de milliers d'informations liées à des clients", 10_000, "order", ("customers",)),
        ("Environ 85 000 personnes sont concernées.", 85_000, "approx", ("users",)),
        ("3,5 millions de foyers", 3_500_000, "approx", ("citizens",)),
        ("4 200 donateurs", 4200, "exact", ("customers",)),
        ("les informations de centaines de milliers de clients", 100_000, "order", ("customers",)),
        ("Valdis : centaines de milliers d'abonnés concernés", 100_000, "order", ("customers",)),
        ('Des "centaines de milliers" de données de clients volées', 100_000, "order", ("customers",)),
        # a figure right after the order of magnitude it refines
        ("des dizaines de milliers de comptes, 64 000 environ.", 64_000, "approx", ("users",)),
        ("des milliers de clients (4 210) touchés", 4210, "exact", ("customers",)),
        ("des milliers de clients, dont 300 en Belgique", 1000, "order", ("customers",)),
        ("« une centaine de milliers de clients »", 100_000, "approx", ("customers",)),
    ],
)
def test_count_grammar(text: str, value: int, qualifier: str, who: tuple[str, ...]) -> None:
    assert counts(text)[0][:3] == (value, qualifier, who)


def test_a_customer_base_is_not_an_affected_count() -> None:
    [(value, _, _, base)] = counts("l'opérateur, qui compte environ 2 millions de clients, est touché")
    assert value == 2_000_000 and base


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("sur ses 600 000 clients, 20 000 ont été touchés", True),
        ("parmi les quelque 600 000 clients de l'enseigne", True),
        ("un fichier stocké sur les serveurs de l'éditeur contenait 80 000 abonnés", False),
        # a name that counts members states its size; a file that counts lines is what leaked
        ("La Fédération Pétanque Loisirs compte 310 000 licenciés", True),
        ("le fichier compte 2,3 millions de lignes de licenciés", False),
    ],
)
def test_out_of_its_customers_is_a_base_only_right_before_the_number(text: str, base: bool) -> None:
    assert counts(text)[0][3] is base


def test_both_figures_of_a_size_given_after_a_pronoun_are_the_base() -> None:
    found = counts("Celui-ci compte 120 000 abonnés mobiles et 35 000 abonnés fixes en Wallonie.")
    assert [(value, base) for value, _, _, base in found] == [(120_000, True), (35_000, True)]


def test_money_and_years_are_not_counts() -> None:
    assert counts("une rançon de 2 millions d'euros en 2023") == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Les pirates ont obtenu les données d'environ un tiers de ses 600 000 clients.", 200_000),
        ("Les fichiers de 40 % de ses 10 000 adhérents ont fuité.", 4_000),
        ("La moitié des 3 000 salariés sont touchés.", 1_500),
    ],
)
def test_a_share_of_a_number_is_the_count_not_the_base(text: str, value: int) -> None:
    assert counts(text)[0][:2] == (value, "approx") and counts(text)[0][3] is False


def test_accounts_are_counted_as_their_owners() -> None:
    assert counts("Environ 4 300 comptes d'abonnés ont été consultés.")[0][:3] == (4_300, "approx", ("customers",))


def test_a_number_covers_every_group_it_names() -> None:
    assert counts("Les données de plus de 33 000 étudiants et personnels ont été dérobées.")[0][2] == (
        "students",
        "employees",
    )


def test_the_count_of_the_breach_goes_before_the_audience_said_first() -> None:
    text = (
        "More than 90 million people use the Chirpo messaging app every day. "
        "Hackers posted the home addresses of 2.4 million Chirpo users on a forum, the company said."
    )
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert incident.affected.count == 2_400_000


def test_a_french_count_said_to_be_hit_goes_before_a_figure_said_in_passing() -> None:
    text = (
        "Cyberattaque chez Tramoval : le transporteur, qui emploie 900 chauffeurs, a été visé le 3 mars. "
        "Les pirates ont dérobé les données de 12 000 clients."
    )
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert incident.affected.count == 12_000


def test_a_name_between_the_figure_and_its_people_is_read_through() -> None:
    text = "Larkfield Health was hit by a phishing attack that exposed the records of 1,462 Larkfield Health patients."
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert (incident.affected.count, incident.affected.who) == (1_462, ["patients"])


def test_a_figure_said_to_be_spared_is_not_the_count() -> None:
    text = (
        "Hackers stole card details typed into the Tallowmere Outfitters website by online shoppers. "
        "Purchases made in its 38 physical stores were not affected, the retailer said."
    )
    incident = fuites.extract(text).primary
    assert incident is not None
    assert incident.affected is None or incident.affected.count != 38


def test_a_bound_said_elsewhere_qualifies_the_same_figure() -> None:
    text = (
        "A hacker is selling a database of 3 million Pellworth Freight customers. "
        "Pellworth Freight said that up to 3 million customers may be affected by the breach."
    )
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert (incident.affected.count, incident.affected.qualifier) == (3_000_000, "at_most")


def test_a_towns_population_is_no_affected_count() -> None:
    text = ("La mairie de Sorvignac, commune de 8.500 habitants, a été victime d'une cyberattaque. Les données "
            "personnelles des administrés ont été dérobées.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.affected is not None and primary.affected.count is None


@pytest.mark.parametrize(
    ("text", "count", "qualifier"),
    [
        ("Hackers broke into the Harlow Bank portal and dumped 210 purported stolen credentials.", 210, "exact"),
        ("Hackers breached Vantel and leaked as many as 4 million Vantel email and cloud accounts.", 4_000_000,
         "at_most"),
        ("Hackers breached Vantel and leaked 1.2 million email addresses of Vantel customers.", 1_200_000, "approx"),
    ],
)
def test_words_that_say_what_was_taken_sit_between_a_figure_and_its_noun(text: str, count: int, qualifier: str) -> None:
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert (incident.affected.count, incident.affected.qualifier) == (count, qualifier)


def test_a_swiss_thousands_apostrophe_is_read() -> None:
    text = "Une fuite de données concernant quelque 18’000 clients de la Banque Alpina a été révélée."
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert incident.affected.count == 18_000


def test_a_total_of_victims_goes_before_its_parts() -> None:
    text = ("L'école Horizon Sup a été victime d'une cyberattaque. Au total, ce serait près de 20.000 éventuelles "
            "victimes : 8000 élèves et 12.000 anciens étudiants.")
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None
    assert (incident.affected.count, incident.affected.qualifier) == (20_000, "approx")


def test_accounts_whose_owners_are_not_said_take_them_from_the_article() -> None:
    text = ("L'enseigne Meublix a confirmé une fuite de données : les données de ses clients ont été "
            "dérobées. Le pirate affirme détenir 2 millions de comptes.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.affected is not None
    assert (primary.affected.count, primary.affected.who) == (2_000_000, ["customers"])


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("La mairie de Sorvignac a été victime d'une cyberattaque. La commune compte 8 500 habitants qui sont "
         "désormais privés de toute démarche en ligne.", ["citizens"]),
        ("La ville de Sorvignac a été victime d'une cyberattaque. L'impact se fait sentir sur de nombreux "
         "services aux citoyens.", ["citizens"]),
        # people who lost their tools, named without an article
        ("La mairie de Sorvignac a été victime d'une cyberattaque. Le site fonctionne mais agents et élus n'ont "
         "plus accès à leur messagerie.", ["employees"]),
        ("L'université de Valdoré a été victime d'une cyberattaque. Les étudiants et le personnel concernés ont "
         "été prévenus par mail.", ["students", "employees"]),
        ("Le groupe ferroviaire Railix a été piraté : des données ont été diffusées sur le darkweb, a indiqué le "
         "groupe, appelant ses employés à la vigilance.", ["employees"]),
        # records named by whose they are, and the people the victim wrote to
        ("Le CIUSSS du Nord a été piraté : un pirate a dérobé des dossiers de plaintes de patients.", ["patients"]),
        ("Le lycée Arago a été piraté. Les bulletins scolaires des élèves ont été volés. Les parents, le personnel "
         "et les personnes directement touchées ont été informés par écrit.", ["students", "employees"]),
        # lists of whose data, with an organisation after a noun, "relatives aux", "semblent concerner »"
        ("La caisse Prévalia a été piratée : on a retrouvé en ligne les données des salariés de la Prévalia et des "
         "assurés.", ["employees", "customers"]),
        ("La compagnie Aérolys a été victime d'une cyberattaque. Le pirate détiendrait des données relatives aux "
         "passagers, au personnel et aux fournisseurs.", ["customers", "employees", "organizations"]),
        ("Le centre hospitalier de Valmont a été piraté. Les fichiers publiés « paraissent toucher » des usagers, "
         "ce qui reste à vérifier ; ils semblent concerner » des usagers, du personnel et des partenaires.",
         ["users", "employees", "organizations"]),
        ("Le ministère de l'Artisanat a été piraté. Des renseignements nominatifs, des informations nominatives "
         "sur des fonctionnaires, circulent.", ["employees"]),
    ],
)
def test_who_was_hit_without_a_count(text: str, who: list[str]) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.affected is not None
    assert (primary.affected.count, primary.affected.who) == (None, who)


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Le lycée Jean-Valdor a révélé un accès non autorisé à des données personnelles concernant potentiellement "
         "des élèves et des personnels.", ["students", "employees"]),
        ("La société des eaux Limpia a diffusé par erreur son fichier clients à tous ses abonnés.", ["customers"]),
    ],
)
def test_whose_data_was_reached_says_who_was_hit(text: str, who: list[str]) -> None:
    incident = fuites.extract(text).primary
    assert incident is not None and incident.affected is not None and incident.affected.who == who


def test_people_counted_as_suspects_are_no_victims() -> None:
    assert counts("Trois personnes soupçonnées d'être liées au groupe ont été écrouées.") == []


def test_a_small_number_after_a_definite_article_counts_those_already_named() -> None:
    assert counts("Les deux entreprises publient une déclaration commune.") == []
    assert counts("Deux entreprises ont été piratées.")[0][:3] == (2, "exact", ("organizations",))


def test_the_victims_size_said_elsewhere_is_not_the_count_and_a_figure_refines_an_order() -> None:
    size = fuites.extract(
        "3 700 salariés chez Gravel. L'entreprise Gravel a été victime d'une cyberattaque qui a paralysé ses "
        "usines. Le groupe compte 3 700 salariés."
    ).primary
    figure = fuites.extract(
        "La société Gravel a subi une fuite de données : un serveur ouvert exposait les données de dizaines de "
        "milliers d'utilisateurs. La base contenait les fiches de quelque 45 000 utilisateurs."
    ).primary
    assert size is not None and (size.affected is None or size.affected.count is None)
    assert figure is not None and figure.affected is not None
    assert (figure.affected.count, figure.affected.qualifier) == (45_000, "approx")


def test_people_who_did_it_are_not_counted() -> None:
    assert counts("La plateforme est victime de deux de ses salariés.") == []
    assert counts("Les fichiers ont été copiés par trois employés.") == []
    merchants = counts("Les données de 200 marchands ont été dérobées.")
    assert [c[:3] for c in merchants] == [(200, "exact", ("organizations",))]


def test_english_people_who_did_it_are_not_counted() -> None:
    sentence = Sentence(0, 0, 60, "The data was stolen by two employees of the firm.", 0)
    assert find_counts(sentence, load("en")) == []


@pytest.mark.parametrize(
    "text, value, who",
    [
        ("les renseignements d'environ 20 000 travailleurs", 20_000, ("employees",)),
        ("les données personnelles d'environ 1,6 million de jeunes", 1_600_000, ("citizens",)),
        ("les données personnelles de 311 000 Hainuyerois", 311_000, ("citizens",)),
        ("le pirate a divulgué 4 000 procès-verbaux", 4_000, ("records",)),
    ],
)
def test_workers_young_people_inhabitants_and_police_reports_are_counted(
    text: str, value: int, who: tuple[str, ...]
) -> None:
    assert [(c[0], c[2]) for c in counts(text)] == [(value, who)]


def test_a_figure_of_a_statistic_on_many_incidents_is_not_the_victims_count() -> None:
    text = ("Le distributeur Orvel a été victime d'une cyberattaque : les données de ses clients ont été volées. "
            "En janvier, la Cnil signalait un doublement des incidents touchant plus d'un million de personnes.")
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.affected is None or primary.affected.count is None)


def test_a_figure_of_the_victim_before_its_turn_is_not_the_articles() -> None:
    text = ("Après la Fédération de voile et ses quelque 1,2 million de licenciés, c'est la Fédération de golf qui a "
            "été victime d'une cyberattaque : les données de ses licenciés ont été volées.")
    primary = fuites.extract(text).primary
    assert primary is not None and primary.victim == "Fédération de golf"
    assert primary.affected is None or primary.affected.count != 1_200_000


def test_a_ransom_in_francs_is_no_count() -> None:
    assert counts("Les pirates réclament une rançon de 1,15 million de francs suisses.") == []


def test_a_figure_said_elsewhere_within_thousands_is_the_count() -> None:
    text = (
        "Des milliers de clients de la société Ondeclaire ont appris par courriel que leurs données personnelles "
        "pourraient avoir été volées lors d'une cyberattaque. Les données personnelles de quelque 30 000 personnes "
        "pourraient avoir été mises à risque."
    )
    primary = fuites.extract(text).primary
    assert primary is not None and primary.affected is not None and primary.affected.count == 30_000


@pytest.mark.parametrize(
    "text",
    [
        "Le décret 14 impose aux entreprises de chiffrer leurs sauvegardes.",
    ],
)
def test_a_number_that_names_or_ranks_is_no_count(text: str) -> None:
    assert counts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "L'enseigne a fermé ses 140 établissements après le piratage de ses caisses.",
        "Les 140 établissements du groupe sont touchés par la panne.",
    ],
)
def test_the_victims_own_sites_are_no_count_of_who_was_hit(text: str) -> None:
    assert [base for _, _, _, base in counts(text)] == [True]


def test_the_people_named_before_the_number_are_who() -> None:
    assert counts("Le nombre de clients concernés s'élève à 12 000.") == [(12_000, "exact", ("customers",), False)]


def test_a_number_word_inside_a_longer_word_is_no_number() -> None:
    assert counts("Le 17 septembre, les lecteurs ont attendu leur magazine en vain.") == []


def test_hundreds_after_de_are_an_order_of_magnitude() -> None:
    assert counts("les fiches de centaines de personnes circulent en ligne")[:1] == [
        (100, "order", ("users",), False)
    ]


def english_counts(text: str) -> list[tuple[int, str, bool]]:
    sentence = Sentence(0, 0, len(text), text, 0)
    return [(c.value, c.qualifier, c.base) for c in find_counts(sentence, load("en"))]


def test_crore_and_lakh_are_indian_scales() -> None:
    assert english_counts("records of 2.6 crore buyers were exposed")[0][:2] == (26_000_000, "approx")
    assert english_counts("records of 4 lakh buyers were exposed")[0][:2] == (400_000, "approx")


def test_the_second_figure_of_a_base_and_what_an_operator_runs_are_no_affected_count() -> None:
    assert all(base for *_, base in english_counts("The academy, which has over 9,000 pupils and 600 teachers"))
    assert all(base for *_, base in english_counts("Harwick Health ran four clinics across the valley."))


def test_patients_transferred_and_staff_of_sites_are_no_affected_count() -> None:
    assert counts("Quatre patients ont été transférés à Nantes.") == []
    assert all(base for *_, base in counts("les trois usines, qui emploient quelque 2 000 salariés"))


def test_a_bound_in_the_title_gives_way_to_the_figure_it_rounds_down() -> None:
    primary = fuites.extract(
        "Plus de 200 000 Suisses touchés par un vol de données\n\nLa commune de Valdis a été victime d'une "
        "cyberattaque. Les données personnelles de 214 000 habitants ont été copiées."
    ).primary
    assert primary is not None and primary.affected is not None
    assert (primary.affected.count, primary.affected.qualifier) == (214_000, "exact")
    # the figure rounded down names who; the exact one speaks only of "individuals"
    reported = fuites.extract(
        "Hackers broke into the network of Harlow Clinic. The clinic began notifying more than 40,000 patients and "
        "staff that their data was exposed. Harlow Clinic told regulators that 41,207 individuals were affected."
    ).primary
    assert reported is not None and reported.affected is not None
    assert (reported.affected.count, reported.affected.qualifier) == (41_207, "exact")


def test_accounts_counted_belong_to_the_people_whose_data_list_the_article_gives() -> None:
    primary = fuites.extract(
        "L'opérateur Valtel a été piraté : des dizaines de milliers de comptes, 64 000 environ, sont touchés. "
        "Les pirates ont copié les noms, prénoms et numéros mobiles des abonnés de l'opérateur."
    ).primary
    assert primary is not None and primary.affected is not None
    assert (primary.affected.count, primary.affected.who) == (64_000, ["customers"])


def test_the_population_of_a_place_is_its_size() -> None:
    [(_, _, _, base)] = counts("la ville, dont la population dépasse 80 000 habitants")
    assert base
    [(_, _, _, base)] = counts("le club, comptant 3 000 adhérents")
    assert base
    [(_, _, _, base)] = counts("une collectivité de 8.500 habitants")
    assert base
    [(_, _, _, base)] = counts("l'administration fonctionne avec environ 320 agents")
    assert base


@pytest.mark.parametrize(
    "text",
    [
        # a town's people or a body's staff in brackets after its name
        "Le site de la commune de Brévol (9 400 habitants) reste inaccessible.",
        "La clinique (environ 350 salariés) a porté plainte.",
        # what a body gathers, where people work, whom it follows
        "un groupement regroupant 14 établissements de soins",
        "une résidence où travaillent 42 agents",
        "la clinique assure le suivi d'environ 40 000 patients",
        "la mairie gère une communauté de 8 000 habitants",
    ],
)
def test_a_size_said_of_the_victim_is_no_affected_count(text: str) -> None:
    assert [base for *_, base in counts(text)] == [True]


def test_people_counted_after_the_breach_in_brackets_are_no_size() -> None:
    assert [base for *_, base in counts("La fuite (1,2 million de clients) inquiète.")] == [False]


def test_gigabytes_are_no_people() -> None:
    assert counts("Le groupe affirme détenir 180 gigas de fichiers de clients.") == []
    assert english_counts("the gang claims 300 gigabytes of customer files") == []


def test_a_figure_joined_to_its_noun_sizes_what_follows() -> None:
    assert [base for *_, base in english_counts("a 48,000-student school system was hit")] == [True]


def test_pupils_a_school_system_enrolls_are_its_size() -> None:
    found = english_counts("Last year the board enrolled 9,000 pupils across 21 schools.")
    assert [base for *_, base in found] == [True, True]


def test_people_sanctioned_are_no_victims() -> None:
    assert english_counts("The treasury sanctioned six men tied to the gang.") == []


def test_accounts_named_in_passing_add_no_users_to_who_was_hit() -> None:
    primary = fuites.extract(
        "La mutuelle Valdor a été victime d'une fuite de données : les données de 2 000 adhérents ont été volées. "
        "Les informations de leurs comptes ont été exposées."
    ).primary
    assert primary is not None and primary.affected is not None and primary.affected.who == ["customers"]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        # the data of every customer it has: the base is the count
        ("Orvane says the personal data on all of its 3 million customers has been accessed.", "en",
         (3_000_000, "approx", ("customers",), False)),
        ("Les données de l'ensemble de ses 2 millions de clients ont été dérobées.", "fr",
         (2_000_000, "approx", ("customers",), False)),
        ("La mutuelle, qui compte 2 millions de clients, a été piratée.", "fr",
         (2_000_000, "approx", ("customers",), True)),
        # items of data, counted as records
        ("Around 26,000 Social Security numbers may have been accessed.", "en",
         (26_000, "approx", ("records",), False)),
    ],
)
def test_a_whole_base_hit_and_numbers_of_data_are_counts(
    text: str, lang: str, expected: tuple[int, str, tuple[str, ...], bool]
) -> None:
    sentence = Sentence(0, 0, len(text), text, 0)
    assert [(c.value, c.qualifier, c.who, c.base) for c in find_counts(sentence, load(lang))] == [expected]


@pytest.mark.parametrize(
    "text, who",
    [
        ("Le centre hospitalier de Valmoret a été victime d'une cyberattaque. Les données de 12 000 personnes "
         "ont été volées.", ["patients"]),
        ("La mairie de Valmoret a été victime d'une cyberattaque. Les données de 12 000 personnes ont été "
         "volées.", ["citizens"]),
    ],
)
def test_people_only_said_to_be_people_are_those_the_victim_serves(text: str, who: list[str]) -> None:
    primary = fuites.extract(text).primary
    assert primary is not None and primary.affected is not None and primary.affected.who == who


def test_lawsuits_a_tally_of_attacks_and_an_enrollment_are_no_affected_count() -> None:
    assert english_counts("Former students filed four lawsuits against the college this spring.") == []
    assert all(base for *_, base in english_counts("The academy, with an enrollment of about 9,000 pupils, closed."))
    text = (
        "Hollin County hit by ransomware\nHollin County said a ransomware attack disrupted its offices. The gang "
        "has 31 confirmed ransomware attacks to its name since January, hitting over 2 million records."
    )
    primary = fuites.extract(text).primary
    assert primary is not None and (primary.affected is None or primary.affected.count is None)


def test_readers_of_a_leak_are_not_the_people_in_it() -> None:
    assert counts("Plus de 2 000 internautes auraient déjà consulté le fichier volé.") == []
    assert english_counts("More than 5,000 people have already downloaded the leaked files.") == []
    assert counts("Les données de 2 000 patients ont été consultées.")[0][:3] == (2000, "exact", ("patients",))
