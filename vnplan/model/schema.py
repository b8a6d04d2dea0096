"""The JSON Schema of a plan record, generated from the typed model.

Each dataclass of `vnplan.model` becomes a definition: its fields, typed from
the annotations (``str | None`` → ``["string", "null"]``, ``date`` → an ISO
date string, ``tuple[X, ...]`` → an array, a nested value → a ``$ref``).
Values that carry a `Source` get a ``"provenance"`` property; values with an
``extra`` mapping accept other keys.  ``scripts/update_record_schema.py``
writes it to ``vnplan/data/record.schema.json``.

    >>> schema = record_schema()
    >>> schema["properties"]["number"]
    {'type': ['string', 'null']}
    >>> schema["$defs"]["Deadline"]["properties"]["date"]
    {'type': 'string', 'format': 'date'}
"""
from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from datetime import date
from typing import Any

from vnplan.model.plan import SCALAR_SOURCES, Plan
from vnplan.model.source import LEGACY_KEYS, Source
from vnplan.model.values import Recipient, Signature, Warning

__all__ = ["record_schema"]

SCHEMA_ID = "https://github.com/vnplan/vnplan/record.schema.json"
_JSON_NAME: dict[tuple[type, str], str] = {(Signature, "found_in"): "source"}  # field → JSON key, where they differ
_AS_STRING = (Recipient, Warning)  # written as plain strings in JSON


def _source_schema() -> dict[str, Any]:
    pair = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
    nullable_int = {"type": ["integer", "null"]}
    return {"type": "object", "additionalProperties": False, "required": ["span", "raw", "page", "paragraph", "cell", "text"],
            "properties": {"span": pair, "raw": {"anyOf": [pair, {"type": "null"}]}, "page": nullable_int,
                           "paragraph": nullable_int,
                           "cell": {"anyOf": [{"type": "array", "items": {"type": "integer"}, "minItems": 3, "maxItems": 3},
                                              {"type": "null"}]},
                           "text": {"type": "string"}}}


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        inner = [a for a in args if a is not type(None)]
        one = _type(inner[0], defs)
        if "type" in one and isinstance(one["type"], str):
            return {**one, "type": [one["type"], "null"]}
        return {"anyOf": [one, {"type": "null"}]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type(args[0], defs)}
        return {"type": "array", "prefixItems": [_type(a, defs) for a in args], "items": False}
    if origin in (Mapping, dict) or hint in (dict, Mapping):
        return {"type": "object"}
    if hint in _AS_STRING:
        return {"type": "string"}
    if hint is Source:
        defs.setdefault("Source", _source_schema())
        return {"$ref": "#/$defs/Source"}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder against recursion
            defs[name] = _object(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if hint is date:
        return {"type": "string", "format": "date"}
    if hint in simple:
        return {"type": simple[hint]}
    return {}


def _object(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    props: dict[str, Any] = {}
    open_keys = False
    for f in dataclasses.fields(cls):
        if f.name == "extra":
            open_keys = True
        elif f.name == "source" and hints[f.name] == (Source | None):
            props["provenance"] = _type(hints[f.name], defs)
        else:
            props[_JSON_NAME.get((cls, f.name), f.name)] = _type(hints[f.name], defs)
    out = {"type": "object", "properties": props, "required": sorted(props), "additionalProperties": open_keys}
    if open_keys and "provenance" in props:  # other keys are welcome, other provenance shapes are not
        out["propertyNames"] = {"not": {"enum": list(LEGACY_KEYS)}}
    return out


def record_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of one record as `vnplan extract` writes it."""
    defs: dict[str, Any] = {}
    top = _object(Plan, defs)
    source_or_null = {"anyOf": [{"$ref": "#/$defs/Source"}, {"type": "null"}]}
    top["properties"]["provenance"] = {
        "type": "object", "additionalProperties": False,
        "properties": {**{k: {"$ref": "#/$defs/Source"} for k in SCALAR_SOURCES},
                       "recipients": {"type": "array", "items": source_or_null}}}
    top["properties"]["source"] = {"type": "object", "required": ["path"], "properties": {"path": {"type": "string"}}}
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID,
            "title": "vnplan plan record", "description": "One line of `vnplan extract` output (spec/record.md).",
            **top, "$defs": dict(sorted(defs.items()))}
