"""A plain base for the Plan models, for command-line runs that never need pydantic.

Importing pydantic costs ~330 M instructions, a quarter of a whole `ttdn lint` process, and a `ttdn parse
--json` or `ttdn lint` run uses none of it: ttdn builds its models with `Model.new` (trusted values, no
validation) and writes them with `to_json`. models.py declares every model once; in a process that chose
plain records before it was first imported (`modelmode.prefer_plain`, done by the command line for every
command but `schema`) the same declarations get this base instead of pydantic's. It offers exactly what
ttdn's own code uses of pydantic — `model_fields`, private attributes, `model_construct`, `model_copy`,
equality — with pydantic's instance layout, so `Model.new` and `to_json` work unchanged. Python API users
(`parse_file`, …) always get the pydantic models; tests check that both give byte-identical output.
"""

from __future__ import annotations

import copy
from typing import Any

_MISSING: Any = type("_Missing", (), {"__repr__": lambda self: "MISSING"})()


class FieldInfo:
    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any = _MISSING, default_factory=None):
        self.default = default
        self.default_factory = default_factory

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def get_default(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return copy.deepcopy(self.default) if isinstance(self.default, (list, dict, set)) else self.default


class _Private(FieldInfo):
    __slots__ = ()


def Field(default: Any = _MISSING, *, default_factory=None) -> Any:  # noqa: N802 - pydantic's name
    return FieldInfo(default, default_factory)


def PrivateAttr(default: Any = None, *, default_factory=None) -> Any:  # noqa: N802 - pydantic's name
    return _Private(default, default_factory)


def ConfigDict(**settings: Any) -> dict:  # noqa: N802 - pydantic's name
    return settings


class BaseModel:
    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    model_fields: dict[str, FieldInfo] = {}
    __private_attributes__: dict[str, _Private] = {}

    def __init_subclass__(cls, **kwargs: Any):
        super().__init_subclass__(**kwargs)
        fields = dict(cls.model_fields)          # a base's fields come first, as in pydantic
        private = dict(cls.__private_attributes__)
        for name in cls.__dict__.get("__annotations__", {}):
            value = cls.__dict__.get(name, _MISSING)
            if name.startswith("_"):
                private[name] = value if isinstance(value, _Private) else _Private(value)
            else:
                fields[name] = value if isinstance(value, FieldInfo) else FieldInfo(value)
            if name in cls.__dict__:
                delattr(cls, name)               # instances hold every field; no shared class-level default
        cls.model_fields = fields
        cls.__private_attributes__ = private

    @classmethod
    def model_construct(cls, **values: Any):
        obj = cls.__new__(cls)
        data = {}
        for name, f in cls.model_fields.items():
            if name in values:
                data[name] = values[name]
            elif not f.is_required():
                data[name] = f.get_default()
        object.__setattr__(obj, "__dict__", data)
        object.__setattr__(obj, "__pydantic_fields_set__", set(values))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__",
                           {k: p.get_default() for k, p in cls.__private_attributes__.items()} or None)
        return obj

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        obj = type(self).__new__(type(self))
        data = copy.deepcopy(self.__dict__) if deep else dict(self.__dict__)
        data.update(update or {})
        object.__setattr__(obj, "__dict__", data)
        object.__setattr__(obj, "__pydantic_fields_set__", set(self.__pydantic_fields_set__) | set(update or {}))
        object.__setattr__(obj, "__pydantic_extra__", None)
        private = self.__pydantic_private__
        object.__setattr__(obj, "__pydantic_private__", None if private is None else dict(private))
        return obj

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self.__dict__ == other.__dict__ and self.__pydantic_private__ == other.__pydantic_private__

    __hash__ = None  # type: ignore[assignment] - mutable, as pydantic's models

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"
