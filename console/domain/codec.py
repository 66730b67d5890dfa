"""Domain objects to and from JSON-able data (for the section cache and handoff snapshots).

Pure: no I/O. Money stays a decimal string with its currency; timestamps keep their offset.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from console.domain import model
from console.domain.money import Money

JSONable = Any


def to_jsonable(obj: object) -> JSONable:
    if obj is None or isinstance(obj, (bool, int, str)):
        return obj
    if isinstance(obj, Money):
        return obj.wire() | {"amount": str(obj.amount)}
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, datetime):
        return obj.isoformat()
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, (tuple, list)):
        return [to_jsonable(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    raise TypeError(f"cannot encode {type(obj).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(model) | {"Money": Money})


def from_jsonable(tp: Any, data: JSONable) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if data is None:
            return None
        return from_jsonable(args[0], data)
    if tp is Any:
        return data
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            return tuple(from_jsonable(targs[0], x) for x in data)
        return tuple(from_jsonable(a, x) for a, x in zip(targs, data, strict=True))
    if origin is dict:
        kt, vt = typing.get_args(tp)
        return {from_jsonable(kt, k): from_jsonable(vt, v) for k, v in data.items()}
    if tp is Money:
        return Money.of(data["amount"], data["currency"])
    if tp is Decimal:
        return Decimal(data)
    if tp is datetime:
        return datetime.fromisoformat(data)
    if tp is date:
        return date.fromisoformat(data)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(data)
    if tp in (str, int, bool, float):
        if not isinstance(data, tp):
            raise TypeError(f"expected {tp.__name__}")
        return data
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: from_jsonable(hints[f.name], data[f.name])
            for f in dataclasses.fields(tp)
            if f.name in data
        }
        return tp(**kwargs)
    raise TypeError(f"cannot decode {tp!r}")


def dump(obj: object) -> tuple[str, JSONable]:
    """(type name, data): a domain object, a tuple of one kind of domain object, or None."""
    if obj is None:
        return "none", None
    if isinstance(obj, (tuple, list)):
        items = list(obj)
        if not items:
            return "tuple:", []
        return f"tuple:{type(items[0]).__name__}", to_jsonable(items)
    return type(obj).__name__, to_jsonable(obj)


def load(type_name: str, data: JSONable) -> Any:
    if type_name == "none":
        return None
    if type_name.startswith("tuple:"):
        inner = type_name.removeprefix("tuple:")
        if not inner:
            return ()
        cls = getattr(model, inner)
        return tuple(from_jsonable(cls, x) for x in data)
    cls = getattr(model, type_name, None)
    if cls is None or not dataclasses.is_dataclass(cls):
        raise KeyError(type_name)
    return from_jsonable(cls, data)
