"""The shared sidebar: language, corpus (bundled, stored or uploaded), outlet filter and the
adjective switch, all mirrored in the link; it leaves the filtered tables for the page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from analysis.corpus import ARCHIVES, MAX_FILE_MB, SUPPORTED
from analysis.ner import find_model
from analysis.tables import Tables

from .data import STORE_FALLBACK, Files, store_folder
from .escape import LEFT_TO_RIGHT, escape_markdown
from .labels import localised, outlet_name
from .language import language_switch, tr
from .render import show_problems
from .session import keep_tables
from .uploads import analyse_with_status, upload_editor

BUNDLED = "Bundled corpus"
UPLOADED = "My files"
OUTLET_PARAM = "outlet"
NISBA_PARAM = "nisba"  # "1": count adjectives such as الروسي towards their country
MODEL_IN_USE_AR = "نموذج مرصد للتعرّف على الأسماء مستخدم فوق المعجم (انظر data/ner/MODEL_CARD.md)."
MODEL_MISSING_AR = "نموذج التعرّف على الأسماء غير متاح: المعجم وحده مستخدم."
FROM_PARAM, TO_PARAM = "from", "to"  # the date range, YYYY-MM-DD, each side only when it narrows


def sidebar() -> None:
    """Corpus choice and filters; leaves the filtered tables in session state."""
    with st.sidebar:
        st.header("مرصد · Marsad")
        language_switch()
        tables = corpus_choice()
        chosen = outlet_filter(tables)
        start, end = date_filter(tables)
        if not adjective_switch():
            tables = tables.names_only()
        filtered = tables.for_outlets(chosen).for_dates(start, end)
        st.caption(
            tr(
                f"{len(filtered.articles):,} of {len(tables.articles):,} articles shown",
                f"{len(filtered.articles):,} من {len(tables.articles):,} مقالات معروضة",
            )
        )
        model = find_model()
        st.caption(tr(model.message, MODEL_IN_USE_AR if model.available else MODEL_MISSING_AR))
    keep_tables(localised(filtered), localised(tables), (start, end))


def corpus_choice() -> Tables:
    """The bundled (or stored) corpus or the reader's uploads, analysed; their problems shown."""
    corpus_names = {BUNDLED: tr("Bundled corpus", "المدونة المرفقة"), UPLOADED: tr("My files", "ملفاتي")}
    choice = st.radio(tr("Corpus", "المدونة"), [BUNDLED, UPLOADED], key="corpus", format_func=corpus_names.get)
    # Always drawn, so uploads survive switching back and forth between the corpora.
    uploads = st.file_uploader(
        tr(
            "Your articles (.txt, .html, .csv, .jsonl, .json or a .zip of them; add metadata.csv for "
            "outlets and dates)",
            "مقالاتك (txt، html، csv، jsonl، json أو ملف zip يضمها؛ أضف metadata.csv للمنافذ والتواريخ)",
        ),
        type=[s.lstrip(".") for s in SUPPORTED + ARCHIVES],
        accept_multiple_files=True,
        key="uploads",
        help=tr(
            f"Up to {MAX_FILE_MB} MB per file; web pages (.html) are read for their article text. "
            "Kept in this session's memory only: not written to disk, not shown to other sessions.",
            f"حتى {MAX_FILE_MB} ميغابايت للملف؛ تُقرأ صفحات الويب (.html) لنص مقالها. "
            "تبقى في ذاكرة هذه الجلسة فقط: لا تُكتب على القرص ولا تظهر لجلسات أخرى.",
        ),
    )
    st.session_state["uploaded_files"] = tuple((u.name, u.getvalue()) for u in uploads or [])
    files: Files | None = None
    if choice == UPLOADED:
        files = st.session_state["uploaded_files"]
        if not files:
            st.info(tr("Upload one or more files to analyse them.", "ارفع ملفًا أو أكثر لتحليله."))
    tables, problems = analyse_with_status(files)
    show_problems(problems)
    folder = store_folder()
    stored = files is None and folder is not None and not any(p.endswith(STORE_FALLBACK) for p in problems)
    st.session_state["_store_open"] = str(folder) if stored else None
    if stored:
        n = len(tables.articles)
        name = LEFT_TO_RIGHT.format(escape_markdown(folder.name))
        st.caption(tr(f"Stored corpus: {name}, {n:,} articles", f"مدونة مخزَّنة: {name}، عدد مقالاتها {n:,}"))
    if files and not tables.articles.empty:
        files = upload_editor(tables, files)
        tables, _ = analyse_with_status(files)
    st.session_state["_corpus_files"] = files
    return tables


def outlet_filter(tables: Tables) -> list[str]:
    """The outlets chosen (none = all), seeded from the link and kept to this corpus's outlets."""
    outlets = sorted(tables.articles["outlet"].dropna().unique().tolist())
    if "outlets" not in st.session_state:  # a new session: the link decides
        wanted = st.query_params.get_all(OUTLET_PARAM)
        missing = [o for o in wanted if o not in outlets]
        if missing:
            st.warning(
                escape_markdown(
                    tr("Not in this corpus, ignored: ", "ليست في هذه المدونة، أُهملت: ") + ", ".join(missing)
                )
            )
        st.session_state["outlets"] = [o for o in wanted if o in outlets]
    else:  # the corpus may have changed under the filter
        kept = [o for o in st.session_state["outlets"] if o in outlets]
        if kept != st.session_state["outlets"]:
            st.session_state["outlets"] = kept
    chosen = st.multiselect(
        tr("Outlets (none chosen = all)", "المنافذ (بلا اختيار = الكل)"),
        outlets,
        key="outlets",
        placeholder=tr("All outlets", "كل المنافذ"),
        format_func=outlet_name,
    )
    if chosen:
        st.query_params[OUTLET_PARAM] = chosen
    elif OUTLET_PARAM in st.query_params:
        del st.query_params[OUTLET_PARAM]
    return chosen


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:  # a hand-edited link: that side stays open
        return None


def date_filter(tables: Tables) -> tuple[date | None, date | None]:
    """The publication dates to show, first and last day (None on a side that does not narrow
    the corpus's own range; both None: every article, undated ones too), mirrored in the link
    as ?from=2023-09-05&to=2024-06-14."""
    published = tables.articles["published"].dropna()
    if published.empty:
        return None, None
    first, last = published.min().date(), published.max().date()
    if "dates" not in st.session_state:  # a new session: the link decides
        start, end = _day(st.query_params.get(FROM_PARAM)), _day(st.query_params.get(TO_PARAM))
        st.session_state["dates"] = (min(max(start or first, first), last), max(min(end or last, last), first))
    elif st.session_state.get("_date_bounds") != (first, last):  # another corpus: its whole range
        st.session_state["dates"] = (first, last)
    st.session_state["_date_bounds"] = (first, last)
    chosen = st.date_input(
        tr("Published between", "نُشرت بين"),
        min_value=first,
        max_value=last,
        key="dates",
        format="YYYY-MM-DD",
        help=tr(
            "Every page shows only the articles published in this range; "
            "the full range also keeps the articles without a date.",
            "تعرض كل الصفحات المقالات المنشورة في هذه المدة فقط؛ والمدة كاملة تُبقي المقالات بلا تاريخ أيضًا.",
        ),
    )
    start = chosen[0] if len(chosen) > 0 else first
    end = chosen[1] if len(chosen) > 1 else last  # while the reader picks the second day
    start, end = (start if start > first else None), (end if end < last else None)
    for param, day in ((FROM_PARAM, start), (TO_PARAM, end)):
        if day is not None:
            st.query_params[param] = day.isoformat()
        elif param in st.query_params:
            del st.query_params[param]
    return start, end


def adjective_switch() -> bool:
    """Whether adjectives (الروسي) count as mentions of their country; ?nisba=1 in the link."""
    if "nisba" not in st.session_state:
        st.session_state["nisba"] = st.query_params.get(NISBA_PARAM) == "1"
    nisba = st.toggle(
        tr("Count adjectives as mentions", "احتساب الصفات إشاراتٍ"),
        key="nisba",
        help=tr(
            "الروسي، الكوري الشمالي… counted towards Russia, North Korea…; off: only the names count.",
            "الروسي، الكوري الشمالي… تُحتسب لروسيا وكوريا الشمالية…؛ عند الإيقاف تُحتسب الأسماء وحدها.",
        ),
    )
    if nisba:
        st.query_params[NISBA_PARAM] = "1"
    elif NISBA_PARAM in st.query_params:
        del st.query_params[NISBA_PARAM]
    return nisba
