import pytest

from conftest import read_toml
from satisfaction import terms


def test_every_entry_has_both_languages():
    for name, entries in terms.all_terms().items():
        items = entries if isinstance(entries, list) else entries.values()
        for entry in items:
            # A term has zh/en; a structured entry (a lesson scenario) has *_zh/*_en pairs.
            pairs = {"": ("zh", "en")} if "zh" in entry or "en" in entry else {
                key[:-3]: (key, key[:-3] + "_en") for key in entry if key.endswith("_zh")}
            assert pairs, (name, entry)
            for zh, en in pairs.values():
                assert entry.get(zh) and entry.get(en), (name, zh, entry)


def test_syllabus_terms_are_spelled_as_in_the_syllabus(root):
    # tests/syllabus_terms.toml is the repository's copy of the syllabus's key terms.
    lists = read_toml(root / "tests" / "syllabus_terms.toml")
    syllabus = {term for entry in lists.values() for term in entry["terms"]}
    for name in ("servqual", "gap", "complaint_step"):
        for entry in terms.group(name).values():
            assert entry["zh"] in syllabus, entry["zh"]


def test_label_errors():
    with pytest.raises(ValueError, match="allowed"):
        terms.label("servqual", "speed")
    with pytest.raises(ValueError, match="lang"):
        terms.label("servqual", "empathy", "de")
    with pytest.raises(ValueError, match="no term group"):
        terms.group("nothing")
