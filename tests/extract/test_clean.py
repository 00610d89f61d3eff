from fuites.clean import clean


def test_link_leftovers_are_removed() -> None:
    text = clean("Selon Franceinfo (nouvelle fenêtre), le site (s'ouvre dans un nouvel onglet) est fermé.").text
    assert "fenêtre" not in text and "onglet" not in text
    assert text == "Selon Franceinfo, le site est fermé."


def test_a_line_broken_mid_sentence_is_joined() -> None:
    text = clean("Le livreur a indiqué avoir « récemment »\ndétecté des accès\n, a-t-il dit.").text
    assert text == "Le livreur a indiqué avoir « récemment » détecté des accès, a-t-il dit."


def test_a_pasted_twice_paragraph_is_read_once() -> None:
    paragraph = "La mutuelle a informé ses adhérents par courrier."
    text = clean(f"Titre\n{paragraph}\n\nAutre chose.\n\n{paragraph}").text
    assert text.count(paragraph) == 1


def test_iso_date_header_becomes_the_publication_date() -> None:
    cleaned = clean(" date 2020-03 Le télécom américain a révélé une faille.")
    assert cleaned.header_published == "2020-03"
    assert cleaned.text.startswith("Le télécom")


def test_french_date_header_line_is_kept_for_the_date_reader() -> None:
    cleaned = clean("Publié le 5 mai 2014 à 10h12\nL'opérateur a reconnu une fuite.")
    assert cleaned.header_line == "Publié le 5 mai 2014 à 10h12"
    assert cleaned.text == "L'opérateur a reconnu une fuite."


def test_a_date_header_glued_to_the_lead_is_cut_from_it() -> None:
    cleaned = clean("Titre\nPublié le 24/07/2025 à 14:50Le groupe Vexal reconnaît une intrusion.")
    assert cleaned.header_line == "Publié le 24/07/2025 à 14:50"
    assert cleaned.text == "Titre\nLe groupe Vexal reconnaît une intrusion."


def test_non_breaking_spaces_in_numbers_become_plain_spaces() -> None:
    assert clean("1\u00a0300\u202f000 clients").text == "1 300 000 clients"


def test_offsets_map_back_to_the_source() -> None:
    raw = "Titre\r\nLe site (nouvelle fenêtre) de Cuisinéo a été piraté."
    cleaned = clean(raw)
    start = cleaned.text.index("Cuisinéo")
    assert raw[cleaned.source_offset(start) :].startswith("Cuisinéo")


def test_words_a_layout_glued_together_are_parted_and_still_point_at_their_source() -> None:
    raw = "Le Département deVal-Fleuri est paralysé depuis le 6novembre."
    cleaned = clean(raw)
    assert cleaned.text == "Le Département de Val-Fleuri est paralysé depuis le 6 novembre."
    name = cleaned.text.index("Val-Fleuri")
    assert raw[cleaned.source_offset(name) :].startswith("Val-Fleuri")


def test_a_see_also_line_with_arrows_is_dropped() -> None:
    text = clean("La mairie a été piratée.\n>> A lire aussi : Le carnaval reporté\nLe maire a porté plainte.").text
    assert "carnaval" not in text and "porté plainte" in text


def test_a_pages_furniture_is_dropped() -> None:
    raw = ("Powered by BRIGHTPRESS MEDIA\ncyber weekly logo\nMenu\nSubscribe to our Newsletter\n"
           "Lakeview Clinic starts notifying patients\nexpand image\nThe clinic was hacked in April.")
    assert clean(raw).text == "Lakeview Clinic starts notifying patients\nThe clinic was hacked in April."


def test_a_state_written_inside_a_name_is_left_out_and_a_bracketed_aside_stays() -> None:
    text = clean("Pell (Fla.) Family Physicians and Corby (N.J.) Medical Group were hit (again).").text
    assert text == "Pell Family Physicians and Corby Medical Group were hit (again)."


def test_a_breadcrumb_ending_in_the_headline_cut_short_is_dropped() -> None:
    text = clean("Accueil Santé Fuite de données : les conseils de...\nLa clinique Orvia a été piratée.").text
    assert text == "La clinique Orvia a été piratée."
