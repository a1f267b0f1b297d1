"""The reader's own files: analysed with a status box and a progress bar, and an editor for the outlet, date and
url of each article, whose edits are analysed again (this session only)."""

from __future__ import annotations

import contextvars
import json
import time
from dataclasses import replace
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus import METADATA_NAME, Article, first_line
from analysis.parallel import Progress
from analysis.tables import Tables

from .data import Files, _articles_of, tables_or_stop
from .language import tr

UPLOAD_FIELDS = ["outlet", "published", "url"]  # what the user may set or fix per article


def metadata_table(articles: pd.DataFrame) -> pd.DataFrame:
    """The uploaded articles' outlet, date and url as the analysis read them, for editing."""
    table = articles[["article", "title"] + UPLOAD_FIELDS].copy()
    # days as objects, None where unknown: an all-unknown column stays a column of days to edit
    table["published"] = pd.Series(
        [d.date() if pd.notna(d) else None for d in pd.to_datetime(table["published"])], index=table.index, dtype=object
    )
    table["url"] = table["url"].fillna("")
    return table.reset_index(drop=True)


def corrected_corpus(articles: tuple[Article, ...], before: pd.DataFrame, after: pd.DataFrame) -> Files:
    """The articles as one JSONL file with the user's edits applied (only the cells changed),
    so they are analysed again like any upload, keyed by content: a new outlet for
    "رايت رايتس" or a fixed date re-resolves "الثلاثاء" against it."""
    changed = {}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows()):
        fields = {f: new[f] for f in UPLOAD_FIELDS if not (pd.isna(old[f]) and pd.isna(new[f])) and old[f] != new[f]}
        if fields:
            changed[old["article"]] = fields
    lines = []
    for article in articles:
        edits = changed.get(article.id, {})
        if "outlet" in edits:
            outlet = str(edits["outlet"] or "").strip() or "unknown"
            article = replace(article, outlet=outlet, outlet_en=outlet)
        if "published" in edits:
            day = edits["published"]
            article = replace(
                article,
                published=None if pd.isna(day) else pd.Timestamp(day).date(),
                date_basis="set by the user" if not pd.isna(day) else "",
            )
        if "url" in edits:
            article = replace(article, url=str(edits["url"] or "").strip())
        lines.append(
            json.dumps(
                {
                    "id": article.id,
                    "text": article.text,
                    "outlet": article.outlet,
                    # a title read off the first line is read again: a new outlet makes its masthead chrome
                    "title": "" if article.title == first_line(article.text, article.chrome) else article.title,
                    "outlet_en": article.outlet_en,
                    "url": article.url,
                    "published": article.published.isoformat() if article.published else "",
                    "date_basis": article.date_basis,
                    "author": article.author,
                    "wire": article.wire,
                    "evidence": article.evidence,
                },
                ensure_ascii=False,
            )
        )
    return (("my-articles-edited.jsonl", "\n".join(lines).encode("utf-8")),)


def upload_editor(tables: Tables, files: Files) -> Files:
    """An editable table of the uploads' outlet, date and url; returns the files to analyse:
    the uploads as they are, or the corpus with the user's edits (this session only)."""
    before = metadata_table(tables.articles)
    with st.expander(
        tr("Outlet, date and url of your articles", "منفذ مقالاتك وتاريخها ورابطها"),
        expanded=(before["outlet"] == "unknown").any(),
    ):
        after = st.data_editor(
            before,
            key="upload_meta",
            hide_index=True,
            disabled=["article", "title"],
            column_order=["outlet", "published", "url", "title", "article"],  # editable first: a narrow sidebar
            column_config={
                "article": st.column_config.TextColumn(tr("Article", "المقال"), width="small"),
                "title": st.column_config.TextColumn(tr("Title", "العنوان"), width="small"),
                "outlet": st.column_config.TextColumn(tr("Outlet", "المنفذ")),
                "published": st.column_config.DateColumn(tr("Published", "تاريخ النشر"), format="YYYY-MM-DD"),
                "url": st.column_config.TextColumn(tr("URL", "الرابط")),
            },
        )
        st.caption(
            tr(
                "Edits are analysed again and kept for this session only.",
                "تُحلَّل التعديلات من جديد وتبقى في هذه الجلسة فقط.",
            )
        )
    if after.equals(before):
        return files
    return corrected_corpus(_articles_of(files), before, after)


def duration(seconds: float) -> str:
    """40 -> "40 s", 150 -> "3 min" (a rough time is all a reader needs)."""
    return (
        tr(f"{seconds:,.0f} s", f"{seconds:,.0f} ث")
        if seconds < 90
        else tr(f"{seconds / 60:,.0f} min", f"{seconds / 60:,.0f} د")
    )


def progress_text(progress: Progress) -> str:
    """ "1,200 of 3,000 articles analysed · about 40 s left"."""
    done, total, left = progress.done, progress.total, progress.seconds_left()
    if done == total:
        took = duration(time.monotonic() - progress.started)
        return tr(f"{total:,} of {total:,} articles analysed in {took}", f"حُلِّل {total:,} من {total:,} مقال في {took}")
    rest = "" if left is None else tr(f" · about {duration(left)} left", f" · يبقى نحو {duration(left)}")
    return tr(f"{done:,} of {total:,} articles analysed{rest}", f"حُلِّل {done:,} من {total:,} مقال{rest}")


def _unrecorded(draw, *args, **kwargs) -> None:
    """Draw from inside a cached function without the cache recording it: the cache draws what
    its function drew again on every hit (a bar of another session's upload, on a placeholder it
    does not know: an error). Run in a copy of the context, where the recording is switched off."""
    try:
        from streamlit.runtime.caching.cached_message_replay import in_cached_function
    except ImportError:  # another Streamlit: no bar rather than a wrong one
        return
    in_cached_function.set(False)
    draw(*args, **kwargs)


def analyse_with_status(files: Files | None) -> tuple[Tables, tuple[str, ...]]:
    """tables_or_stop, with a status box and a bar of the articles done (analysed on every
    core) while a new corpus (or a new edit) is analysed."""
    key = hash(files)
    if files is None or st.session_state.get("_analysed") == key:
        return tables_or_stop(files)
    articles = sum(1 for name, _ in files if Path(name).name.lower() != METADATA_NAME)
    with st.status(tr(f"Analysing {articles:,} file(s)…", f"جارٍ تحليل {articles:,} ملف…"), expanded=True) as status:
        bar = st.empty()

        def show(progress: Progress) -> None:
            contextvars.copy_context().run(_unrecorded, bar.progress, progress.fraction, text=progress_text(progress))

        result = tables_or_stop(files, show)
        n = len(result[0].articles)
        status.update(
            label=tr(f"Analysed {n:,} article{'s' if n != 1 else ''}", f"حُلِّل {n:,} مقال"),
            state="complete",
            expanded=False,
        )
    st.session_state["_analysed"] = key
    return result
