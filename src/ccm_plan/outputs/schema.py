"""JSON Schemas of the plan files, generated from the models, for editors (yaml-language-server) and CI tools.

The models stay the one description of a file's shape; this module only translates them into what a JSON Schema
validator sees after reading the YAML: numbers for amounts (the model refuses text), year keys as strings
("2021", since JSON object keys are strings), and text maps that allow no other keys than language codes.
Regenerate the committed copies with `ccm-plan schema --output schema`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from ..model.actuals import Actuals
from ..model.contributions import Contributions
from ..model.plan import MODELS

# The short names people type (`ccm-plan schema budget`), and the file each schema is committed as.
KINDS: dict[str, str] = {
    "budget": "ccm-plan/budget",
    "workplan": "ccm-plan/workplan",
    "actuals": "ccm-plan/actuals",
    "contributions": "ccm-plan/contributions",
}
_MODELS: dict[str, Any] = {**MODELS, "ccm-plan/actuals": Actuals, "ccm-plan/contributions": Contributions}
DRAFT = "https://json-schema.org/draft/2020-12/schema"
TITLES = {
    "budget": "ccm-plan budget",
    "workplan": "ccm-plan work plan",
    "actuals": "ccm-plan actuals",
    "contributions": "ccm-plan contributions",
}
DESCRIPTIONS = {
    "budget": "A multi-year budget as ccm-plan data: lines with yearly amounts, stated totals, notes and the "
    "parameters the rules check. `ccm-plan validate` checks what a schema cannot (totals, rates, references).",
    "workplan": "A multi-year work plan as ccm-plan data: the document, its summary, mandate, priority areas "
    "with activities, expected results and assumptions. `ccm-plan validate` checks it against the budget.",
    "actuals": "One year's actual expenditure per budget line, audited or preliminary, as ccm-plan data. "
    "`ccm-plan validate` checks it against the budget (lines, years, overruns beyond the transfer authority).",
    "contributions": "Contributors, their scale of assessment, and their pledges and payments, as ccm-plan data. "
    "`ccm-plan validate` checks it against the budget (contributors, years, currencies and rates).",
}
_BOUNDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}


class PlanJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, adjusted to what the plan's YAML looks like once read as JSON."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        # Money and rates are YAML numbers; the model refuses text, so the schema must too.
        json_schema: JsonSchemaValue = {"type": "number"}
        self.update_with_validations(json_schema, schema, self.ValidationsMapping.numeric)
        return json_schema

    def dict_schema(self, schema: core_schema.DictSchema) -> JsonSchemaValue:
        json_schema = super().dict_schema(schema)
        keys = schema.get("keys_schema")
        if keys is not None and keys.get("type") == "int":
            # A year key `2021:` reaches a JSON Schema validator as the string "2021".
            low, high = keys.get("ge"), keys.get("le")
            four_digits = isinstance(low, int) and isinstance(high, int) and low >= 1000 and high <= 9999
            json_schema["propertyNames"] = {"pattern": r"^[0-9]{4}$" if four_digits else r"^-?[0-9]+$"}
        if "patternProperties" in json_schema and "additionalProperties" not in json_schema:
            json_schema["additionalProperties"] = False  # the model rejects a key that fails the pattern
        return json_schema


def _translate_bounds(node: Any) -> Any:
    """Turn the ge/le that pydantic copies from a constraint after a validator into JSON Schema's words."""
    if isinstance(node, list):
        return [_translate_bounds(item) for item in node]
    if not isinstance(node, dict):
        return node
    is_schema = "type" in node or "anyOf" in node or "$ref" in node
    return {
        (_BOUNDS[key] if is_schema and key in _BOUNDS else key): (
            value if key in ("default", "const", "enum", "examples") else _translate_bounds(value)
        )
        for key, value in node.items()
    }


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind (`budget`, `workplan`, `actuals`, `contributions`), as a dict."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    model = _MODELS[KINDS[kind]]
    generated = _translate_bounds(model.model_json_schema(schema_generator=PlanJsonSchema))
    head = {"$schema": DRAFT, "title": TITLES[kind], "description": DESCRIPTIONS[kind]}
    body = {key: value for key, value in generated.items() if key not in head and key != "$defs"}
    return head | body | {"$defs": generated.get("$defs", {})}  # definitions last: the file reads top-down


def render(kind: str) -> str:
    """The schema as committed: indented JSON, keys in the models' order, non-ASCII kept, one final newline."""
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def write_all(folder: Path) -> list[Path]:
    """Write every kind's schema into `folder` (atomically, each file whole) and return the paths written."""
    from ..read.atomic import write_text

    written = []
    for kind in KINDS:
        target = folder / file_name(kind)
        write_text(target, render(kind))
        written.append(target)
    return written


def stale(folder: Path) -> Mapping[str, bool]:
    """For each kind, whether the committed schema in `folder` differs from the models (or is missing)."""
    result = {}
    for kind in KINDS:
        path = folder / file_name(kind)
        result[kind] = not path.is_file() or path.read_text(encoding="utf-8") != render(kind)
    return result
