"""[chicago] in dossier.toml, the five note modes, and how flags override the file."""

import pytest

from dossiercli.chicago.settings import MODES, ChicagoSettings, from_config, resolve
from dossiercli.errors import DossierError


def test_defaults_are_headline_style_and_cmos_17_notes_and_bibliography():
    settings = from_config({})
    assert settings == ChicagoSettings() and settings.titles == "headline" and settings.mode.name == "full-bib"
    assert settings.style.headline and settings.style.edition == 17


def test_the_five_modes():
    assert {name: (m.edition, m.ibid, m.short_only, m.bibliography) for name, m in MODES.items()} == {
        "full-bib": (17, False, False, True),
        "full-only": (17, False, False, False),
        "18": (18, False, False, True),
        "18-ibid": (18, True, False, True),
        "18-short": (18, False, True, True),
    }


def test_the_file_sets_titles_mode_and_edition():
    settings = from_config({"titles": "as-given", "notes": "18-ibid"})
    assert not settings.style.headline and settings.mode.ibid and settings.style.edition == 18
    assert from_config({"notes": "full-only", "edition": 18}).style.edition == 18


@pytest.mark.parametrize(
    "section, message",
    [
        ({"titles": "title"}, "titles must be one of 'headline', 'as-given'"),
        ({"notes": "short"}, "notes must be one of"),
        ({"edition": "17"}, "edition must be one of 17, 18"),
        ({"ibid": True}, "has no setting 'ibid'"),
    ],
)
def test_a_wrong_setting_is_a_one_line_error_naming_the_file(section, message, tmp_path):
    with pytest.raises(DossierError) as error:
        from_config(section, tmp_path / "dossier.toml")
    assert message in str(error.value) and "\n" not in str(error.value)
    assert error.value.path == tmp_path / "dossier.toml"


def test_flags_override_the_file():
    section = {"titles": "as-given", "notes": "18"}
    assert resolve(section).style == from_config(section).style
    assert resolve(section, headline=True).titles == "headline"
    assert resolve(section, mode="full-bib").style.edition == 17
    assert resolve(section, edition=17).mode.name == "18" and resolve(section, edition=17).style.edition == 17
    assert resolve(section, ibid=True).mode.ibid
    assert resolve({}, mode="18-short").mode.short_only


def test_validate_reports_a_wrong_chicago_setting_with_its_file_and_line(tmp_path):
    from dossiercli.validate import validate_files

    (tmp_path / "dossier.toml").write_text('title = "T"\n\n[chicago]\nnotes = "short"\n', encoding="utf-8")
    (finding,) = validate_files([tmp_path / "dossier.toml"])
    assert finding.code == "E060" and "notes must be one of" in finding.message and finding.line == 3


def test_validate_of_a_whole_dossier_reports_it_too(tmp_path):
    from dossiercli.validate import validate_dossier

    (tmp_path / "entries").mkdir()
    (tmp_path / "dossier.toml").write_text('title = "T"\n[chicago]\ntitles = "sentence"\n', encoding="utf-8")
    (finding,) = validate_dossier(tmp_path, use_cache=False)
    assert finding.code == "E060" and "titles must be one of" in finding.message and finding.line == 2
