"""Reader: one article right to left, its entities, weapons, quantities, dates and quotes in
colour (offsets from the tables, every piece of text escaped), with its metadata."""

import pandas as pd
import streamlit as st

from dashboard.data import corpus_articles
from dashboard.escape import escape_html
from dashboard.highlight import HIGHLIGHTS, highlight_html, legend_html
from dashboard.language import tr
from dashboard.links import from_link, to_link
from dashboard.render import fmt_number, has_articles, rtl_block
from dashboard.session import current_tables

st.title(tr("Reader · القارئ", "القارئ"))


def article_spans(tables, article: str, layers: list[str]) -> list[tuple[int, int, str, str]]:
    """(start, end, kind, note) of one article's rows in every table the reader colours."""
    spans = []

    def rows(frame):
        return frame[frame["article"] == article] if not frame.empty else frame

    if "entity" in layers:
        spans += [
            (r.start, r.end, "entity", f"{r.name_en or r.name_ar} ({r.type})")
            for r in rows(tables.mentions).itertuples()
        ]
    if "weapon" in layers:
        spans += [(r.start, r.end, "weapon", r.weapon_en) for r in rows(tables.weapons).itertuples()]
    if "quantity" in layers:
        spans += [
            (r.start, r.end, "quantity", f"{fmt_number(r.value)} · {r.category} · {r.qualifier}")
            for r in rows(tables.quantities).itertuples()
        ]
    if "date" in layers:
        spans += [(r.start, r.end, "date", str(r.date)) for r in rows(tables.dates).itertuples()]
    if "quote" in layers:
        spans += [
            (int(r.quote_start), int(r.quote_end), "quote", f"{r.speaker} ({r.verb})")
            for r in rows(tables.quotes).itertuples()
            if pd.notna(r.quote_start)
        ]
    return spans


def followed_span(tables, article: str, at: int):
    """The table row (with its sentence) of the span a link points at (?at=start)."""
    for frame in (tables.mentions, tables.weapons, tables.quantities, tables.dates, tables.quotes):
        hit = frame[(frame["article"] == article) & (frame["start"] <= at) & (frame["end"] > at)]
        if not hit.empty:
            return next(hit.itertuples())
    return None


tables = current_tables()
if has_articles(tables):
    a = tables.articles.set_index("article")
    ids = a.index.tolist()
    from_link("reader_article", "article")
    if st.session_state.get("reader_article") not in ids:  # filtered out, or a stale link
        if st.session_state.get("reader_article"):
            st.info(
                tr(
                    "The article in the link is not among the articles shown; check the corpus "
                    "and the outlet filter in the sidebar.",
                    "المقال الذي في الرابط ليس بين المقالات المعروضة؛ راجع المدونة وفلتر المنافذ.",
                )
            )
        st.session_state["reader_article"] = ids[0]
    left, right = st.columns([3, 2])
    # made once from lists: a look-up per option took a second for a big store's 20,000 articles
    labels = {
        i: f"{str(title or i)[:90]} · {outlet}"
        for i, title, outlet in zip(ids, a["title"].tolist(), a["outlet"].tolist())
    }
    article = left.selectbox(
        tr("Article", "المقال"),
        ids,
        key="reader_article",
        format_func=labels.get,
        on_change=lambda: st.query_params.pop("at", None),
    )  # a followed span belongs to its article
    to_link("article", article)
    names = {
        "quote": tr("Quotes", "اقتباسات"),
        "date": tr("Dates", "تواريخ"),
        "quantity": tr("Quantities", "كميات"),
        "weapon": tr("Weapons", "أسلحة"),
        "entity": tr("Entities", "كيانات"),
    }
    from_link("reader_layers", "show", many=True, default=list(HIGHLIGHTS))
    layers = right.pills(
        tr("Highlight", "تلوين"), list(HIGHLIGHTS), format_func=names.get, selection_mode="multi", key="reader_layers"
    )
    to_link("show", [k for k in HIGHLIGHTS if k in layers], default=list(HIGHLIGHTS))

    row = a.loc[article]
    published = row["published"].strftime("%Y-%m-%d") if pd.notna(row["published"]) else tr("no date", "بلا تاريخ")
    meta = {
        tr("Outlet", "المنفذ"): row["outlet"],
        tr("Published", "تاريخ النشر"): published,
        tr("Date basis", "مصدر التاريخ"): row["date_basis"],
        tr("Author", "الكاتب"): row["author"],
        tr("Wire", "الوكالة"): row["wire"],
        tr("Words", "الكلمات"): f"{int(row['words']):,}",
    }
    cells = "".join(
        f'<tr><th>{escape_html(k)}</th><td><bdi dir="auto">{escape_html(v)}</bdi></td></tr>'
        for k, v in meta.items()
        if str(v or "")
    )
    st.markdown(f'<table class="marsad-facts">{cells}</table>', unsafe_allow_html=True)
    if str(row["url"]).startswith(("https://", "http://")):  # never a javascript: link from a file
        st.link_button(tr("Open the original", "افتح الأصل"), row["url"], icon=":material/open_in_new:")

    source = corpus_articles([article]).get(article)  # one text: a store's are read when asked
    if source is None:
        st.info(
            tr(
                "The text of this article is not at hand (a stored corpus keeps only its tables).",
                "نص هذا المقال غير متاح (المدونة المخزّنة تحفظ جداولها فقط).",
            )
        )
        st.stop()
    spans = article_spans(tables, article, layers)
    from_link("reader_at", "at", parse=int)
    at = st.session_state.pop("reader_at", None)
    followed = followed_span(tables, article, at) if at is not None else None
    if followed is not None:  # the user came here from a chart or a list: that sentence first
        rtl_block(followed.sentence, tr("The sentence you followed", "الجملة التي تتبّعتها"), (followed.text,))
        spans.append((followed.start, followed.end, "focus", ""))
    # page chrome (share buttons, bylines, "4 دقيقة قراءة") is shown greyed: kept, never counted
    spans += [
        (start, end, "chrome", tr("page chrome: not counted", "من هيكل الصفحة: لا يُحتسب"))
        for start, end, _ in source.chrome
    ]
    st.markdown(legend_html([k for k in HIGHLIGHTS if k in layers] + ["chrome"]), unsafe_allow_html=True)
    counts = {k: sum(1 for s in spans if s[2] == k) for k in HIGHLIGHTS if k in layers}
    st.caption(" · ".join(f"{names[k]}: {n:,}" for k, n in counts.items()))
    with st.container(border=True):
        st.markdown(highlight_html(source.text, spans), unsafe_allow_html=True)
