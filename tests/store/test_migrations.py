"""Migrations that change stored data: a store as an older fuites left it, opened by this one."""

from __future__ import annotations

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text, update

from fuites.models import Document
from fuites.store import Store
from fuites.store.tables import Article


def _head() -> str:
    config = Config()
    config.set_main_option("script_location", "fuites.store:migrations")
    return str(ScriptDirectory.from_config(config).get_current_head())


def _doc(doc: str, url: str) -> Document:
    return Document(doc=doc, lang="fr", published="2024-01-02", url=url, text=f"Article {doc} sur une fuite.")


def test_credentials_stored_by_an_older_version_are_removed(db_url: str) -> None:
    with Store(db_url) as store:
        store.add([_doc("a", "https://press.example/a"), _doc("b", "https://press.example/b"),
                   _doc("c", "https://press.example/c")])
        with store.engine.begin() as conn:
            # as the store held them before addresses were cleaned
            conn.execute(update(Article).where(Article.doc_id == "a").values(
                url="https://editor:s3cret@press.example/a", source="https://editor:s3cret@press.example/a"))
            conn.execute(update(Article).where(Article.doc_id == "b").values(
                url="https://u:p@press.example/c"))  # cleaned, it would be article c's
            conn.execute(text("UPDATE alembic_version SET version_num = '0004_outbox'"))
    with Store(db_url) as store, store.engine.connect() as conn:
        rows = {r.doc_id: r for r in conn.execute(text("SELECT doc_id, url, source FROM articles"))}
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version == _head()
    assert rows["a"].url == "https://press.example/a" and rows["a"].source == "https://press.example/a"
    assert rows["b"].url is None
    assert rows["c"].url == "https://press.example/c"
    assert all("s3cret" not in (r.source or "") for r in rows.values())
