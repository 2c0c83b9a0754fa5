"""CSL-JSON in and out (formats/csljson.py): valid against the official schema, lossless where it can be."""

import json

import jsonschema
from hypothesis import given, settings

from conftest import FIXTURES, REPO
from dossiercli.formats.csljson import read_csljson, write_csljson
from dossiercli.load import open_dossier
from dossiercli.model.parse import parse_entry
from test_toml_out import entries as generated_entries

SCHEMA = json.loads((FIXTURES.parent / "data" / "csl-data.json").read_text())


def test_export_of_the_bundled_dossier_is_valid_csl_json():
    jsonschema.validate(json.loads(write_csljson(open_dossier(REPO).entries)), SCHEMA)


def test_our_types_map_through_csl_types_and_genres():
    items = {item["id"]: item for item in json.loads(write_csljson(open_dossier(REPO).entries))}
    assert items["mnfi2007-three-suspected-terrorists"]["type"] == "article"
    assert items["mnfi2007-three-suspected-terrorists"]["genre"] == "press release"
    assert items["caldwell2007-media-roundtable"]["type"] == "speech"
    assert items["caldwell2007-media-roundtable"]["event"] == "Operational Update"  # CSL 1.0.1's name for event-title
    assert items["lake2007-iran-secret-plan"]["issued"] == {"date-parts": [[2007, 1, 3]]}


def test_reading_date_parts_raw_and_literal_dates_and_particles():
    records, failures = read_csljson((FIXTURES / "import" / "items.json").read_text())
    assert failures == []
    milani, release, gogh = (r.table for r in records)
    assert milani["issued"] == "2006-04" and milani["volume"] == "60"
    assert release["type"] == "press-release" and "genre" not in release
    assert release["issued"] == "2007-05-31"
    assert gogh["author"] == [{"family": "Gogh", "given": "Vincent", "non-dropping-particle": "van"}]
    assert [r.line for r in records] == [2, 14, 23]


def test_bad_json_is_one_line_with_its_position():
    records, failures = read_csljson('[{"id": 1,\n "type": }]')
    assert records == [] and failures[0].line == 2 and failures[0].reason.startswith("invalid JSON")


@settings(max_examples=100, deadline=None)
@given(generated_entries)
def test_round_trip_keeps_every_field_with_excerpts_in_custom(entry):
    (record,), _ = read_csljson(write_csljson([entry]))
    again, problems = parse_entry(record.table, entry.id)
    assert problems == []
    assert again.to_toml_dict() == entry.to_toml_dict()


def test_what_csl_has_no_field_for_travels_in_custom():
    entry = next(e for e in open_dossier(REPO).entries if e.excerpts and e.tags)
    item = json.loads(write_csljson([entry]))[0]
    assert item["custom"]["dossier"]["type"] == entry.type
    assert item["custom"]["dossier"]["excerpts"][0]["text"] == entry.excerpts[0].text
    assert item["keyword"] == ", ".join(entry.tags)  # for CSL processors


def test_extended_dates_travel_through_csl_json():
    from dossiercli.formats.csljson import date_parts
    from dossiercli.model.dates import PartialDate

    cases = {
        "2007~": {"date-parts": [[2007]], "circa": True},
        "2007-21": {"date-parts": [[2007]], "season": 1},
        "1914/1918": {"date-parts": [[1914], [1918]]},
        "-0043-03-15": {"date-parts": [[-44, 3, 15]]},  # CSL counts 44 BC as -44
    }
    for edtf, csl in cases.items():
        date = PartialDate.parse(edtf)
        assert date_parts(date) == csl
        records, failures = read_csljson(
            json.dumps([{"id": "x", "type": "book", "title": "T", "publisher": "P", "issued": csl}])
        )
        assert failures == [] and PartialDate.parse(records[0].table["issued"]) == date
    words = PartialDate.parse({"literal": "thirteenth century"})
    assert date_parts(words) == {"literal": "thirteenth century"}
    records, _ = read_csljson(json.dumps([{"id": "x", "type": "book", "title": "T", "issued": {"literal": "c. 1200"}}]))
    assert records[0].table["issued"] == {"literal": "c. 1200"}


def test_csl_rich_text_markup_becomes_plain_text():
    items = [
        {
            "id": "x",
            "type": "article-journal",
            "container-title": "Nature",
            "issued": {"date-parts": [[2001]]},
            "title": 'Genes of <i>Homo sapiens</i> in <span class="nocase">iPhone</span> apps &amp; H<sub>2</sub>O',
            "URL": "https://example.org/a<b",
        }
    ]
    records, failures = read_csljson(json.dumps(items))
    assert failures == []
    assert records[0].table["title"] == "Genes of Homo sapiens in iPhone apps & H2O"
    assert records[0].table["URL"] == "https://example.org/a<b"  # never touched
