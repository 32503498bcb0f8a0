"""Each folder is one dependency layer, and each layer imports only the layers below it.

Two checks: the import statements of every module, read from source, stay inside what its
folder may use; and importing a pure module at run time pulls in no heavy or I/O-bound package.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["telegram", "chromadb", "sqlite_utils", "langchain"]
PROJECT = ("bot", "knowledge", "storage")

# folder -> the project packages its modules may import (besides themselves and third parties)
MAY_IMPORT = {
    "bot/domain": {"bot.domain"},
    "bot/output": {"bot.domain", "bot.output", "knowledge.answering"},
    "bot/reminders": {"bot.domain", "bot.output", "bot.reminders", "bot.results", "storage"},
    "bot/tg": {"bot.domain", "bot.output", "bot.reminders", "bot.tg", "bot.settings"}
    | {"bot.services", "bot.results", "storage", "knowledge"},
    "bot/cli": {"bot", "storage", "knowledge"},
    "bot/settings.py": set(),
    "bot/results.py": {"bot.domain", "bot.output", "storage"},
    "bot/services.py": {"bot.settings", "storage", "knowledge"},
    "knowledge": {"knowledge"},
    "storage": {"storage"},
}
# third-party packages a layer may not import even lazily
MAY_NOT_IMPORT = {
    "bot/domain": HEAVY,
    "bot/output": HEAVY,
    "bot/reminders/audience.py": ["telegram"],
    "bot/reminders/messages.py": HEAVY,
    "knowledge": ["telegram"],
    "storage": ["telegram", "chromadb", "langchain"],
}


def _modules(folder: str) -> list[Path]:
    path = ROOT / folder
    return [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))


def _imports(path: Path) -> list[str]:
    """Absolute names of everything a module imports, relative imports resolved."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.append(".".join(base + ([node.module] if node.module else [])))
            else:
                names.append(node.module)
    return names


def _inside(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _rule_of(path: Path, rules: dict):
    relative = path.relative_to(ROOT).as_posix()
    matches = [key for key in rules if relative == key or relative.startswith(key + "/")]
    return rules[max(matches, key=len)] if matches else None


@pytest.mark.parametrize("folder", list(MAY_IMPORT))
def test_each_layer_imports_only_the_layers_below(folder):
    wrong = []
    for path in _modules(folder):
        allowed = _rule_of(path, MAY_IMPORT)
        for name in _imports(path):
            if _inside(name, PROJECT) and not _inside(name, allowed):
                wrong.append(f"{path.relative_to(ROOT)} imports {name}")
    assert wrong == []


@pytest.mark.parametrize("folder", list(MAY_NOT_IMPORT))
def test_pure_layers_import_no_heavy_package(folder):
    wrong = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in _modules(folder)
        for name in _imports(path)
        if _inside(name, _rule_of(path, MAY_NOT_IMPORT))
    ]
    assert wrong == []


def test_every_bot_module_belongs_to_a_layer():
    loose = [
        p.relative_to(ROOT).as_posix()
        for p in _modules("bot")
        if p.name != "__init__.py" or p.parent.name != "bot"
        if _rule_of(p, MAY_IMPORT) is None
    ]
    assert loose == []


CHECK = """
import importlib, sys
for module in {modules!r}:
    importlib.import_module(module)
bad = sorted(
    m for m in sys.modules
    if any(m == f or m.startswith(f + ".") or m.startswith(f + "_") for f in {forbidden!r})
)
print(",".join(bad))
"""
PURE = [
    "bot.domain.progress_parser",
    "bot.domain.meeting_dates",
    "bot.domain.reminder_times",
    "bot.domain.ics",
    "bot.output.texts",
    "bot.output.render",
    "bot.output.exports",
    "bot.reminders.messages",
    "knowledge.text",
    "knowledge.ranking",
    "knowledge.smalltalk",
]


def _loaded(modules: list[str], forbidden: list[str]) -> str:
    code = CHECK.format(modules=modules, forbidden=forbidden)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


@pytest.mark.parametrize("module", PURE)
def test_pure_module_imports_nothing_heavy_at_run_time(module):
    assert _loaded([module], HEAVY) == ""


def test_reminder_audience_and_the_cli_load_no_telegram():
    assert _loaded(["bot.reminders.audience", "bot.cli", "bot.cli.remind"], ["telegram"]) == ""


@pytest.mark.parametrize(
    ("package", "modules"),
    {
        "knowledge": ["knowledge.base", "knowledge.ingest", "knowledge.index", "knowledge.llm"],
        "storage": ["storage.db", "storage.updates", "storage.meetings", "storage.privacy"],
    }.items(),
)
def test_libraries_never_import_the_front_end(package, modules):
    assert _loaded(modules, ["bot"]) == "", f"{package} imports the bot"


def test_remind_dry_run_imports_no_telegram(tmp_path):
    code = (
        "import sys\nfrom bot.cli import cli\n"
        f"cli(['--data-dir', {str(tmp_path)!r}, 'remind', '--dry-run'], standalone_mode=False)\n"
        "print('LOADED', sorted(m for m in sys.modules if m.split('.')[0] == 'telegram'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "Geen bijeenkomsten gepland" in done.stdout
    assert done.stdout.strip().endswith("LOADED []")
