"""A story Marsad was not built on, from the shared SaudiNewsNet copy (CC BY-NC-SA 4.0,
parallelfold/SaudiNewsNet; read in place, never copied into the repository): the suicide
bombing in Suruç (سروج / سوروتش), Turkey, 20 July 2015, whose toll rose from 27 to 32 killed
across outlets and days."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

SAUDINEWSNET = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"
STORY_WORDS = ("سروج", "سوروتش")


def suruc_articles(
    days: tuple[str, ...] = ("2015-07-21", "2015-07-22", "2015-07-23", "2015-07-24", "2015-07-25"),
) -> list[dict]:
    """The SaudiNewsNet articles that name Suruç, in the dataset's own fields (source, url,
    date_extracted, title, author, content), one copy of each url."""
    found, seen = [], set()
    for day in days:
        with zipfile.ZipFile(SAUDINEWSNET / f"{day}.zip") as archive:
            for name in archive.namelist():
                for article in json.loads(archive.read(name)):
                    text = article.get("title", "") + article.get("content", "")
                    if any(w in text for w in STORY_WORDS) and article["url"] not in seen:
                        seen.add(article["url"])
                        found.append(article)
    return found


def suruc_file(path: Path) -> Path:
    """The story as one JSON file an analyst would upload."""
    path.write_text(json.dumps(suruc_articles(), ensure_ascii=False), encoding="utf-8")
    return path
