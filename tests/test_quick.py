"""`validate` without Typer (`ccm_plan.quick`): the invocations it takes give what the Typer command gives, the
rest go to Typer untouched, and the command imports none of what it does not need."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from ccm_plan import quick
from ccm_plan.cli import ValidateFormat, app
from ccm_plan.outputs.report import FORMATS
from conftest import CLI_ENV, DATA, ROOT, Run, copy_plan, edit, run_cli

# `cli.main` as the console script calls it, but without `entry.py`: every argument is parsed by Typer.
THROUGH_TYPER = "import sys; from ccm_plan.cli import main; sys.argv[0] = 'ccm-plan'; main()"


def run_typer(*args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Run:
    completed = subprocess.run(
        [sys.executable, "-c", THROUGH_TYPER, *map(str, args)],
        cwd=cwd,
        env={**CLI_ENV, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plan of another unit with an error and a warning: the shipped plan's warnings, and a stated total off."""
    folder = copy_plan(DATA, tmp_path_factory.mktemp("broken") / "plan")
    text = (folder / "budget.yaml").read_text(encoding="utf-8")
    stated = next(line for line in text.splitlines() if line.strip().startswith("plan: "))
    edit(folder / "budget.yaml", stated, stated.replace("plan: ", "plan: 1"))
    return folder


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "data"],
        ["validate", "data", "--strict"],
        ["validate", "--strict", "data/budget.yaml", "data"],
        ["validate", "data", "--format", "json"],
        ["validate", "-f", "github", "data"],
        ["validate", "--format=sarif", "--lang", "zh", "data"],
        ["validate", "--lang=fr", "--skip-other-files", "data", "pyproject.toml"],
        ["validate", "data", "pyproject.toml"],
        ["validate", "no-such-folder"],
        ["validate", "{broken}", "--format", "text", "--lang", "es"],
        ["validate", "{broken}", "--strict", "-f", "json"],
    ],
)
def test_an_invocation_taken_without_typer_gives_what_typer_gives(args: list[str], broken: Path) -> None:
    args = [arg.replace("{broken}", str(broken)) for arg in args]
    assert quick.parse(args) is not None, "this invocation is meant to be taken without Typer"
    ours, typers = run_cli(*args), run_typer(*args)
    assert (ours.code, ours.stdout, ours.stderr) == (typers.code, typers.stdout, typers.stderr)
    assert ours.stdout or ours.stderr


def test_inside_github_actions_both_ways_default_to_annotations() -> None:
    env = {"GITHUB_ACTIONS": "true"}
    ours, typers = run_cli("validate", "data", env=env), run_typer("validate", "data", env=env)
    assert ours.stdout.startswith("::warning file=data/budget.yaml,line=28,col=47,")
    assert (ours.code, ours.stdout, ours.stderr) == (typers.code, typers.stdout, typers.stderr)


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["totals"],
        ["--version"],
        ["validate", "--help"],
        ["validate", "data", "-h"],
        ["validate", "--format", "xml"],
        ["validate", "--format", "JSON"],
        ["validate", "--format"],
        ["validate", "--format=", "data"],
        ["validate", "-f=json"],
        ["validate", "-fjson"],
        ["validate", "--strict", "--strict"],
        ["validate", "--lang", "zh", "--lang", "fr"],
        ["validate", "--lang", "--strict"],
        ["validate", "--strict=yes"],
        ["validate", "--no-strict"],
        ["validate", "--", "data"],
        ["validate", "-"],
        ["validate", ""],
        ["validate", "data\n"],
        ["validate", "--unknown"],
        ["validat", "data"],
        ["--lang", "zh", "validate"],
    ],
)
def test_anything_else_is_left_to_typer(args: list[str]) -> None:
    assert quick.parse(args) is None


def test_typers_messages_for_what_it_is_left() -> None:
    wrong = run_cli("validate", "--format", "xml")
    assert wrong.code == 2 and "'xml' is not one of" in wrong.stderr and wrong.stdout == ""
    helped = run_cli("validate", "-h")
    assert helped.code == 0 and "Usage:" in helped.stdout and "--skip-other-files" in helped.stdout


def test_a_path_that_cannot_be_read_is_left_to_typer(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Typer refuses a path that exists and cannot be read ("is not readable"); one that does not exist is the
    command's to report."""
    monkeypatch.setattr("os.access", lambda path, mode: False)
    assert quick.parse(["validate", str(DATA)]) is None
    assert quick.parse(["validate", str(tmp_path / "absent")]) == {"paths": [tmp_path / "absent"]}


def test_completion_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CCM_PLAN_COMPLETE", "complete_bash")
    assert quick.parse(["validate", "data"]) is None


def test_the_parsed_arguments() -> None:
    assert quick.parse(["validate"]) == {"paths": None}
    assert quick.parse(["validate", "a", "--strict", "b", "-f", "json", "--lang=zh"]) == {
        "paths": [Path("a"), Path("b")],
        "strict": True,
        "output_format": "json",
        "lang": "zh",
    }


def test_the_parser_knows_the_typer_commands_options_and_choices() -> None:
    """An option renamed or removed in `cli.validate` must not be taken here; an added one goes to Typer
    (unknown here) until it is added to `quick` too, with a case above."""
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    options = {
        option: param.is_flag for param in command.params if param.param_type_name == "option" for option in param.opts
    }
    assert options == {**dict.fromkeys(quick.FLAGS, True), **dict.fromkeys(quick.OPTIONS, False)}
    assert [param.name for param in command.params if param.param_type_name == "argument"] == ["paths"]
    assert quick.FORMATS == tuple(ValidateFormat) == tuple(FORMATS)


def test_validate_imports_nothing_it_does_not_need(tmp_path: Path) -> None:
    """The modules `validate` on the shipped plan must not load: the command-line framework, the libraries of
    other commands (Babel for `--lang en`, the workbook and document writers, rich) and their code."""
    report = tmp_path / "modules.json"
    code = (
        "import json, sys\n"
        "sys.argv = ['ccm-plan', 'validate', 'data']\n"
        "from ccm_plan.entry import main\n"
        "try:\n    main()\nexcept SystemExit as end:\n    code = end.code\n"
        f"open({str(report)!r}, 'w').write(json.dumps([code, sorted(sys.modules)]))\n"
    )
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True)
    exit_code, modules = json.loads(report.read_text())
    assert exit_code == 0, completed.stderr
    assert "ccm_plan.check" in modules and "pydantic" in modules
    refused = (
        "typer",
        "click",
        "rich",
        "shellingham",
        "babel",
        "openpyxl",
        "xlsxwriter",
        "docx",
        "ccm_plan.cli",
        "ccm_plan.exports",
        "ccm_plan.edit",
        "ccm_plan.diff",
        "ccm_plan.outputs.totals",
        "ccm_plan.compute.execution",
        "ccm_plan.model.actuals",
        "ccm_plan.model.contributions",
        "importlib.metadata",  # pydantic's plugin loader's, while plugins are off (quick.skip_plugin_scan)
    )
    loaded = [name for name in modules if name.split(".")[0] in refused or name.startswith(refused)]
    assert loaded == []


STAND_IN_CHECK = """
import importlib, os, sys
from ccm_plan import quick

os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
quick.skip_plugin_scan()
from pydantic import BaseModel

class Line(BaseModel):
    amount: int

assert Line.model_validate({"amount": 3}).amount == 3
stand_in = sys.modules[quick.PLUGIN_LOADER]
assert stand_in.get_plugins is quick._get_plugins and tuple(stand_in.get_plugins()) == ()
assert "importlib.metadata" not in sys.modules, "the stand-in loaded pydantic's loader"
os.environ["PYDANTIC_DISABLE_PLUGINS"] = ""  # plugins asked for: pydantic's own loader takes over
assert list(stand_in.get_plugins()) == []  # none installed here
real = sys.modules[quick.PLUGIN_LOADER]
assert real is not stand_in and real.get_plugins is not quick._get_plugins and "importlib.metadata" in sys.modules
assert stand_in.PYDANTIC_ENTRY_POINT_GROUP == real.PYDANTIC_ENTRY_POINT_GROUP == "pydantic"
for value in quick.PLUGINS_OFF:  # what the stand-in assumes of pydantic's get_plugins
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = value
    real._plugins = None
    assert tuple(real.get_plugins()) == () and real._plugins is None, value
print("ok")
"""


def test_the_plugin_loaders_stand_in_answers_as_pydantics_own() -> None:
    """`skip_plugin_scan`: no plugin while they are off, without importing importlib.metadata; pydantic's own
    loader as soon as they are asked for; and pydantic's loader itself returns no plugin, without scanning, for
    each value the stand-in treats as off."""
    completed = subprocess.run(
        [sys.executable, "-c", STAND_IN_CHECK], cwd=ROOT, env=CLI_ENV, capture_output=True, text=True
    )
    assert completed.stdout == "ok\n", completed.stderr


@pytest.mark.parametrize("command", [["validate", "data"], ["totals", "data"]])
def test_a_users_pydantic_plugin_is_seen_when_asked_for(command: list[str], tmp_path: Path) -> None:
    """Both ways in (without Typer for validate, through Typer for totals): plugins off by default, and on with an
    empty PYDANTIC_DISABLE_PLUGINS, as before the stand-in."""
    site = tmp_path / "site"
    (site / "marker_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "marker_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: marker-plugin\n")
    (site / "marker_plugin-1.0.dist-info" / "entry_points.txt").write_text(
        "[pydantic]\nmarker = marker_plugin:plugin\n"
    )
    (site / "marker_plugin.py").write_text(
        "import os\n"
        "class Plugin:\n"
        "    def new_schema_validator(self, schema, schema_type, path, kind, config, settings):\n"
        "        with open(os.environ['MARKER'], 'a') as out:\n"
        "            out.write(getattr(schema_type, '__name__', str(schema_type)) + '\\n')\n"
        "        return None, None, None\n"
        "plugin = Plugin()\n"
    )
    marker = tmp_path / "seen.txt"
    env = {"PYTHONPATH": str(site), "MARKER": str(marker)}
    assert run_cli(*command, env=env).code == 0
    assert not marker.exists()
    assert run_cli(*command, env={**env, "PYDANTIC_DISABLE_PLUGINS": ""}).code == 0
    assert "Budget" in marker.read_text().split()
