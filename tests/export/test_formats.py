"""Each export format as the tool that reads it sees it: validators, loaders, spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
from pymisp import MISPEvent
from stix2validator import ValidationOptions, validate_string

from fuites import export
from fuites.errors import ExportError
from fuites.export import veris
from fuites.export.records import mappings
from fuites.models import Document, Incident
from fuites.store import IncidentDetail, Store


def exported(store: Store, format: str, **filters: object) -> str:
    return "".join(export.stream(format, export.incidents(store, **filters)))  # type: ignore[arg-type]


def by_type(bundle: dict[str, object], kind: str) -> list[dict[str, object]]:
    return [o for o in bundle["objects"] if o["type"] == kind]  # type: ignore[attr-defined,index]


# STIX

def test_stix_bundle_passes_stix2_validator(store: Store) -> None:
    results = validate_string(exported(store, "stix"), ValidationOptions(version="2.1"))
    errors = [str(e) for e in results.errors]
    assert results.is_valid, errors


def test_stix_incident_carries_the_facts_as_custom_properties(store: Store) -> None:
    bundle = json.loads(exported(store, "stix", org="Orange"))
    (incident,) = by_type(bundle, "incident")
    assert incident["x_fuites_affected_count"] == 1_300_000
    assert incident["x_fuites_affected_qualifier"] == "approx"
    assert incident["x_fuites_data_not"] == ["password", "bank_account"]
    assert "Email addresses" in incident["x_fuites_data_classes"]  # type: ignore[operator]
    assert incident["x_fuites_authorities"] == ["dpa"]
    (extension,) = by_type(bundle, "extension-definition")
    assert "x_fuites_data_not" in extension["extension_properties"]  # type: ignore[operator]


def test_stix_victim_is_an_identity_with_a_stix_industry_sector(store: Store) -> None:
    bundle = json.loads(exported(store, "stix", org="Orange"))
    orange = next(i for i in by_type(bundle, "identity") if i["name"] == "Orange")
    assert orange["sectors"] == ["telecommunications"]
    targets = [r for r in by_type(bundle, "relationship") if r["relationship_type"] == "targets"]
    assert targets[0]["target_ref"] == orange["id"]


def test_stix_named_actor_is_an_intrusion_set_the_incident_is_attributed_to(store: Store) -> None:
    bundle = json.loads(exported(store, "stix"))
    (akira,) = by_type(bundle, "intrusion-set")
    assert akira["name"] == "Akira"
    assert any(r["relationship_type"] == "attributed-to" and r["target_ref"] == akira["id"]
               for r in by_type(bundle, "relationship"))


def test_stix_source_article_is_a_report_with_its_url(store: Store) -> None:
    bundle = json.loads(exported(store, "stix", org="Horizon Santé"))
    (report,) = by_type(bundle, "report")
    url = report["external_references"][0]["url"]  # type: ignore[index]
    assert url == "https://press.example/horizon-sante"
    (incident,) = by_type(bundle, "incident")
    assert incident["id"] in report["object_refs"]  # type: ignore[operator]


def test_stix_ids_are_the_same_on_a_second_export(store: Store) -> None:
    first = {o["id"] for o in json.loads(exported(store, "stix"))["objects"]}
    second = {o["id"] for o in json.loads(exported(store, "stix"))["objects"]}
    assert first == second


# MISP

def test_misp_events_load_back_with_pymisp(store: Store) -> None:
    events = json.loads(exported(store, "misp"))["response"]
    assert len(events) == 3
    loaded = []
    for data in events:
        event = MISPEvent()
        event.load(data)
        loaded.append(event)
    horizon = next(e for e in loaded if "Horizon" in e.info)
    victim = horizon.get_objects_by_name("victim")[0]
    assert victim.get_attributes_by_relation("name")[0].value == "Horizon Santé"
    assert victim.get_attributes_by_relation("sectors")[0].value == "insurance"
    assert [a.value for a in horizon.attributes if a.type == "threat-actor"] == ["Akira"]
    links = [a.value for a in horizon.attributes if a.type == "link"]
    assert links == ["https://press.example/horizon-sante"]


def test_misp_tags_come_from_the_veris_and_rsit_taxonomies(store: Store) -> None:
    (data,) = json.loads(exported(store, "misp", org="Horizon Santé"))["response"]
    event = MISPEvent()
    event.load(data)
    tags = {t.name for t in event.tags}
    assert 'veris:attribute:confidentiality:data:variety="Medical"' in tags
    assert 'veris:attribute:confidentiality:data:variety="Bank"' in tags
    assert 'veris:action:malware:variety="Ransomware"' in tags
    assert 'rsit:information-content-security="unauthorised-information-access"' in tags
    assert "tlp:clear" in tags


def test_misp_event_report_says_what_was_not_exposed(store: Store) -> None:
    (data,) = json.loads(exported(store, "misp", org="Orange"))["response"]
    report = data["Event"]["EventReport"][0]["content"]
    assert "| Data NOT exposed | password, bank_account |" in report


# VERIS

def test_veris_records_pass_the_veris_schema(store: Store) -> None:
    lines = exported(store, "veris").splitlines()
    assert len(lines) == 3
    for line in lines:
        veris.validate(json.loads(line))


def test_veris_schema_rejects_a_record_without_victim(store: Store) -> None:
    record = json.loads(exported(store, "veris", org="Orange"))
    del record["victim"]
    with pytest.raises(ExportError, match="victim"):
        veris.validate(record)


def test_veris_data_varieties_and_amounts_follow_schema_md(store: Store) -> None:
    record = json.loads(exported(store, "veris", org="Horizon Santé"))
    confidentiality = record["attribute"]["confidentiality"]
    assert [d["variety"] for d in confidentiality["data"]] == ["Personal", "Bank", "Medical"]
    assert confidentiality["data_total"] == 48_000
    assert record["action"]["malware"]["variety"] == ["Ransomware"]
    assert record["actor"]["external"]["name"] == ["Akira"]
    assert record["attribute"]["availability"]["variety"] == ["Obscuration"]
    assert record["victim"]["industry"] == "524"


def test_veris_discovery_time_is_counted_from_the_attack(store: Store) -> None:
    record = json.loads(exported(store, "veris", org="Horizon Santé"))
    assert record["timeline"]["incident"] == {"year": 2024, "month": 2, "day": 1}
    assert record["timeline"]["discovery"] == {"unit": "Days", "value": 2}


# CSV and HIBP

def test_csv_has_one_row_per_incident_with_the_documented_columns(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv"))))
    assert len(rows) == 3
    assert list(rows[0]) == list(export.csv.COLUMNS)  # type: ignore[attr-defined]
    orange = rows[0]
    assert orange["victim"] == "Orange"
    assert orange["data_not"] == "password; bank_account"
    assert orange["urls"] == "https://press.example/orange-mai"


def test_csv_neutralises_a_victim_name_a_spreadsheet_would_run(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv", sector="education"))))
    assert rows[0]["victim"].startswith("'=")


def test_hibp_breaches_use_hibp_data_class_names(store: Store) -> None:
    (breach,) = json.loads(exported(store, "hibp", org="Orange"))
    assert breach["Name"] == "Orange2014"
    assert breach["BreachDate"] == "2014-04-18"
    assert breach["AddedDate"] == "2014-05-07T00:00:00Z"
    assert breach["PwnCount"] == 1_300_000
    assert breach["DataClasses"] == ["Dates of birth", "Email addresses", "Names", "Phone numbers"]
    assert breach["IsVerified"] is False  # read in the press, not verified from the data
    assert "https://press.example/orange-mai" in breach["Description"]


def test_hibp_has_no_breach_for_an_incident_without_data_taken(store: Store) -> None:
    store.add([Document(doc="ddos", lang="fr", published="2024-03-02", reports_incident=True,
                        text="Le site de la mairie de Verlaine a été saturé par une attaque par déni de service.",
                        incidents=[Incident(victim="Mairie de Verlaine", sector="public_admin", attack=["ddos"])])])
    titles = [b["Title"] for b in json.loads(exported(store, "hibp"))]
    assert "Mairie de Verlaine" not in titles and "Orange" in titles


def test_hibp_data_classes_are_names_hibp_uses(store: Store) -> None:
    (breach,) = json.loads(exported(store, "hibp", org="Horizon Santé"))
    assert "Personal health data" in breach["DataClasses"] and "Health" not in breach["DataClasses"]
    assert mappings()["data"]["hibp"].get("contract") is None


def test_hibp_names_stay_unique(store: Store) -> None:
    incident = next(export.incidents(store, org="Orange"))
    names = [b["Name"] for b in json.loads("".join(export.stream("hibp", [incident, incident])))]
    assert names == ["Orange2014", f"Orange2014-{incident.id}"]


# Streaming and choosing

def test_export_filters_as_search_does(store: Store) -> None:
    assert [i.victim for i in export.incidents(store, "rançongiciel")] == ["Horizon Santé"]
    assert [i.victim for i in export.incidents(store, data=["password"])] == ["=cmd|' /C calc'!A0"]
    assert len(list(export.incidents(store, batch=1))) == 3


def test_export_yields_before_reading_every_incident(store: Store) -> None:
    first = next(export.incidents(store))

    def one_then_fail() -> Iterator[IncidentDetail]:
        yield first
        raise AssertionError("read too far")

    for format in export.FORMATS:
        text = ""
        for piece in export.stream(format, one_then_fail()):
            text += piece
            if first.victim in text:
                break
        assert first.victim in text


def test_unknown_format_says_which_exist() -> None:
    with pytest.raises(ExportError, match="stix, misp, veris, csv, hibp"):
        export.stream("xml", [])
