"""Widget state mirrored in the link's query string, so a shared link reproduces the view."""

from __future__ import annotations

import streamlit as st

from .labels import type_name
from .language import tr


CHOICES = 2_000  # options of an entity picker, the most mentioned (a big store names 36,000)


def picker_options(ranked: list, wanted) -> list:
    """A picker's options: the first CHOICES of `ranked` (most mentioned first) and those of
    `wanted` (a link's or this session's choice) further down, in ranked order."""
    wanted = set(wanted)
    return [*ranked[:CHOICES], *(value for value in ranked[CHOICES:] if value in wanted)]


def from_link(key: str, param: str, parse=str, many: bool = False, default=None) -> None:
    """Seed a widget's session state from the link the first time it is drawn, so a shared
    link (?top=10&types=person) reopens the view; later the widget itself decides."""
    if key in st.session_state:
        return
    if many:
        raw = st.query_params.get_all(param)
        value = [parse(v) for v in raw] if raw else default
    else:
        raw = st.query_params.get(param)
        try:
            value = parse(raw) if raw not in (None, "") else default
        except ValueError:  # a hand-edited link: fall back to the default view
            value = default
    if value is not None:
        st.session_state[key] = value


def to_link(param: str, value, default=None) -> None:
    """Mirror a widget's value into the link; the default view keeps the link short."""
    if value is None or value == default or value in ("", []):
        if param in st.query_params:
            del st.query_params[param]
    elif isinstance(value, (list, tuple)):
        st.query_params[param] = [str(v) for v in value]
    else:
        st.query_params[param] = str(value)


def linked_choices(
    widget, label: str, options: list, *, key: str, param: str, default: list, omit_default: bool = True, **kwargs
) -> list:
    """A multiple choice (`widget`: a column's `multiselect`, `kwargs` its own) seeded from the
    link (?types=person&types=place) and kept to the options this corpus offers; the choice goes
    back into the link, which `default` leaves short unless `omit_default` is False (a default
    that depends on the corpus, such as its top three entities, then stands in the link too)."""
    from_link(key, param, many=True, default=default)
    offered = set(options)
    st.session_state[key] = [v for v in st.session_state[key] if v in offered]
    chosen = widget(label, options, key=key, **kwargs)
    to_link(param, chosen, default=default if omit_default else None)
    return chosen


def linked_number(widget, label: str, low: int, high: int, *, key: str, param: str, default: int) -> int:
    """A whole number from `low` to `high` (`widget`: a column's `slider` or `number_input`)
    seeded from the link (?top=10, clamped to the range; not a number: `default`) and written
    back into it, where `default` leaves the link short."""
    from_link(key, param, parse=lambda v: min(max(int(v), low), high), default=default)
    value = widget(label, low, high, key=key)
    to_link(param, value, default=default)
    return value


def linked_types(widget, types: list[str], *, key: str) -> list[str]:
    """The entity-type picker of the pages that count entities: ?types=person&types=place,
    every type (the default) leaves the link short."""
    return linked_choices(
        widget,
        tr("Entity types", "أنواع الكيانات"),
        types,
        key=key,
        param="types",
        default=types,
        format_func=type_name,
    )
