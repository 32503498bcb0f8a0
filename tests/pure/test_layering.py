"""The pure modules must stay importable without the heavy or I/O-bound dependencies."""

import subprocess
import sys

import pytest

PURE = [
    "bot.progress_parser",
    "bot.meeting_dates",
    "bot.reminder_plan",
    "bot.ics",
    "knowledge.text",
    "knowledge.ranking",
    "knowledge.smalltalk",
]
FORBIDDEN = ["telegram", "chromadb", "sqlite_utils", "langchain"]

CHECK = """
import importlib, sys
importlib.import_module({module!r})
bad = sorted(
    m for m in sys.modules
    if any(m == f or m.startswith(f + ".") or m.startswith(f + "_") for f in {forbidden!r})
)
print(",".join(bad))
"""


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_nothing_heavy(module):
    code = CHECK.format(module=module, forbidden=FORBIDDEN)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


LIBRARIES = {
    "knowledge": ["knowledge.base", "knowledge.ingest", "knowledge.index", "knowledge.llm"],
    "storage": ["storage.db", "storage.updates", "storage.meetings", "storage.privacy"],
}


@pytest.mark.parametrize(("package", "modules"), LIBRARIES.items())
def test_libraries_never_import_the_front_end(package, modules):
    code = (
        "import importlib, sys\n"
        + "".join(f"importlib.import_module({m!r})\n" for m in modules)
        + "print(','.join(m for m in sys.modules if m == 'bot' or m.startswith('bot.')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "", f"{package} imports {done.stdout.strip()}"
