"""Fuzzing the loader (hypothesis): random bytes, JSON shapes and zips under any supported name.
No exception escapes load_files, and every file is loaded or named in the issues."""

import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.corpus import load_files

SUFFIXES = [".txt", ".csv", ".json", ".jsonl", ".zip", ".html"]
FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.builds(
    lambda stem, suffix: stem + suffix,
    st.text(alphabet="abcdeفقك-_ ", min_size=1, max_size=8),
    st.sampled_from(SUFFIXES),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["text", "content", "id", "date", "outlet", "title", "x"]), inner, max_size=4)
    ),
    max_leaves=20,
)


def zipped(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def assert_each_file_accounted_for(files: list[tuple[str, bytes]]) -> None:
    loaded = load_files(files)  # raises nothing
    for name, _ in files:
        inside = name + "/"
        loaded_it = any(a.source_file == name or a.source_file.startswith(inside) for a in loaded.articles)
        named = any(p.file == name or p.file.startswith(inside) or name in p.message for p in loaded.issues)
        assert loaded_it or named, (name, loaded.issues)


@FUZZ
@given(st.lists(st.tuples(names, st.binary(max_size=300)), min_size=1, max_size=4, unique_by=lambda f: f[0]))
def test_random_bytes_under_any_name(files):
    assert_each_file_accounted_for(files)


@FUZZ
@given(st.lists(st.tuples(st.sampled_from([".json", ".jsonl"]), json_values), min_size=1, max_size=4))
def test_random_json_shapes(shapes):
    files = []
    for i, (suffix, value) in enumerate(shapes):
        text = (
            json.dumps(value, ensure_ascii=False)
            if suffix == ".json"
            else "\n".join(json.dumps(v, ensure_ascii=False) for v in (value if isinstance(value, list) else [value]))
        )
        files.append((f"f{i}{suffix}", text.encode()))
    assert_each_file_accounted_for(files)


@FUZZ
@given(
    st.lists(
        st.tuples(names, st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode())),
        max_size=4,
        unique_by=lambda f: f[0],
    ),
    st.integers(min_value=0, max_value=40),
    st.booleans(),
)
def test_random_zips_whole_or_cut(members, cut, nested):
    data = zipped(members)
    if nested:
        data = zipped([("inner.zip", data), ("note.txt", "نص عربي قصير".encode())])
    files = [("upload.zip", data[:-cut] if cut else data)]
    assert_each_file_accounted_for(files)
