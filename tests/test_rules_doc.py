"""docs/rules.md is generated from the catalog and kept in step with it."""

from conftest import ROOT
from rak_xl.rules.docs import rules_markdown


def test_rules_doc_is_up_to_date():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), \
        "docs/rules.md is stale: run `rak-xl rules --markdown > docs/rules.md`"
