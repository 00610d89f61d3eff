"""English articles: language detection, cue lexicons, numbers, dates and victims without NER."""

from __future__ import annotations

import datetime as dt

import pytest

from fuites.extract.data import find_data, resolve
from fuites.extract.dates import DateContext, PartialDate, find_dates
from fuites.extract.language import detect_language
from fuites.extract.numbers import find_counts
from fuites.extract.pipeline import extract
from fuites.extract.text import Sentence, split_sentences
from fuites.extract.victim import find_candidates
from fuites.vocab import LANGUAGES, load

EN = load("en")

ARTICLE = """Published March 4, 2024
Northgate Wireless says hackers stole data of 1.3 million subscribers

Northgate Wireless, the regional mobile carrier based in Ohio, said Monday that hackers broke into
a customer database and stole the names, home addresses and dates of birth of about 1.3 million
current and former subscribers.

No financial information was accessed, the company said. The carrier said it detected the intrusion
on Feb. 21 and that the attacker had first gained access on Feb. 12.

Northgate said it began emailing affected customers on Monday and had reported the breach to the FBI.
"""


def sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text, 0)


def victim(text: str) -> str | None:
    primary = extract(text).primary
    return primary.victim if primary else None


def candidate_names(text: str, title_index: int | None = 0) -> set[str]:
    return {c.display for c in find_candidates(split_sentences(text), [], EN, set(), title_index)}


def counts(text: str) -> list[tuple[int, str, tuple[str, ...]]]:
    return [(c.value, c.qualifier, c.who) for c in find_counts(sentence(text), EN) if not c.base]


def data(text: str) -> tuple[list[str], list[str]]:
    return resolve(find_data(sentence(text), EN))


def dates(text: str, published: PartialDate | None = None) -> list[str | None]:
    context = DateContext(published, dt.date(2025, 6, 30))
    return [m.date.iso() for m in find_dates(split_sentences(text), EN, context)]


def test_english_is_a_supported_language() -> None:
    assert "en" in LANGUAGES and EN.lang == "en"


def test_english_text_is_detected_as_english() -> None:
    assert detect_language("The retailer said hackers stole the card details of its online shoppers.") == "en"


def test_unsupported_language_gives_an_empty_flagged_record() -> None:
    document = extract(
        "La empresa confirmó que los piratas informáticos robaron los datos de sus clientes "
        "y que la policía investiga el ataque."
    )
    assert document.lang == "es"
    assert document.incidents == [] and not document.reports_incident
    assert any("not supported" in w for w in document.warnings)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("personal data of 1,300,000 customers", (1_300_000, "exact", ("customers",))),
        ("records of about 1.3 million current and former subscribers", (1_300_000, "approx", ("customers",))),
        ("more than 1 million customers", (1_000_000, "at_least", ("customers",))),
        ("nearly 2.5m patients", (2_500_000, "approx", ("patients",))),
        ("tens of thousands of residents", (10_000, "order", ("citizens",))),
        ("hundreds of customers", (100, "order", ("customers",))),
        ("a few dozen employees", (12, "order", ("employees",))),
        ("some three thousand customers", (3000, "approx", ("customers",))),
        ("as many as 86,000 online shoppers", (86_000, "at_most", ("customers",))),
        ("512 residential and small business customers", (512, "exact", ("customers",))),
    ],
)
def test_english_counts_keep_value_qualifier_and_who(text: str, expected: tuple[int, str, tuple[str, ...]]) -> None:
    assert counts(text)[0] == expected, text


@pytest.mark.parametrize(
    "text",
    [
        "The carrier, which has roughly 4.1 million subscribers, was hit.",
        "Fernmoor, which began as a mutual in the 1950s, has about 900,000 members.",
        "Tallis, which says its apps have more than 4,000 customers that serve 9 million pupils.",
    ],
)
def test_english_customer_base_is_not_an_affected_count(text: str) -> None:
    assert counts(text) == []


def test_a_ransom_sum_is_not_a_count() -> None:
    assert counts("Gang Wants $7 Million Ransom to Delete Customer Data") == []


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The intrusion was detected on March 4.", PartialDate(2024, 3, 10), "2024-03-04"),
        ("The company confirmed it on 4 March 2024.", None, "2024-03-04"),
        ("The attack began on Feb. 12, 2025.", None, "2025-02-12"),
        ("The company said on Monday that it was hacked.", PartialDate(2024, 3, 6), "2024-03-04"),
        ("Hackers first accessed the database last February.", PartialDate(2023, 9, 14), "2023-02"),
        ("The breach was disclosed in late 2019.", None, "2019"),
        ("Tickets bought between 5 and 19 August were affected.", PartialDate(2024, 9, 3), "2024-08-05"),
    ],
)
def test_english_dates_resolve_by_the_reading_rules(text: str, published: PartialDate | None, expected: str) -> None:
    assert expected in dates(text, published), dates(text, published)


def test_negated_financial_information_goes_to_data_not() -> None:
    exposed, not_exposed = data("Names were stolen, but no financial information was accessed.")
    assert exposed == ["name"] and not_exposed == ["financial"]


def test_did_not_include_passwords_is_negated() -> None:
    assert data("The stolen data did not include passwords.") == ([], ["password"])


def test_items_that_do_not_appear_to_have_been_accessed_are_negated() -> None:
    assert data("Credit card numbers do not appear to have been accessed.") == ([], ["payment_card"])


def test_neither_nor_negates_both_items() -> None:
    assert data("Neither bank account details nor Social Security numbers were accessed.") == (
        [],
        ["bank_account", "national_id"],
    )


def test_hedged_exposure_counts_as_data() -> None:
    exposed, _ = data(
        "Names and dates of birth may have been accessed, and medical records could potentially have been viewed."
    )
    assert exposed == ["name", "date_of_birth", "health"]


def test_advice_to_change_passwords_is_not_data() -> None:
    assert data("Customers should change their passwords and be wary of phishing emails.") == ([], [])


def test_victim_is_found_without_ner() -> None:
    incident = extract(ARTICLE).primary
    assert incident is not None and incident.victim == "Northgate Wireless"


def test_english_article_gives_a_full_record() -> None:
    document = extract(ARTICLE)
    incident = document.primary
    assert document.lang == "en" and document.published == "2024-03-04"
    assert incident is not None
    assert incident.affected is not None and incident.affected.count == 1_300_000
    assert incident.data_not == ["financial"]
    assert {"name", "postal_address", "date_of_birth"} <= set(incident.data)
    assert incident.discovered == "2024-02-21" and incident.occurred == "2024-02-12"
    assert incident.authorities == ["law_enforcement"] and incident.channels == ["email"]


def test_a_person_quoted_is_not_the_victim() -> None:
    text = (
        "Harbour Books says card details were stolen\n\nHarbour Books said hackers stole the card "
        'details of 4,000 shoppers. "We are sorry," said Emily Carter, its chief executive. '
        "Emily Carter said "
        "the police were told."
    )
    incident = extract(text, published="2024-05-02").primary
    assert incident is not None and incident.victim == "Harbour Books"


def test_ruled_out_ransomware_is_not_an_attack() -> None:
    text = (
        "Delta Parcel confirms data theft\n\nDelta Parcel said attackers stole a customer database and "
        "demanded payment in exchange for not selling it. No ransomware was deployed, and none of its "
        "systems were encrypted."
    )
    incident = extract(text, published="2024-08-20").primary
    assert incident is not None and "ransomware" not in incident.attack and "extortion" in incident.attack


def _victim(text: str) -> str | None:
    primary = extract(text).primary
    return primary.victim if primary else None


def test_a_name_the_article_calls_ransomware_is_not_the_victim() -> None:
    text = (
        "The Kravlok ransomware hit dozens of firms. Kravlok encrypts files and demands bitcoin. "
        "Kravlok was first seen in May, when it struck Harbor Point Clinic."
    )
    assert _victim(text) == "Harbor Point Clinic"


def test_a_security_vendor_speaking_of_a_breach_is_not_the_victim() -> None:
    text = (
        "Check Point said the flaw was found in a popular router. Check Point researchers said the bug let "
        "attackers take over devices, and Check Point warned that hackers breached Tallow Bay Hospital through it."
    )
    assert _victim(text) == "Tallow Bay Hospital"


def test_a_country_named_as_a_place_is_not_the_victim() -> None:
    text = (
        "Officials in Ukraine said Ukraine was targeted again. Ukraine blamed hackers for the breach, which "
        "exposed the data of 9,000 passengers of Kestrel Airways."
    )
    assert _victim(text) == "Kestrel Airways"


def test_a_person_and_their_own_account_make_no_victim() -> None:
    text = "Sen. Ruiz said her account was hacked. Ruiz said the attackers posted messages from it on Sunday."
    assert extract(text).reports_incident is False


def test_a_person_quoted_with_a_title_is_not_the_victim() -> None:
    text = (
        "The personal data of 3,000 patients was stolen, said Mr Tanaka, the clinic's director. "
        "Mr Tanaka said the Eastbrook Family Clinic was hacked in May."
    )
    assert _victim(text) == "Eastbrook Family Clinic"


def test_information_stolen_from_an_office_names_it_not_a_source() -> None:
    text = (
        "Federal workers warned after breach\n"
        "Millions of federal workers may be targeted with the information stolen from the Office of Rural Grants "
        "in a cyberattack. Dana Whitfield, the director of a counterintelligence center, said so on Tuesday."
    )
    assert _victim(text) == "Office of Rural Grants"


def test_a_person_after_a_title_phrase_is_not_the_victim() -> None:
    text = (
        "Secretary of State Darren Holloway said Kestrel County was hit by ransomware on Monday. "
        "Kestrel County said the attackers encrypted the files of 2,000 voters."
    )
    assert _victim(text) == "Kestrel County"


def test_an_outlet_that_reports_is_a_source_not_the_victim() -> None:
    text = (
        "TechCrunch reported that the records of 8,000 customers of Granite Ridge Bank were exposed. "
        "TechCrunch said the files stolen from Granite Ridge Bank included account numbers."
    )
    assert _victim(text) == "Granite Ridge Bank"


def test_an_app_that_bears_a_groups_name_is_no_attacker() -> None:
    text = (
        "Harbourline Jobs said an intrusion exposed the names of 40,000 job seekers. The service targeted, "
        "the app Akira, stays offline while the company investigates."
    )
    primary = extract(text).primary
    assert primary is not None and primary.actors == [] and "ransomware" not in primary.attack


def test_organisations_listed_among_those_affected_are_victims() -> None:
    text = (
        "A week after the ransomware began spreading across the world, few victims have paid. With affected "
        "organisations including the Harwick Water Board, experts say most restored their files from backups, "
        "according to the security firm Kelpie Labs."
    )
    document = extract(text)
    assert document.reports_incident is True
    assert _victim(text) == "Harwick Water Board"


def test_the_owner_of_exposed_data_is_the_victim_not_the_firm_that_found_it() -> None:
    text = (
        "A lender exposed up to 200,000 records online, with names and loan details, a researcher reports. "
        "The data comes from Brackwell Direct Lending, writes a researcher at Quillmark Labs. "
        "Quillmark notified Brackwell, which has since taken the data offline, Quillmark writes. "
        "According to Nimbus Cloud guidance, only the bucket owners have access to Nimbus Cloud storage."
    )
    assert _victim(text) == "Brackwell"


def test_an_incident_recalled_with_its_year_is_not_the_articles() -> None:
    text = (
        "Ashgrove Studios said early work on its next game has been compromised, and hackers demand a ransom. "
        "Back in 2003, a young fan managed to hack Corvel Games' network and took the source code of a game. "
        "Though in that instance, the fan said Corvel Games was his favourite studio and emailed Corvel Games."
    )
    assert _victim(text) == "Ashgrove Studios"


def test_the_owner_of_a_defaced_forum_is_the_victim() -> None:
    text = (
        "Hackers hacked and defaced the official forums of Pellmont Engine over the weekend, leaving a note. "
        "Pellmont Engine administrators said no password was stolen in the attack."
    )
    assert _victim(text) == "Pellmont Engine"


@pytest.mark.parametrize(
    "text",
    [
        # a product flaw exploited in the wild, no organisation said to be hit
        "Quince patches bugs that attackers are already using\n"
        "Quince shipped a fix for bugs in its tablets that, it says, hackers exploited in the wild. "
        "The bug let hackers gain access to WebKit, the rendering engine of the tablets' browser.",
        # a reporting rule listing the incidents it covers
        "The 72-hour notice rule: what operators must do\n"
        "The regulation applies to many types of incidents, such as ransomware attacks and data breaches. "
        "The 72-hour period runs from discovery. Logs must be kept on the servers of NTC for a year.",
        # a malware strain named in two words, and the browsers it steals from
        "New malware steals passwords from browsers\n"
        "Phishing mails carry the new malware, dubbed Corvo Stealer, researchers say. "
        "Corvo Stealer then copies stored card numbers out of Chrome, Firefox and Opera.",
        # a policy on ransom payments
        "Ministers plan to outlaw ransom payments by councils\n"
        "A ban on ransom payments is the outcome of the Treasury Office's public consultation. "
        "The Treasury Office received 300 replies to its proposals on ransomware attacks.",
    ],
)
def test_flaws_rules_strains_and_policies_report_no_incident(text: str) -> None:
    assert extract(text).reports_incident is False


def test_the_city_a_speaker_sits_in_is_not_the_victim() -> None:
    text = (
        "Officers seized servers of two extortion crews, said the office based in The Valley on Friday. "
        "Hackers breached Dunmore Logistics in March, the agency added."
    )
    assert _victim(text) == "Dunmore Logistics"


def test_a_flaw_that_let_a_hacker_steal_data_tells_an_incident() -> None:
    text = (
        "The marketplace Velvetrow has rewarded a researcher for a vulnerability which allowed him to steal the names "
        "of 20,000 buyers. The hacker was able to compromise Velvetrow and steal addresses of buyers."
    )
    assert _victim(text) == "Velvetrow"


def test_a_role_word_inside_a_longer_name_is_not_its_head() -> None:
    text = (
        "Ransomware took a school district offline this week. "
        "The attack disabled the Pinecrest School District mail server and phones. "
        "Pinecrest superintendent Dana Roe said the attack happened overnight. "
        "Last month, the Larkfield Unified School District also suffered a malware attack."
    )
    assert (_victim(text) or "").startswith("Pinecrest")


def test_a_name_opening_with_a_given_name_and_ending_with_schools_is_an_organisation() -> None:
    from fuites.extract.victim import _capitalised_names

    sentences = split_sentences("Data was taken from Mary Lane County Public Schools, the gang said.")
    names = [found[0] for found in _capitalised_names(sentences, load("en"), None)]
    assert "Mary Lane County Public Schools" in names


def test_a_school_level_is_not_a_victim() -> None:
    text = "Hackers hit K-12 districts across the country with ransomware this summer, officials said."
    assert _victim(text) is None


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("Hackers stole claims data from Fernmoor, the Australian health insurance company.", "insurance"),
        ("Hackers breached Stellbridge, a credit-reporting company whose business is credit monitoring.", "finance"),
        ("Hackers stole the orders of Pazzo Pie, the pizza chain, and sold them online.", "hospitality"),
    ],
)
def test_english_trade_words_give_the_sector(text: str, sector: str) -> None:
    primary = extract(text).primary
    assert primary is not None and primary.sector == sector


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Lending said loan files were taken from one of its IT service providers in a cyberattack.",
        "Skyward Air said a hacker breached a third-party booking platform holding customer records.",
        "Skyward Air's reservation software provider was hit by a cyberattack, exposing travellers' data.",
    ],
)
def test_english_a_breach_through_a_provider_is_a_supplier_attack(text: str) -> None:
    primary = extract(text).primary
    assert primary is not None and "supplier" in primary.attack


def test_the_place_a_school_district_lies_in_is_not_its_name() -> None:
    text = ("Records of 9,000 pupils of the biggest school district in Elmford were stolen, officials said.\n"
            "Brookvale Independent School District staff said intruders got into teachers' mailboxes.")
    assert extract(text).primary.victim == "Brookvale Independent School District"


def test_a_state_before_a_possessive_is_where_the_victim_lies() -> None:
    text = ("Ransomware encrypted the payroll servers of Ohio's Harlan County on Monday. "
            "Harlan County officials said they would not pay.")
    assert extract(text).primary.victim == "Harlan County"


def test_a_city_department_and_its_mayor_name_the_city() -> None:
    text = ("Ransomware hits city computers\n"
            "Staff at the City of Elmford's Technology Services Division (TSD) found ransomware on 80 laptops. "
            "Elmford Mayor Jane Roe said the gang wanted $2 million. Roe said Elmford would not pay.")
    assert extract(text).primary.victim == "Elmford"


def test_a_title_cased_headline_word_named_nowhere_else_is_no_victim() -> None:
    text = ("Summer Break Over for Data Thieves, Alas\n"
            "Hackers stole files from the Brookvale Unified School District and posted them on a leak site.")
    assert extract(text).primary.victim == "Brookvale Unified School District"


def test_the_school_system_stands_for_a_district_named_public_schools() -> None:
    text = ("Leak Site Posts Student Files\n"
            "A gang posted files it took from the school district in Harlan County. "
            "At Harlan County Public Schools, some records are twenty years old. "
            "The school system fell victim to a cyberattack in August.")
    assert extract(text).primary.victim == "Harlan County Public Schools"


def test_a_well_known_organisation_takes_the_sector_it_is_known_for() -> None:
    text = ("Hackers stole the names and phone numbers of 40,000 customers of Vodafone, the company said. "
            "Vodafone has notified the regulator.")
    assert extract(text).primary.sector == "telecom"


def test_a_nationality_adjective_and_title_case_words_never_written_again_are_no_candidates() -> None:
    from fuites.extract.victim import find_candidates

    text = ("Watchdog Opens Probe Into Breach Hitting Ontario's Navy and Coast Guard\n"
            "Moving files of personnel the Canadian government relocates leaked, as disclosed by Harlow Relocation "
            "Services. Harlow Relocation Services said the files were stolen in September. The Privacy "
            "Commissioner opened an inquiry.")
    sentences = split_sentences(text)
    names = {c.display for c in find_candidates(sentences, [], EN, set(), 0)}
    assert "Harlow Relocation Services" in names
    assert not names & {"Canadian", "Navy and Coast Guard", "Commissioner"}


def test_the_people_named_before_the_number_are_who_was_hit() -> None:
    text = ("Families of the Brookvale Unified School District got letters about a data breach. The tally of "
            "people affected stood at more than 40,000, the district said.")
    affected = extract(text).primary.affected
    assert affected is not None and (affected.count, affected.qualifier) == (40_000, "at_least")


@pytest.mark.parametrize(
    "text",
    [
        "A remote access trojan infected 1,500 PCs at homes across the country, researchers said. RAT operators "
        "sold access to the machines.",
        "Attackers hijacked PLCs and DVRs running default passwords, the researchers said.",
        "Saudi Arabian firms were hit by a wiper, the researchers said.",
    ],
)
def test_plural_acronyms_a_malware_kind_and_a_nationality_are_no_victims(text: str) -> None:
    assert not candidate_names(text, None) & {"PCs", "RAT", "PLCs", "DVRs", "Saudi Arabian"}


def test_an_email_address_singular_is_read_and_the_one_people_are_reached_at_is_not_data() -> None:
    lexicon = EN
    taken = "Thieves took each member's name, date of birth, home and email address and phone number."
    reached = "It will send letters by mail to those without an email address on file."
    assert resolve([m for s in split_sentences(taken) for m in find_data(s, lexicon)])[0] == [
        "name", "date_of_birth", "postal_address", "email", "phone"
    ]
    assert resolve([m for s in split_sentences(reached) for m in find_data(s, lexicon)]) == ([], [])


def test_the_month_hackers_breached_the_victim_is_when_it_occurred() -> None:
    text = ("date 2017-09\nIntruders infiltrated Brookvale Credit's billing system in May, and Brookvale Credit "
            "only spotted them on July 29. The company said the names of 140,000 customers were stolen.")
    incident = extract(text).primary
    assert incident.occurred == "2017-05" and incident.discovered == "2017-07-29"


def test_a_council_chief_executive_speaks_for_the_council_hit() -> None:
    text = ("Services down after a cyber attack\n"
            "Residents are asked to be patient while the services come back after a cyber attack. "
            "Harrowby District Council took its systems offline as a precaution. "
            "Council chief executive Marian Tolliver said there was no evidence of data theft.")
    assert victim(text) == "Harrowby District Council"


def test_on_joins_a_name_after_a_bodys_head_noun() -> None:
    text = ("The Westfold Institute on Ageing said an unauthorized party accessed an employee email account "
            "holding the names of 2,000 clients.")
    assert victim(text) == "Westfold Institute on Ageing"


def test_a_police_force_and_an_institute_on_aging_have_their_sectors() -> None:
    police = extract("Hackers stole a database of the Korvath Police holding the records of a million residents.")
    assert police.primary is not None and police.primary.sector == "public_admin"
    aging = extract("The Westfold Institute on Ageing said an unauthorized party accessed an employee email account "
                    "holding the names of 2,000 clients of its software platform.")
    assert aging.primary is not None and aging.primary.sector == "health"


def test_a_borough_council_is_british_and_a_gang_is_named_without_its_kind() -> None:
    text = ("Council hit by cyber attack\nHarrowby Borough Council shut down its systems after a cyber attack. "
            "The Cuba ransomware gang claimed the attack on its leak site.")
    primary = extract(text).primary
    assert primary is not None and primary.country == "GB" and primary.actors == ["Cuba"]


def test_a_similar_incident_to_prevent_is_no_earlier_one() -> None:
    text = ("Harwick Air said hackers accessed the records of 1,200 pilots. It is adding controls to prevent "
            "a similar incident, the airline said.")
    assert [i.victim for i in extract(text).incidents if not i.primary] == []


def test_the_town_a_company_is_based_in_is_no_victim_and_a_head_noun_in_either_number_is_one_body() -> None:
    text = ("Patient files of Cresswell, Fla.-based Harlan Medical Centers appeared online this week. "
            "Harlan Medical Centers had said in March that malware infected its computers. "
            "A Harlan Medical Center spokesperson said the investigation goes on.")
    sentences = split_sentences(text)
    names = [c.display for c in find_candidates(sentences, [], load("en"), set(), None)]
    assert "Cresswell" not in names
    assert len([n for n in names if n.startswith("Harlan Medical")]) == 1


def test_a_brand_written_in_lower_case_first_is_a_name() -> None:
    text = ("The smartwatch maker zeBand confirmed a data breach touching 7 lakh buyers, a loss the Founder and CEO "
            "of Korvex Labs called serious.")
    assert victim(text) == "zeBand"


def test_on_joins_no_place_with_a_possessive() -> None:
    text = ("Hackers took 43,000 files from Wattlefield Council on Kelby's coast, the council said.")
    assert victim(text) == "Wattlefield Council"


def test_the_town_a_newspaper_serves_is_not_the_victim() -> None:
    text = ("No paper in Brookvale's daily newspaper boxes after ransomware attack\n"
            "Readers of the Courier-Ledger, Brookvale's oldest daily newspaper, got no paper on Monday: ransomware "
            "hit Harlan Media Group, the Courier-Ledger's owner, and shut its page design software.")
    assert victim(text) == "Harlan Media Group"


def test_a_title_is_no_name_and_the_town_before_based_hides_no_cue() -> None:
    said = "Phishing rose last year, warned Jane Roe, the union's Deputy Executive Director."
    candidates = find_candidates(split_sentences(said), [], load("en"), set(), None)
    assert "Deputy Executive Director" not in [c.display for c in candidates]
    text = "Ransomware encrypted the servers of the Ohio-based KVA a week before its annual fair, officials said."
    assert victim(text) == "KVA"


def test_full_card_details_spared_leave_the_last_digits_taken() -> None:
    text = ("Names and the last four digits of each payment card were copied. Complete card numbers were not "
            "exposed, the shop added.")
    lexicon = load("en")
    assert resolve([m for s in split_sentences(text) for m in find_data(s, lexicon)]) == (["name", "payment_card"], [])


def test_a_saints_name_keeps_its_abbreviation() -> None:
    text = "The breach hit St. Brigid's Medical Center in March, exposing the records of 20,000 patients."
    assert victim(text) == "St. Brigid's Medical Center"


def test_a_word_said_of_a_gang_is_not_its_name() -> None:
    text = ("Ransomware hit Harwick Freight last week. Investigators blame a Ukraine-based crew for the "
            "encryption.")
    primary = extract(text).primary
    assert primary is not None and primary.actors == []


def test_a_cell_going_by_a_name_and_taking_credit_is_the_actor() -> None:
    text = ("Harwick Bank's websites were downed by a DDoS attack on Friday. A small cell going by the name of "
            "LanternSec took credit for the outage.")
    primary = extract(text).primary
    assert primary is not None and primary.actors == ["LanternSec"]


@pytest.mark.parametrize(
    ("text", "intrusion"),
    [
        ("Harwick College said its servers were compromised in March. Two staff email accounts had been taken "
         "over through a fake login page.", True),
        ("Attackers used credential stuffing against 15,000 Harwick Streaming accounts, and there is no indication "
         "that Harwick's servers were compromised.", False),
    ],
)
def test_systems_compromised_stand_as_an_intrusion_unless_ruled_out(text: str, intrusion: bool) -> None:
    primary = extract(text).primary
    assert primary is not None and ("intrusion" in primary.attack) is intrusion


def test_a_one_word_name_that_only_ever_opens_sentences_is_a_name_when_it_opens_several() -> None:
    text = (
        "Brookvale hit by ransomware attack\n\n"
        "Brookvale has been fighting a ransomware attack since Monday. Brookvale's libraries and bus app are "
        "offline, officials said. Technically, the city has not paid."
    )
    assert victim(text) == "Brookvale"
    # an adverb that opens sentences, followed by its comma, names nothing
    adverbs = "Technically, the bank was breached. Technically, nothing was taken from anyone."
    assert "Technically" not in candidate_names(adverbs, None)


def test_a_company_named_after_a_first_name_keeps_its_corporate_word_and_its_possessive_counts_once() -> None:
    text = (
        "Sandra Enterprises hit by ransomware\n\n"
        "Sandra Enterprises, a furniture maker, said hackers encrypted its servers. "
        "The attack has halted Sandra’s warehouses. Sandra Enterprises notified the FBI."
    )
    assert victim(text) == "Sandra Enterprises"


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_name_whose_s_is_its_own_keeps_it(apostrophe: str) -> None:
    store = f"Pembry{apostrophe}s"
    text = (
        f"Hackers hit {store}, steal card details\n\n"
        f"{store} said hackers planted code on its checkout page. {store} has begun telling shoppers, "
        f"and {store} confirmed that the card numbers of some customers were taken."
    )
    primary = extract(text).primary
    assert primary is not None and primary.victim == "Pembry's"  # apostrophes are read straight
    # a possessive followed by what it owns is cut as before
    owned = extract(f"Hackers breached Pembry{apostrophe}s servers and stole card numbers of 500 customers.").primary
    assert owned is not None and owned.victim == "Pembry"


def test_a_name_said_short_with_its_own_s_is_the_full_name_ending_in_a_role_noun() -> None:
    text = (
        "Ransomware hits Dunmore Children's\n\n"
        "Dunmore Children's said a ransomware attack encrypted its servers last week. "
        "Dunmore Children's staff moved to paper forms, and Dunmore Children's needed days to recover, "
        "said Ann Lee, who runs the computers of Dunmore Children's Clinic."
    )
    assert victim(text) == "Dunmore Children's Clinic"


def test_a_town_written_with_its_state_is_no_short_form_of_the_organisation_it_opens() -> None:
    text = (
        "Ransomware locks records at a clinic\n\n"
        "Hackers are holding a Brookfield, Calif., clinic to ransom after encrypting its patient files.\n\n"
        "The Brookfield Larkspur Medical Center declared an emergency as staff lost access to records."
    )
    assert victim(text) == "Brookfield Larkspur Medical Center"


def test_a_name_that_labels_a_kind_of_data_or_an_address_is_no_victim() -> None:
    text = (
        "Social Security numbers of Harlow County staff exposed\n\n"
        "Hackers stole the Social Security numbers of 9,000 Harlow County employees in a cyberattack. "
        "Officials said Social numbers were taken from a file server. Social Security numbers of retirees were "
        "also in the files. To freeze your credit, write to Crediline Fraud Alert, P.O. Box 1050."
    )
    assert victim(text) == "Harlow County"
    assert not candidate_names(text) & {"Social Security", "Social", "P.O", "P.O. Box"}


def test_words_that_open_a_sentence_are_no_names() -> None:
    text = (
        "Marlow data leaked\n\nMarch 3, noon Weeks after Marlow confirmed a ransomware attack, the gang leaked "
        "its files. March 4, 9 a.m. According to the city, the files hold permits. Please call the city's hotline."
    )
    assert not candidate_names(text) & {"Weeks", "According", "Please"}


def test_a_notice_of_a_cybersecurity_incident_at_a_county_reports_it() -> None:
    # a notice of a data event, and files copied from the network without authorization
    text = (
        "County still dealing with a 2025 cybersecurity incident\n\nBrenlow County discovered suspicious activity "
        "in its computer network on March 2. Certain files may have been copied from the network without "
        "authorization, the county's notice of data event said."
    )
    document = extract(text)
    assert document.reports_incident and document.primary is not None
    assert document.primary.victim == "Brenlow County"


@pytest.mark.parametrize("subject", ["Tarwick County", "Tarwick County government"])
def test_a_body_that_experienced_an_attack_is_said_to_be_hit(subject: str) -> None:
    text = f"{subject} experienced a temporary cyber attack last week, according to officials."
    candidates = find_candidates(split_sentences(text), [], load("en"), set(), None)
    assert candidates[0].display == "Tarwick County" and candidates[0].as_victim


def test_mt_opens_a_name_and_ends_no_sentence() -> None:
    text = (
        "Mt. Larkin Unified School District reports a breach\nOn April 27, a caching error at the Mt. Larkin "
        "Unified School District exposed the records of 600 students to other parents."
    )
    assert victim(text) == "Mt. Larkin Unified School District"


def test_the_county_is_the_county_named_first() -> None:
    text = (
        "Personal information from Harlan County, Ohio, residents was stolen during a ransomware attack on "
        "government systems.\nThe County published a notice on Friday warning its residents. On March 13, the "
        "County learned that the hackers took personal information from its network. The County said it will "
        "send written notices to anyone affected. Strafford County, New Hampshire, is dealing with a similar attack."
    )
    assert victim(text) == "Harlan County"


def test_a_day_written_with_dots_is_a_date_and_a_version_number_is_not() -> None:
    assert dates("The firm got word from its vendor on 14.03.2021.") == ["2021-03-14"]
    assert dates("The firm got word from its vendor on 14.03.21.") == ["2021-03-14"]
    assert dates("The attackers used version 2.1.20 of the tool.") == []


def test_dates_of_the_notice_received_the_breach_reported_and_the_clause_said() -> None:
    text = (
        "date 2021-05-22\nOrvel Air on Friday reported a data breach at its booking system. "
        "The carrier said the breach involved records created between March 3, 2014 and May 9, 2020. "
        "It received a first notice from its vendor on 14.03.2021."
    )
    primary = extract(text).primary
    assert primary is not None
    assert (primary.disclosed, primary.discovered) == ("2021-05-21", "2021-03-14")


def test_a_hack_on_the_data_processor_is_the_supplier_and_data_not_yet_seen_for_sale_is_no_extortion() -> None:
    text = (
        "Orvel Air said booking records were exposed in an attack on its payment processor, Skylink. "
        "Analysts said they had not yet seen the records offered for sale."
    )
    primary = extract(text).primary
    assert primary is not None and "supplier" in primary.attack and "extortion" not in primary.attack


def test_a_negation_inside_brackets_ends_with_them() -> None:
    assert data(
        "The file held names and passport details (though no passwords were touched) as well as card data."
    ) == (["name", "national_id", "payment_card"], ["password"])
    assert data(
        "No bank details (such as card numbers) or Social Security numbers were part of the files."
    ) == ([], ["bank_account", "payment_card", "national_id"])
    assert data("No card numbers were taken from the portal (PX), where staff log in.") == ([], ["payment_card"])


def test_the_pronoun_us_is_no_country_and_a_tie_between_countries_is_home() -> None:
    uk = (
        "Hackers have stolen personal data of students at Fenwick University. \"The university has reported "
        "an incident to us,\" an Information Commissioner's Office spokesperson said."
    )
    tie = (
        "Pellam Parts confirmed hackers stole data on 2,000 customers. Two others were hit too: Orrin Insurance, "
        "a Canadian insurer, and Delby College, a college in Ohio."
    )
    uk_primary, tie_primary = extract(uk).primary, extract(tie).primary
    assert uk_primary is not None and uk_primary.country == "GB"
    assert tie_primary is not None and tie_primary.country == "US"


def test_a_head_of_department_title_is_no_organisation() -> None:
    text = "Grids are exposed, said Dana Kerr, Global Head of Energy at advisory firm Brindle, on Monday."
    assert "Global Head of Energy" not in candidate_names(text, None)


def test_the_same_group_named_beside_an_earlier_victim_is_the_main_attacker_and_posted_files_are_extortion() -> None:
    text = (
        "Marrow City Council was hit by a cyber attack last month. The ransomware gang known as Kestrel Team has "
        "claimed the attack - the same group that struck Delby Hospital in March. "
        "The gang has posted files it says were stolen from the council."
    )
    document = extract(text)
    primary = document.primary
    assert primary is not None and primary.victim == "Marrow City Council"
    assert primary.actors == ["Kestrel Team"] and "extortion" in primary.attack


def test_applications_encrypted_are_ransomware_and_a_network_accessed_illegally_is_an_intrusion() -> None:
    encrypted = extract("Lorn Press said the gang encrypted key applications in the attack.").primary
    assert encrypted is not None and encrypted.attack == ["ransomware"]
    accessed = extract("Lorn Press said an intruder illegally accessed its network and copied payroll files.").primary
    assert accessed is not None and accessed.attack == ["intrusion"]


def test_a_network_brought_down_on_a_day_dates_the_attack_and_the_people_a_county_is_home_to_are_no_count() -> None:
    text = (
        "date 2020-03-20\nThe Pell County computer network was brought down by hackers on March 4. "
        "Pell County, home to about 48,000 residents, has cyber insurance."
    )
    primary = extract(text).primary
    assert primary is not None and primary.occurred == "2020-03-04"
    assert primary.affected is None or primary.affected.count is None


def test_the_sector_reads_every_name_of_the_victim_and_a_name_written_in_one() -> None:
    federation = extract(
        "The Lusitanian Football Federation (LFF) said hackers broke into its systems. The LFF said files of its "
        "staff were stolen, and the LFF told the police."
    ).primary
    assert federation is not None and federation.victim == "LFF" and federation.sector == "sport_leisure"
    utility = extract(
        "Hackers broke into the online portal of PowerVale. The breach exposed the invoices of 300 customers."
    ).primary
    assert utility is not None and utility.sector == "energy"


def test_hackers_who_broke_into_the_portal_of_a_name_hit_it_and_those_who_help_are_no_count() -> None:
    portal = extract("Hackers broke into the online portal of Pellam and viewed the invoices of 300 customers.")
    assert portal.primary is not None and portal.primary.victim == "Pellam"
    assert counts("The town is getting help from at least 12 partner agencies, among them state police.") == []


def test_a_health_card_number_is_an_identifier() -> None:
    assert data("Names, addresses and health card numbers of patients were accessed.") == (
        ["name", "postal_address", "national_id"], []
    )


def test_a_day_without_a_year_takes_the_year_the_article_gives_the_same_day() -> None:
    assert dates("The theft ran between May 2 and May 9. On May 2, 2018, a skimmer was planted.") == [
        "2018-05-02", "2018-05-09", "2018-05-02"
    ]


def test_a_year_the_company_bought_something_dates_nothing_and_access_gained_since_a_year_dates_the_attack() -> None:
    text = (
        "The resort group said Friday the attack hit the Halden booking platform, a brand it acquired in 2015. "
        "Corlin said intruders had “unauthorized access” to the Halden platform since 2012."
    )
    primary = extract(text).primary
    assert primary is not None and primary.occurred == "2012"
    assert "2015" not in (primary.occurred, primary.discovered, primary.disclosed)


def test_data_not_released_is_spared() -> None:
    assert data("Payment information was not released, the company said.") == ([], ["financial"])


def test_emails_in_a_list_a_tax_card_number_and_pre_existing_diseases_are_data() -> None:
    assert data(
        "The stolen file lists full names, PAN numbers, phone numbers, emails, dates of birth and "
        "pre-existing diseases of members."
    ) == (["name", "national_id", "phone", "email", "date_of_birth", "health"], [])


def test_the_role_noun_that_ends_a_name_stands_for_it_later() -> None:
    text = (
        "Ransomware Shuts County Offices\n\nA county in Iowa shut its offices after ransomware struck machines at "
        "its courthouse.\n\nPell County staff could not open their files on Monday morning. By noon, ransomware "
        "had infected about 300 machines across the county's offices, IT staff said. The county then unplugged its "
        "phone lines as a precaution.\n\nA sign was posted on Pell County office doors."
    )
    primary = extract(text).primary
    assert primary is not None and (primary.victim, primary.attack) == ("Pell County", ["ransomware"])


@pytest.mark.parametrize(
    "text",
    [
        "New Campaign Spreads Mobile Loaders\n\nResearchers said a new campaign infects phones in Chile with "
        "Mobile Loaders hidden in fake parcel apps.",
        "MalSpam warning for tax season\n\nA new wave of MalSpam carries malware that steals passwords from "
        "unsuspecting users.",
        # a malware dubbed with curly quotes, found by a vendor
        "Vendor finds decade-old malware family\n\nSecurity firm Corvex Networks has discovered a new strain of "
        "malware. The malware, dubbed \u2018Quillo\u2019, steals passwords. Quillo was used to access secure "
        "environments.",
        # a malware found in an app store: its users are hit, not the store
        "New banking trojan found on the Play Store\n\nA banking trojan hidden in a cleaner app stole the "
        "passwords of 50,000 users of the Play Store.",
        "Android : un nouveau malware découvert sur le Play Store visant vos coordonnées bancaires\n\n"
        "Baptisé Quillo, le cheval de Troie vole les identifiants bancaires. Quillo a infecté 50 000 utilisateurs.",
    ],
)
def test_a_malware_its_kind_or_the_app_store_it_hides_in_is_no_victim(text: str) -> None:
    assert not extract(text).reports_incident


def test_a_state_before_a_role_noun_says_where_the_one_hit_is() -> None:
    text = (
        "Georgia clinic says intruder read patient files\n\nThe clinic began writing to patients. "
        "Pell (Ga.) Family Clinic said an employee email account was accessed."
    )
    assert victim(text) == "Pell Family Clinic"


def test_a_demand_letter_threatening_to_publish_files_is_extortion_and_a_ransom_note_stays_ransomware() -> None:
    letter = extract(
        "Hackers broke into the network of Pell Clinic. The gang wrote that all the stolen files will be released "
        "online within a week."
    ).primary
    assert letter is not None and letter.attack == ["intrusion", "extortion"]
    note = extract("Pell Clinic was hit by ransomware. A ransom note appeared on screens.").primary
    assert note is not None and note.attack == ["ransomware"]


@pytest.mark.parametrize(
    "text",
    [
        "Pell Health said an intruder gained access to the email accounts of three employees in May.",
        "Pell Health said a phishing incident led to unauthorized access to two employee email accounts in June.",
    ],
)
def test_access_gained_to_staff_email_accounts_is_an_account_compromise_and_may_the_month_no_modal(text: str) -> None:
    primary = extract(text).primary
    assert primary is not None and (primary.victim, primary.attack) == ("Pell Health", ["account_compromise"])


def test_data_not_believed_to_be_included_was_spared() -> None:
    assert data("The copied tables are not thought to contain passport numbers or card numbers.") == (
        [], ["national_id", "payment_card"]
    )


def test_a_perfect_tense_is_no_size_and_a_present_has_is() -> None:
    assert counts("Pell Health said it has notified some 90,000 patients about the breach.") == [
        (90_000, "approx", ("patients",))
    ]
    assert counts("Pell Bank, which has about 2 million customers, was hit.") == []


def test_a_figure_of_records_beats_people_counted_only_in_millions_and_a_handful_of_files_does_not() -> None:
    exposed = extract(
        "Exposed server at Pell Marketing\n\nUS-based firm Pell Marketing left a server holding more than 120 "
        "million consumer records open to the web. A researcher said anyone could browse the files of millions of "
        "people."
    ).primary
    assert exposed is not None and exposed.affected is not None
    assert (exposed.affected.count, exposed.affected.qualifier) == (120_000_000, "at_least")
    sample = extract(
        "Pell Realty said hackers stole the files of tens of thousands of clients. As proof, they sent a dozen files."
    ).primary
    assert sample is not None and sample.affected is not None and sample.affected.count == 10_000


def test_learned_on_a_day_that_dates_the_discovery() -> None:
    text = (
        "date 2019-05-01\nPell Clinic said hackers broke into its email. The clinic learned on Oct. 8 that an "
        "intruder had read staff mail."
    )
    primary = extract(text).primary
    assert primary is not None and primary.discovered == "2018-10-08"
    realized = extract(
        "date 2024-08-01\nPell Travel said hackers accessed its booking data. Staff first realized the breach on "
        "3 June 2024, the firm said."
    ).primary
    assert realized is not None and realized.discovered == "2024-06-03"


def test_a_small_state_named_where_a_hacker_was_caught_is_no_victim() -> None:
    text = (
        "Court Jails Card Thief\n\nA federal court sentenced a hacker to 20 years in prison for selling stolen "
        "credit cards. He was arrested in the Seychelles, which has no extradition treaty. Police in the "
        "Seychelles handed him over to US agents. The Seychelles cooperated after talks."
    )
    assert not extract(text).reports_incident


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Without computers, dispatchers cannot send a crew to an address when a caller hangs up.", ([], [])),
        ("- Email addresses,", (["email"], [])),
        ("The hackers accessed the phone numbers of some customers.", (["phone"], [])),
        ("Card numbers were not part of the incident, the retailer told reporters today.", ([], ["payment_card"])),
    ],
)
def test_one_data_word_counts_only_in_a_sentence_about_data(text: str, expected: tuple[list[str], list[str]]) -> None:
    assert data(text) == expected


def test_york_is_in_england_and_new_york_stays_american() -> None:
    york = extract("The University of Pellham in York said hackers stole files of 300 students.").primary
    assert york is not None and york.country == "GB"
    new_york = extract("Pell Bank in New York said hackers stole files of 300 customers.").primary
    assert new_york is not None and new_york.country == "US"


def test_a_firm_whose_name_ends_in_data_and_that_starts_notifying_is_the_victim() -> None:
    text = ("Harbor Public Data starts notifying people caught up in its breach\n"
            "The people-search firm Harbor Public Data is sending letters to those whose records were taken, a "
            "month after a class action was filed.")
    assert victim(text) == "Harbor Public Data"


def test_who_refused_to_pay_the_ransom_is_said_hit() -> None:
    text = "The gang leaked the files because Harlow Valley Public Schools refused to pay the ransom it asked."
    hit = [c.display for c in find_candidates(split_sentences(text), [], EN, set(), None) if c.as_victim]
    assert hit == ["Harlow Valley Public Schools"]


def test_a_town_whose_data_is_held_hostage_is_said_hit() -> None:
    text = "Investigators are still hunting the crew holding Millbrook's files hostage."
    hit = [c for c in find_candidates(split_sentences(text), [(49, 58, "LOC")], EN, set(), None) if c.as_victim]
    assert [c.display for c in hit] == ["Millbrook"]


@pytest.mark.parametrize(
    "recall, others",
    [
        ("In 2023 a different crew stole student data from Rivermoor College.", ["Rivermoor College"]),
        ("The gang is known for the hack of Deltanet last year.", ["Deltanet"]),
    ],
)
def test_another_victim_of_another_group_or_of_the_gangs_fame_is_recalled(
    recall: str, others: list[str]
) -> None:
    text = "Hackers breached the systems of Quillbank and stole the data of 40,000 customers, Quillbank said. " + recall
    document = extract(text)
    assert [i.victim for i in document.incidents if not i.primary] == others


def test_a_headline_epithet_before_the_name_is_not_part_of_it() -> None:
    text = ("Hacked Brenton Clinic files surface on a crime forum\n"
            "Hackers demanded a ransom for the patient data they took, and the clinic said its servers had been "
            "breached.")
    assert victim(text) == "Brenton Clinic"


def test_an_acronym_said_short_after_the_name_it_ends_is_that_name() -> None:
    text = ("Patient letters go out after Harlow DHB breach\n"
            "Attackers broke into Harlow DHB's network in March. The DHB said the DHB's staff would call "
            "each person. The DHB's chief executive said the DHB had told the police.")
    assert victim(text) == "Harlow DHB"


def test_a_tie_in_the_victims_own_name_goes_abroad() -> None:
    # "Richmond" names a US city, "Borough Council" an English body: the name's words tie
    text = ("Harbury and Richmond Borough Council says a ransomware attack took its payment portal down last "
            "week. Residents cannot pay parking fines online.")
    primary = extract(text).primary
    assert primary is not None and primary.country == "GB"


@pytest.mark.parametrize(
    "text, expected",
    [
        # a capitalised article after a dateline, before a name that ends with its kind
        ("MARLOW (KXRT) – The Alder Creek School District shut its schools on Friday once ransomware locked its "
         "servers.", "Alder Creek School District"),
        # "of the" after a body's head noun joins the name
        ("Privacy breach at hospital\nA clerk at Our Lady of the Pines Hospital viewed 900 patient records without "
         "authorization, an audit found. Our Lady of the Pines Hospital has written to the patients.",
         "Our Lady of the Pines Hospital"),
        # a legal form alone is no name
        ("Kestrel Dental Group, Inc. Birch Clinics, Inc. Harlow Eye Care, Inc.\n"
         "Patients have sued three care providers over a ransomware attack that exposed their files. Kestrel "
         "Dental Group, Inc. was hit by ransomware.", "Kestrel Dental Group"),
    ],
)
def test_names_keep_their_own_words_and_lose_others(text: str, expected: str) -> None:
    assert victim(text) == expected


def test_a_law_and_a_trade_title_are_no_victims() -> None:
    names = candidate_names("HIPAA Journal: Brightwater Center notifies patients. HIPAA requires notice.")
    assert "HIPAA" not in names


def test_the_one_hit_months_before_another_is_not_the_article_victim() -> None:
    text = (
        "Second county hit by ransomware this year\n"
        "Weeks after Dunmore County was crippled by ransomware that shut its offices for days, another county "
        "says it has been attacked. A notice confirms Harlan County is the latest victim of a ransomware "
        "incident."
    )
    ranked = [c.display for c in find_candidates(split_sentences(text), [], EN, set(), 0)]
    assert ranked[0] == "Harlan County"


def test_a_newspaper_that_reports_is_a_source() -> None:
    text = (
        "Schools closed after cyber attack\n"
        "The Pell Valley School District has asked federal agents for help after a cyber attack closed its schools. "
        "The Marlow Evening Ledger reports that staff first saw locked screens on Saturday. The Marlow Evening "
        "Ledger reports the district's phones were down too."
    )
    assert victim(text) == "Pell Valley School District"


def test_health_insurance_details_and_record_numbers_are_items_of_their_own() -> None:
    exposed, _ = data("Names, medical record numbers, treatment information and health insurance details were exposed.")
    assert exposed == ["name", "other", "health"]


def test_a_denied_misuse_leaves_the_exposure_said() -> None:
    denied_use = "There is no indication that the medical records were used for fraud, the clinic said."
    assert data(denied_use) == (["health"], [])
    assert data("There is no evidence that passwords were accessed.") == ([], ["password"])


def test_a_law_introduced_with_its_acronym_is_no_candidate() -> None:
    text = ("The Personal Records Protection Act (PRPA) requires that firms act should they suffer a data breach. "
            "Under the PRPA, a data breach means unauthorised access to personal data.")
    assert "PRPA" not in [c.display for c in find_candidates(split_sentences(text), [], EN, set(), 0)]
