"""Every page with hostile outlet, title, author and file names: Markdown image syntax (a remote
fetch from every visitor's browser), <a href>, <img onerror>, KaTeX $...$ and :red[...] colour.
Whatever reaches Markdown, HTML or a chart goes through dashboard.escape and shows as written:
no link, image, formula or colour is made from the data. AppTest walks the pages and reads
what each element sends to the browser; tests/test_browser.py looks at the drawn page."""

from __future__ import annotations

import json
import re

import pytest
from google.protobuf.json_format import MessageToDict

from analysis.corpus import BUNDLED_CORPUS
from conftest import uploaded_app
from dashboard.escape import escape_markdown
from dashboard.navigation import PAGES

PROBE = "marsad-probe.invalid"  # a host no test machine resolves: any request to it is a leak
IMAGE = f"![pixel](http://{PROBE}/pixel.png)"
LINK = f'<a href="http://{PROBE}/">اضغط</a>'
IMG = "<img src=x onerror=alert(1)>"
KATEX = r"$\frac{1}{2}$"
COLOUR = ":red[عاجل]"
OUTLETS = [f"قناة {IMAGE}", f"{LINK} {KATEX}", f"{IMG} {COLOUR}", f"[رابط](http://{PROBE}/) بلا عربية"]
TITLES = [f"عنوان {LINK}", f"{IMAGE} عنوان", f"عنوان {KATEX} {COLOUR}", f"{IMG}"]
AUTHORS = [f"{COLOUR} كاتب", f"كاتب {IMG}", f"{LINK}", f"{IMAGE}"]
FILE = "{} ![f](pixel.png) <img src=x onerror=alert(1)> $x$ :red[x].txt"  # no "/": a file name
# what would open markup in Markdown once escaped characters (a backslash and the next one) are left out
MARKUP = re.compile(r"<img|<a |!\[|\]\(|\$\\frac|\$x\$|:red\[|https?://")
LATIN_ONLY = "Breaking: the ministry said on Tuesday that talks will resume next week in Geneva."


def hostile_files() -> list[tuple[str, bytes]]:
    """The five seed articles and one without Arabic words (its outlet has nothing to compare),
    named, titled, bylined and attributed to outlets with hostile names, and an empty file with
    one too (its name is shown in the sidebar's warning)."""
    seeds = sorted(p for p in BUNDLED_CORPUS.glob("*.txt"))
    texts = [p.read_bytes() for p in seeds] + [LATIN_ONLY.encode()]
    names = [FILE.format(i) for i in range(len(texts))]
    rows = ["file,outlet,title,author,published"]
    for i, name in enumerate(names):
        group = min(i // 2, 3) if i < 5 else 3
        cells = [name, OUTLETS[group], TITLES[i % 4], AUTHORS[i % 4], f"2023-09-0{i + 1}"]
        rows.append(",".join('"' + c.replace('"', '""') + '"' for c in cells))
    return [*zip(names, texts), ("empty " + FILE.format("x"), b""), ("metadata.csv", "\n".join(rows).encode())]


def nodes(node):
    """Every element and block under an AppTest node (main, sidebar), depth first."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


MARKDOWN_FIELDS = {"body", "label", "help", "caption", "placeholder"}  # rendered as Markdown by the browser
CHART_MARKUP = re.compile(r"<(?!br>|/?extra>)[a-zA-Z/]")  # plotly's own <br> and <extra> only


def problems_on(at, page: str) -> tuple[list[str], list[str]]:
    """What the page sends that would render as markup from the data; and every string it sends."""
    found, seen = [], []
    for root in (at.main, at.sidebar):
        for node in nodes(root):
            proto = getattr(node, "proto", None)
            if proto is None:
                continue
            fields = MessageToDict(proto, preserving_proto_field_name=True)
            if "spec" in fields and isinstance(fields.get("spec"), str):  # a plotly chart
                strings = list(_strings(json.loads(fields["spec"])))
                seen += strings
                found += [f"{page} chart: {s!r}" for s in strings if CHART_MARKUP.search(s)]
                continue
            html_block = fields.get("allow_html", False)
            for key, value in fields.items():
                for s in _strings(value) if key in MARKDOWN_FIELDS else ():
                    seen.append(s)
                    if html_block:  # our own HTML: only tags we wrote, data escaped inside them
                        if "<img" in s or f'<a href="http://{PROBE}' in s or "<a href=" in s:
                            found.append(f"{page} html: {s[:300]!r}")
                    elif MARKUP.search(re.sub(r"\\.", "", s)):
                        found.append(f"{page} {node.type}.{key}: {s[:300]!r}")
    return found, seen


@pytest.fixture(scope="module")
def app():
    at = uploaded_app(hostile_files())
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_every_page_shows_hostile_names_as_written(app):
    found, seen = problems_on(app, "sidebar")
    for file, *_ in PAGES:
        app.switch_page(file).run()
        assert not app.exception, (file, [e.value for e in app.exception])
        on_page, strings = problems_on(app, file)
        found += on_page
        seen += strings
    assert found == []
    joined = "\n".join(seen)
    # the names did reach the page, escaped: in Markdown, in our HTML and in charts
    assert r"\!\[f\](pixel.png) \<img src=x onerror=alert(1)\> \$x\$ \:red\[x\]" in joined  # the empty file
    assert "&lt;a href=&quot;http://marsad-probe.invalid/&quot;&gt;اضغط&lt;/a&gt;" in joined  # a title, in HTML
    assert (
        '&lt;a href="http://marsad-probe.invalid/"&gt;اضغط&lt;/a&gt; $\\frac{1}{2}$' in joined
    )  # an outlet, in a chart


def test_a_comparison_error_names_the_outlet_as_written(app):
    app.switch_page("views/outlets.py").run()
    app.selectbox(key="vocab_outlet").set_value(OUTLETS[3]).run()
    assert [w.value for w in app.main.warning] == [
        escape_markdown(f"No Arabic words for {OUTLETS[3]} in the articles shown: choose another outlet.")
    ]
    assert r"\[رابط\](http\://marsad-probe.invalid/)" in app.main.warning[0].value


def test_the_story_timeline_lists_outlets_escaped(app):
    """plotly express fills layout.yaxis.categoryarray from a Categorical: it was drawn as markup."""
    app.switch_page("views/story.py").run()
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    order = spec["layout"]["yaxis"].get("categoryarray") or spec["layout"]["xaxis"].get("categoryarray")
    assert order and '&lt;a href="http://marsad-probe.invalid/"&gt;اضغط&lt;/a&gt; $\\frac{1}{2}$' in order
    assert not any(CHART_MARKUP.search(o) for o in order)
