"""The stored search index that silkroutes.core.search reads, kept by the database itself.

PostgreSQL: a stored generated ``tsvector`` column, ``search_document``, with a GIN index, over
the text folded by ``unaccent``. SQLite: an FTS5 table ``<table>_search`` over the same columns,
with the table as its content, a tokenizer that removes diacritics, and triggers that follow every
insert, update and delete. Either way every writer (services, the admin,
the dataset loader and generator, bulk inserts, factories) keeps the index true in its own
transaction, so nothing has to remember to update it and a rolled-back write leaves no trace.

The index covers every row of its table; what is public is decided by the queryset searched (each
domain's ``public_*()`` or ``documents_visible_to(user)``), as for every other read. An index of
public rows only would be wrong without any write: a document becomes public when its embargo ends.
"""

from django.db import connections
from django.db.migrations.operations.base import Operation

SEARCH_COLUMN = "search_document"
FTS_SUFFIX = "_search"
# unaccent() is only STABLE (its dictionary could change), and a generated column needs an
# IMMUTABLE expression: this wrapper names the dictionary, so that it is. The search folds the
# query with the same function.
FOLD_FUNCTION = "silkroutes_unaccent"
CREATE_FOLD_FUNCTION = (
    f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION}(text) RETURNS text "
    "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
    "AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$"
)
SQLITE_TOKENIZERS = {
    False: "unicode61 remove_diacritics 0",
    True: "unicode61 remove_diacritics 2",
}


def fts_table(table: str) -> str:
    return f"{table}{FTS_SUFFIX}"


def _quoted(names) -> str:
    return ", ".join(f'"{name}"' for name in names)


def postgresql_statements(table: str, columns: list[str], *, folded: bool = True) -> list[str]:
    # The same text as SearchVector over the columns (so ranks do not change): the columns joined
    # by spaces, with angle brackets as spaces (PostgreSQL's parser drops "<...>" as a tag), and
    # without accents when folded.
    text = " || ' ' || ".join(f"COALESCE(\"{column}\"::text, '')" for column in columns)
    text = f"translate({text}, '<>', '  ')"
    if folded:
        text = f"{FOLD_FUNCTION}({text})"
    return [
        f'ALTER TABLE "{table}" ADD COLUMN "{SEARCH_COLUMN}" tsvector GENERATED ALWAYS AS '
        f"(to_tsvector('simple'::regconfig, {text})) STORED",
        f'CREATE INDEX "{table}_search_gin" ON "{table}" USING gin ("{SEARCH_COLUMN}")',
    ]


def sqlite_statements(table: str, columns: list[str], *, folded: bool = True) -> list[str]:
    """Idempotent: also restores the triggers that SQLite drops when a migration remakes the
    table (see ``restore_sqlite_triggers``; the table, and so its tokenizer, is kept). Table and
    column names come from our migrations."""
    index = fts_table(table)
    names = _quoted(columns)
    new = ", ".join(f'new."{column}"' for column in columns)
    old = ", ".join(f'old."{column}"' for column in columns)
    insert = f'INSERT INTO "{index}"(rowid, {names}) VALUES (new."id", {new});'  # noqa: S608
    delete = (
        f'INSERT INTO "{index}"("{index}", rowid, {names}) '  # noqa: S608
        f"VALUES ('delete', old.\"id\", {old});"
    )
    return [
        f'CREATE VIRTUAL TABLE IF NOT EXISTS "{index}" USING fts5({names}, content="{table}", '
        f"content_rowid=\"id\", tokenize='{SQLITE_TOKENIZERS[folded]}')",
        f'CREATE TRIGGER IF NOT EXISTS "{index}_insert" AFTER INSERT ON "{table}" '
        f"BEGIN {insert} END",
        f'CREATE TRIGGER IF NOT EXISTS "{index}_delete" AFTER DELETE ON "{table}" '
        f"BEGIN {delete} END",
        f'CREATE TRIGGER IF NOT EXISTS "{index}_update" AFTER UPDATE ON "{table}" '
        f"BEGIN {delete} {insert} END",
    ]


def _rebuild_sqlite(cursor, table: str) -> None:
    index = fts_table(table)
    cursor.execute(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')  # noqa: S608


class CreateSearchIndex(Operation):
    """Index ``columns`` of a model's table for text search (the columns are listed in the
    migration, so that a later change of the searched fields is a migration of its own).
    ``folded`` indexes without accents; it needs ``CreateFoldFunction`` before it (indexes made
    before folding existed are folded by ``FoldSearchIndex``)."""

    reversible = True
    reduces_to_sql = False

    def __init__(self, model_name: str, columns: list[str], folded: bool = False):
        self.model_name = model_name
        self.columns = list(columns)
        self.folded = folded

    def deconstruct(self):
        kwargs = {"folded": True} if self.folded else {}
        return (self.__class__.__name__, [self.model_name, self.columns], kwargs)

    def state_forwards(self, app_label, state):
        pass  # the models do not change: the index lives beside them

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        _create(schema_editor, table, self.columns, folded=self.folded)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = from_state.apps.get_model(app_label, self.model_name)._meta.db_table
        _drop(schema_editor, table)

    def describe(self):
        return f"Create the text search index of {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_search_index"


class FoldSearchIndex(CreateSearchIndex):
    """Index again, without accents, the ``columns`` that an earlier ``CreateSearchIndex`` indexed
    as typed (backwards: as typed again)."""

    def __init__(self, model_name: str, columns: list[str]):
        super().__init__(model_name, columns, folded=True)

    def deconstruct(self):
        return (self.__class__.__name__, [self.model_name, self.columns], {})

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        table = to_state.apps.get_model(app_label, self.model_name)._meta.db_table
        _drop(schema_editor, table)
        _create(schema_editor, table, self.columns, folded=True)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        table = from_state.apps.get_model(app_label, self.model_name)._meta.db_table
        _drop(schema_editor, table)
        _create(schema_editor, table, self.columns, folded=False)

    def describe(self):
        return f"Fold accents and case in the text search index of {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name}_search_folded"


class CreateFoldFunction(Operation):
    """PostgreSQL: the ``unaccent`` extension (trusted: a database owner may create it) and the
    immutable function over it that folded indexes and queries use. Nothing on SQLite."""

    reversible = True
    reduces_to_sql = False

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            schema_editor.execute(CREATE_FOLD_FUNCTION)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {FOLD_FUNCTION}(text)")

    def describe(self):
        return "Create the function that folds accents for text search"


def _create(schema_editor, table: str, columns: list[str], *, folded: bool) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = postgresql_statements(table, columns, folded=folded)
    elif vendor == "sqlite":
        statements = sqlite_statements(table, columns, folded=folded)
    else:
        return
    for statement in statements:
        schema_editor.execute(statement)
    if vendor == "sqlite":
        _rebuild_sqlite(schema_editor.connection.cursor(), table)


def _drop(schema_editor, table: str) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f'ALTER TABLE "{table}" DROP COLUMN "{SEARCH_COLUMN}"')
    elif vendor == "sqlite":
        index = fts_table(table)
        for suffix in ("_insert", "_delete", "_update"):
            schema_editor.execute(f'DROP TRIGGER IF EXISTS "{index}{suffix}"')
        schema_editor.execute(f'DROP TABLE IF EXISTS "{index}"')


# -- upkeep --------------------------------------------------------------------------------------


def indexed_tables(using: str = "default") -> dict[str, list[str]]:
    """Table → the columns its search index covers, as the database has them."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            return _postgresql_indexed_tables(cursor)
        if connection.vendor == "sqlite":
            return _sqlite_indexed_tables(cursor)
    return {}


def _postgresql_indexed_tables(cursor) -> dict[str, list[str]]:
    # The columns a generated column reads are recorded as dependencies of its expression.
    cursor.execute(
        """
        SELECT c.relname, source.attname
        FROM pg_attribute generated
        JOIN pg_class c ON c.oid = generated.attrelid
        JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = generated.attnum
        JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid
             AND dep.refobjid = c.oid
        JOIN pg_attribute source ON source.attrelid = c.oid AND source.attnum = dep.refobjsubid
        WHERE generated.attname = %s AND source.attnum <> generated.attnum
              AND c.relnamespace = 'public'::regnamespace
        ORDER BY c.relname, source.attnum
        """,
        [SEARCH_COLUMN],
    )
    tables: dict[str, list[str]] = {}
    for table, column in cursor.fetchall():
        tables.setdefault(table, []).append(column)
    return tables


def _sqlite_indexed_tables(cursor) -> dict[str, list[str]]:
    cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    indexes = [
        name
        for name, sql in cursor.fetchall()
        if name.endswith(FTS_SUFFIX) and "USING fts5" in (sql or "")
    ]
    tables = {}
    for index in indexes:
        cursor.execute(f'PRAGMA table_info("{index}")')
        tables[index.removesuffix(FTS_SUFFIX)] = [row[1] for row in cursor.fetchall()]
    return tables


def restore_sqlite_triggers(using: str = "default", **kwargs) -> None:
    """After ``migrate`` on SQLite: a migration that alters an indexed table copies it into a new
    one and drops the old with its triggers; put them back and re-read the table (post_migrate)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for table, columns in _sqlite_indexed_tables(cursor).items():
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s"
                " AND name LIKE %s",
                [table, f"{fts_table(table)}%"],
            )
            if cursor.fetchone()[0] == 3:
                continue
            for statement in sqlite_statements(table, columns):
                cursor.execute(statement)
            _rebuild_sqlite(cursor, table)


def rebuild_search_indexes(using: str = "default") -> list[str]:
    """Rebuild every search index from its table (SQLite: the FTS5 tables and their triggers;
    PostgreSQL: the GIN indexes, then fresh statistics). Returns the tables rebuilt."""
    connection = connections[using]
    tables = indexed_tables(using)
    with connection.cursor() as cursor:
        for table, columns in tables.items():
            if connection.vendor == "postgresql":
                cursor.execute(f'REINDEX INDEX "{table}_search_gin"')
                cursor.execute(f'ANALYZE "{table}"')
            else:
                for statement in sqlite_statements(table, columns):
                    cursor.execute(statement)
                _rebuild_sqlite(cursor, table)
    return sorted(tables)
