"""The README's pictures are what faqbot shows today (docs/pictures.py redraws them)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pictures_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("pictures", ROOT / "docs" / "pictures.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_every_picture_is_in_the_readme_and_up_to_date():
    pictures = pictures_module()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for picture in pictures.SHOWN:
        assert f"(docs/pictures/{picture.name}.svg)" in readme, picture.name
    assert pictures.stale() == [], "stale pictures: run python docs/pictures.py"


def test_a_changed_output_makes_its_picture_stale(tmp_path, monkeypatch):
    pictures = pictures_module()
    monkeypatch.setattr(pictures, "PICTURES", tmp_path)
    first = pictures.SHOWN[0]
    (tmp_path / f"{first.name}.svg").write_text(
        pictures.svg(first, pictures.terminal_output(first) + "changed\n"), encoding="utf-8"
    )
    assert pictures.stale()[0] == first.name
