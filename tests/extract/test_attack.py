"""How the breach happened and who did it: short French articles written for the test."""

import fuites


def attacks(text: str) -> list[str]:
    primary = fuites.extract(text).primary
    assert primary is not None
    return primary.attack


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
