"""`termsite new`: the next version from the latest one's text, and one-line refusals with a reason."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_project
from termsite.cli import main
from termsite.source.loading import load_corpus, load_version
from termsite.source.placeholders import NUMBER_PLACEHOLDER, check_placeholders
from termsite.problems import ValidationFailed

DOC = "versions/your-connect"
NUMBER = "S S D S 000400007747-02号"


def new(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--root", str(project), "new", "your-connect", *args])
    out, err = capsys.readouterr()
    return code, out, err


def files(project: Path) -> list[str]:
    return sorted(p.name for p in (project / DOC).glob("*.yaml"))


def fill_number(path: Path) -> None:
    """What the editor does next: the 附則 number, and the change the revision is for."""
    text = path.read_text(encoding="utf-8").replace(NUMBER_PLACEHOLDER, NUMBER)
    text = text.replace("ソフトフォン機能", "ソフトフォン機能（改定）").replace("Softphone", "Revised softphone")
    path.write_text(text, encoding="utf-8")


SAME_TERMS = ("versions/your-connect/2026-09-01.yaml:1:1: error: the terms are the same as in "
              "versions/your-connect/2026-03-01.yaml: this version changes nothing but its 附則 — "
              "make the change this revision is for, or delete the file")
PLACEHOLDER_LINE = ("versions/your-connect/2026-09-01.yaml:333:5: error: the 附則 number is still the placeholder "
                    "from `termsite new` — write the number of this revision, e.g. S S D S 000400007747-01号")


SKELETON = """\
  - enacted: 2026-07-15
    number: "（附則の番号を記入）"
    effective: 2026-09-01
    paragraphs:
      - num: 1
        caption: {ja: "（実施期日）", en: "(Effective date)"}
        text:
          ja: "この改正規定は、令和8年9月1日から実施します。"
          en: "This revision takes effect on September 1, 2026."
"""


def test_new_version_from_the_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    latest = (project / DOC / "2026-03-01.yaml").read_text(encoding="utf-8")
    code, out, err = new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert (code, err) == (0, "")
    assert out.strip() == ("created versions/your-connect/2026-09-01.yaml: edit it, fill in the 附則 number, "
                           "then `make check`")
    path = project / DOC / "2026-09-01.yaml"
    text = path.read_text(encoding="utf-8")
    # the latest text, comments and layout included, with only the dates changed and the 附則 appended
    expected = latest.replace("effective: 2026-03-01\npublished: 2026-01-30\n",
                              "effective: 2026-09-01\npublished: 2026-07-15\n", 1) + SKELETON
    assert text == expected

    # it loads; what stops it is what the editor has still to do: the number, and the change itself
    version, problems = load_version(path, project)
    assert version is not None and problems == []
    assert [p.message for p in check_placeholders(version)] == [
        "the 附則 number is still the placeholder from `termsite new`"]
    with pytest.raises(ValidationFailed) as failed:
        load_corpus(project)
    assert [str(p) for p in failed.value.problems] == [SAME_TERMS, PLACEHOLDER_LINE]

    fill_number(path)
    versions = load_corpus(project).versions["your-connect"]
    assert [v.slug for v in versions] == ["initial", "2026-03-01", "2026-09-01"]
    new_one = versions[-1]
    assert check_placeholders(new_one) == []
    assert new_one.articles != versions[-2].articles
    assert new_one.preamble == versions[-2].preamble
    assert new_one.supplementary[:-1] == versions[-2].supplementary
    assert (new_one.supplementary[-1].id, new_one.supplementary[-1].number) == ("suppl-2026-09-01", NUMBER)


def test_check_refuses_the_placeholder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "termsite.cli", *args], cwd=project, capture_output=True,
                              text=True, check=False)

    assert run("new", "your-connect", "--effective", "2026-09-01", "--published", "2026-07-15").returncode == 0
    result = run("check")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [SAME_TERMS, PLACEHOLDER_LINE,
                                          "2 problem(s); nothing can be published until they are fixed."]
    editing = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for line in result.stderr.splitlines()[:2]:
        assert editing.count(line) == 2, line  # the guide shows them as they are, in both languages
    fill_number(project / DOC / "2026-09-01.yaml")
    assert run("check").returncode == 0


def test_published_defaults_to_today_in_tokyo(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p")
    monkeypatch.setenv("TERMS_TODAY", "2026-11-24")
    code, _, err = new(project, capsys, "--effective", "2027-01-01")
    assert code == 0, err
    text = (project / DOC / "2027-01-01.yaml").read_text(encoding="utf-8")
    assert "\neffective: 2027-01-01\npublished: 2026-11-24\n" in text
    assert text.endswith("  - enacted: 2026-11-24\n    number: \"（附則の番号を記入）\"\n    effective: 2027-01-01\n"
                         "    paragraphs:\n      - num: 1\n        caption: {ja: \"（実施期日）\", en: \"(Effective date)\"}\n"
                         "        text:\n          ja: \"この改正規定は、令和9年1月1日から実施します。\"\n"
                         "          en: \"This revision takes effect on January 1, 2027.\"\n")
    fill_number(project / DOC / "2027-01-01.yaml")
    assert [v.slug for v in load_corpus(project).versions["your-connect"]][-1] == "2027-01-01"


def test_the_supplementary_key_is_added_when_missing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """From a first version without 附則; comments after the dates stay in their column."""
    project = make_project(tmp_path / "p")
    (project / DOC / "2026-03-01.yaml").unlink()
    initial = project / DOC / "initial.yaml"
    initial.write_text(initial.read_text(encoding="utf-8")
                       .replace("effective: null\n", "effective: null        # not recorded\n")
                       .replace("published: null\n", "published: null  # not recorded either\n"), encoding="utf-8")
    code, _, err = new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert code == 0, err
    text = (project / DOC / "2026-09-01.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A small, valid project that every bad-input case starts from.\n")
    assert "\neffective: 2026-09-01  # not recorded\npublished: 2026-07-15 # not recorded either\n" in text
    assert text.endswith("four months in writing}\n\nsupplementary:\n" + SKELETON)
    fill_number(project / DOC / "2026-09-01.yaml")
    version = load_corpus(project).versions["your-connect"][-1]
    assert [s.id for s in version.supplementary] == ["suppl-2026-09-01"]


def test_the_skeleton_goes_at_the_end_of_the_list_not_of_the_file(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`supplementary:` before other keys, a zero-indented list, an editorial latest version."""
    project = make_project(tmp_path / "p")
    latest = project / DOC / "2026-03-01.yaml"
    text = latest.read_text(encoding="utf-8")
    head, suppl = text.split("supplementary:\n")
    suppl = "".join(line[2:] + "\n" for line in suppl.splitlines())  # `- enacted:` at column 0
    latest.write_text(head.replace("published: 2026-01-30\n", "published: 2026-01-30\nchange: editorial  # typo\n")
                      .replace("articles:\n", "supplementary:\n" + suppl + "\n# the articles\narticles:\n"),
                      encoding="utf-8")
    load_corpus(project)  # the rewritten latest version is valid
    code, _, err = new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert code == 0, err
    made = (project / DOC / "2026-09-01.yaml").read_text(encoding="utf-8")
    assert "\nchange: material   # typo\n" in made  # a new revision is material: the notice period applies
    skeleton = "".join(line[2:] + "\n" for line in SKELETON.splitlines())
    assert "takes effect on March 1, 2026.\"}\n" + skeleton + "\n# the articles\narticles:\n" in made
    fill_number(project / DOC / "2026-09-01.yaml")
    version = load_corpus(project).versions["your-connect"][-1]
    assert [s.id for s in version.supplementary] == ["suppl-2026-03-01", "suppl-2026-09-01"]
    assert version.change == "material"


def test_an_empty_flow_list_becomes_a_block_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    (project / DOC / "2026-03-01.yaml").unlink()
    initial = project / DOC / "initial.yaml"
    initial.write_text(initial.read_text(encoding="utf-8").replace("articles:\n", "supplementary: []  # none yet\n"
                                                                   "articles:\n"), encoding="utf-8")
    code, _, err = new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert code == 0, err
    made = (project / DOC / "2026-09-01.yaml").read_text(encoding="utf-8")
    assert "\nsupplementary:  # none yet\n" + SKELETON + "articles:\n" in made
    fill_number(project / DOC / "2026-09-01.yaml")
    assert load_corpus(project).versions["your-connect"][-1].supplementary[0].id == "suppl-2026-09-01"


@pytest.mark.parametrize("args, message", [
    (["--effective", "2026-02-30"],
     "error: effective date 2026-02-30 is not a date on the calendar — check the month and day "
     "(YYYY-MM-DD, e.g. 2026-09-01)"),
    (["--effective", "2026/09/01"],
     "error: effective date 2026/09/01 is not written YYYY-MM-DD — write it like 2026-09-01"),
    (["--effective", "2026-09-01", "--published", "2026-06-31"],
     "error: publication date 2026-06-31 is not a date on the calendar — check the month and day "
     "(YYYY-MM-DD, e.g. 2026-09-01)"),
    (["--effective", "2026-02-01", "--published", "2026-01-01"],
     "error: the effective date 2026-02-01 is not after the latest version's (2026-03-01) — "
     "choose a day after 2026-03-01"),
    (["--effective", "2026-03-01", "--published", "2026-01-01"],
     "error: the effective date 2026-03-01 is not after the latest version's (2026-03-01): "
     "versions/your-connect/2026-03-01.yaml already exists — edit that file if it is not published yet, "
     "or choose a day after 2026-03-01"),
    (["--effective", "2026-09-01", "--published", "2026-09-02"],
     "error: published 2026-09-02 is after the effective date 2026-09-01 — "
     "a version must be published before it applies"),
    (["--effective", "2026-09-01", "--published", "2026-08-20"],
     "error: 12 days' notice; your-connect requires 30 — make it effective on 2026-09-19 or later "
     "(or publish earlier); to fix a misprint in published text, declare a correction instead "
     "(versions/your-connect/corrections/2026-08-20.yaml: no notice period, but no change of meaning; EDITING.md, 7)"),
    (["--effective", "2026-09-01", "--published", "2026-08-31"],  # one day's notice: a typo fix is a correction
     "error: 1 days' notice; your-connect requires 30 — make it effective on 2026-09-30 or later "
     "(or publish earlier); to fix a misprint in published text, declare a correction instead "
     "(versions/your-connect/corrections/2026-08-31.yaml: no notice period, but no change of meaning; EDITING.md, 7)"),
    (["--effective", "2026-09-01", "--published", "2025-12-01"],
     "error: published 2025-12-01 is before the latest version's publication (2026-01-30) — "
     "check the publication date"),
])
def test_impossible_dates_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                                      message: str) -> None:
    project = make_project(tmp_path / "p", with_samples=True)
    code, out, err = new(project, capsys, *args)
    assert (code, out, err) == (2, "", message + "\n")
    assert files(project) == ["2026-03-01.yaml", "initial.yaml"]


def test_an_existing_file_for_the_date_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A version started earlier and not published yet: edit it rather than start it again."""
    project = make_project(tmp_path / "p")
    assert new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")[0] == 0
    fill_number(project / DOC / "2026-09-01.yaml")
    before = (project / DOC / "2026-09-01.yaml").read_bytes()
    code, _, err = new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")
    assert code == 2
    assert err == ("error: the effective date 2026-09-01 is not after the latest version's (2026-09-01): "
                   "versions/your-connect/2026-09-01.yaml already exists — edit that file if it is not published "
                   "yet, or choose a day after 2026-09-01\n")
    assert (project / DOC / "2026-09-01.yaml").read_bytes() == before


def test_an_unknown_document_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "p")
    code = main(["--root", str(project), "new", "your-conect", "--effective", "2026-09-01"])
    assert code == 2
    assert capsys.readouterr().err == ("error: no document `your-conect` — choose one of: your-connect "
                                       "(documents are set up in content/documents/)\n")


def test_a_broken_corpus_is_fixed_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A started version whose number is still the placeholder: finish it before starting another."""
    project = make_project(tmp_path / "p")
    assert new(project, capsys, "--effective", "2026-09-01", "--published", "2026-07-15")[0] == 0
    code, _, err = new(project, capsys, "--effective", "2026-12-01", "--published", "2026-07-15")
    assert code == 2
    assert err.splitlines()[-1] == "fix these before starting a new version"
    assert "the 附則 number is still the placeholder from `termsite new`" in err
    assert files(project) == ["2026-03-01.yaml", "2026-09-01.yaml", "initial.yaml"]
