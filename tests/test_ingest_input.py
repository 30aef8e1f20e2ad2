"""Tests for provenance.ingest on real-world input: legacy encodings, other column names, and
every kind of bad input reported by name, with the rest still read."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from test_ingest import write

from provenance.errors import IngestError, ProvenanceError
from provenance.ingest import RECORD_FIELDS, IngestWarning, ingest, ingest_jsonl, parse_columns
from provenance.model import Article

RUSSIAN = (
    "Москва, 27 октября. Пресс-секретарь Кремля Дмитрий Песков заявил, что новые санкции "
    "осложняют усилия по восстановлению отношений.\n\nОн добавил, что встреча президентов "
    "требует серьёзной подготовки."
)
JAPANESE = "東京電力は二十七日、処理水の放出を再開したと発表した。\n\n放出は約十七日間続く予定だ。"
FRENCH = "Le café où Noël s'était réuni à Genève a rouvert jeudi.\n\nLes élèves y ont déjà mangé."
TURKISH = (
    "Türkiye Cumhurbaşkanı, yeni yaptırımların ilişkileri düzeltme çabalarını "
    "zorlaştırdığını söyledi."
)
STORY = "A local story, told in full. It has two sentences."


def collect(*paths: str | Path, **options: object) -> tuple[list[Article], list[IngestError]]:
    """All articles in ``paths``, and the errors reported on the way."""
    errors: list[IngestError] = []
    articles = list(ingest(paths, on_error=errors.append, **options))  # type: ignore[arg-type]
    return articles, errors


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (RUSSIAN, "windows-1251"),
        (RUSSIAN, "koi8-r"),
        ("Привет, мир", "windows-1251"),  # too short for any statistics: the commoner code page
        (JAPANESE, "shift_jis"),
        (FRENCH, "iso-8859-1"),
        (TURKISH, "cp1254"),
    ],
)
def test_legacy_text_files_are_decoded_without_a_declaration(
    tmp_path: Path, text: str, encoding: str
) -> None:
    [article] = ingest([write(tmp_path / "legacy.txt", text.encode(encoding))])
    assert article.text == text


def test_html_file_says_its_own_charset(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in RUSSIAN.split("\n\n"))
    head = '<meta charset="windows-1251"><title>Новости</title>'
    html = f"<html><head>{head}</head><body><article>{body}</article></body></html>"
    [article] = ingest([write(tmp_path / "page.html", html.encode("windows-1251"))])
    assert article.text == RUSSIAN


def test_utf8_page_labelled_latin1_is_read_as_utf8(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in FRENCH.split("\n\n"))
    html = f'<html><head><meta charset="iso-8859-1"></head><body><article>{body}</article></body>'
    [article] = ingest([write(tmp_path / "page.html", html.encode("utf-8"))])
    assert article.text == FRENCH


def test_jsonl_in_a_legacy_encoding(tmp_path: Path) -> None:
    line = json.dumps({"id": "r1", "text": RUSSIAN}, ensure_ascii=False)
    [article] = ingest([write(tmp_path / "export.jsonl", (line + "\n").encode("windows-1251"))])
    assert article.text == RUSSIAN


# --- column mapping ---------------------------------------------------------------------


def test_csv_columns_under_other_names(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "guid,Body,source_name,pub_date,text\n"
        f'w-1,"{STORY}",Harbour Wire,2025-11-04,not the article\n',
    )
    columns = {"id": "guid", "text": "body", "outlet": "Source_Name", "published": "pub_date"}
    [article] = ingest([path], columns=columns)
    assert (article.name, article.text, article.outlet) == ("w-1", STORY, "Harbour Wire")
    assert (article.published, article.date_precision) == ("2025-11-04", "day")


def test_json_and_jsonl_records_are_mapped_too(tmp_path: Path) -> None:
    record = {"headline": "Ferry cancelled", "story": STORY, "site": "Courier"}
    write(tmp_path / "a.json", json.dumps([record]))
    write(tmp_path / "b.jsonl", json.dumps(record) + "\n")
    columns = parse_columns(["text=story", "title=headline", "outlet=site"])
    articles, errors = collect(tmp_path, columns=columns)
    assert errors == []
    assert [(a.title, a.outlet, a.text) for a in articles] == [
        ("Ferry cancelled", "Courier", STORY)
    ] * 2
    [piped] = ingest_jsonl([json.dumps(record).encode()], columns=columns)
    assert piped.outlet == "Courier"


def test_record_missing_the_mapped_column_names_it(tmp_path: Path) -> None:
    path = write(tmp_path / "export.jsonl", json.dumps({"id": "x", "text": STORY}) + "\n")
    articles, errors = collect(path, columns={"text": "body"})
    assert articles == []
    assert [str(e) for e in errors] == [
        f'{path}: record x has no text (give it a "body" field with the article\'s text)'
    ]


def test_csv_without_a_text_column_is_one_error_naming_its_columns(tmp_path: Path) -> None:
    rows = "".join(f'w-{n},Ferry cancelled,"{STORY}"\n' for n in range(5))
    path = write(tmp_path / "export.csv", '"guid","headline","body_text"\n' + rows)
    articles, errors = collect(path)
    assert articles == []
    assert [str(e) for e in errors] == [
        f"{path}: has no text column (its columns: guid, headline, body_text) (name the "
        "column that holds each article's text: --map text=COLUMN)"
    ]  # one error for the file, not one per row
    articles, errors = collect(path, columns={"text": "body"})
    assert len(errors) == 1 and "has no column 'body'" in str(errors[0])
    [article, *_] = ingest([path], columns={"text": "body_text"})
    assert article.text == STORY


def test_a_row_with_an_unquoted_comma_is_kept_and_said(tmp_path: Path) -> None:
    path = write(
        tmp_path / "export.csv",
        "id,outlet,text\n"
        'a,"Harbour Wire","The ferry is cancelled, the operator said."\n'
        "b,Coastal Courier,The ferry is cancelled, the operator said on Monday.\n",
    )
    articles, errors = collect(path)
    assert [a.name for a in articles] == ["a", "b"]
    assert [str(e) for e in errors] == [
        f"{path}: row 2 (line 3) has 4 fields where the header names 3; the extra ones are "
        "left out: 'the operator said on Monday.' (put a field that holds a comma in double "
        "quotes)"
    ]
    assert isinstance(errors[0], IngestWarning)
    with pytest.warns(UserWarning, match="row 2 \\(line 3\\) has 4 fields"):
        assert len(list(ingest([path]))) == 2  # no on_error: a warning, and both read


def test_parse_columns() -> None:
    assert parse_columns(["text=body", " Outlet = source name"]) == {
        "text": "body",
        "outlet": "source name",
    }
    with pytest.raises(ProvenanceError, match="'text' is not FIELD=COLUMN"):
        parse_columns(["text"])
    with pytest.raises(ProvenanceError) as caught:
        parse_columns(["body=text"])
    assert str(caught.value) == "cannot map body: the fields a record can give are " + ", ".join(
        RECORD_FIELDS
    )
    with pytest.raises(ProvenanceError, match="cannot map headline"):
        ingest([], columns={"headline": "title"})


# --- bad input: each named in one line, the rest read -----------------------------------


def bad_inputs(folder: Path) -> dict[str, str]:
    """A file of each kind of bad input, by name, with what its error must say."""
    write(folder / "binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder / "empty.txt", "  \n")
    write(folder / "undecodable.txt", bytes(b for b in random.Random(7).randbytes(800) if b))
    write(folder / "truncated.html", '<html><head><meta charset="utf-8"><title>Kremlin says')
    write(folder / "huge.txt", b"word " * (10 * 1024 * 1024))  # 50 MB
    lines = [json.dumps({"id": "ok", "text": STORY}), "{not json", json.dumps({"id": "no-text"})]
    write(folder / "export.jsonl", "\n".join(lines) + "\n")
    write(folder / "empty.jsonl", "")
    write(folder / "header-only.csv", "id,text\n")
    return {
        "binary.txt": "looks like a binary file",
        "empty.txt": "empty file",
        "undecodable.txt": "its bytes are not text in any character encoding",
        "truncated.html": "no article text found in this web page",
        "huge.txt": "is 50 MB, more than the 20 MB one article or feed may be",
        "export.jsonl": "line 2 is not valid JSON",
        "export.jsonl#": "record no-text has no text",
        "empty.jsonl": "empty file",
        "header-only.csv": "holds no records",
    }


def test_every_kind_of_bad_input_is_named_and_the_rest_read(tmp_path: Path) -> None:
    expected = bad_inputs(tmp_path)
    write(tmp_path / "good.txt", STORY)
    articles, errors = collect(tmp_path)
    assert sorted(a.name for a in articles) == ["good.txt", "ok"]
    found = [(Path(e.path).name, e.problem) for e in errors]
    assert len(found) == len(expected)
    for name, problem in expected.items():
        assert any(n == name.rstrip("#") and problem in p for n, p in found), (name, found)
    assert all("\n" not in str(e) for e in errors)


def test_huge_file_says_how_to_get_it_read(tmp_path: Path) -> None:
    path = write(tmp_path / "dump.txt", b"word " * (10 * 1024 * 1024))
    with pytest.raises(IngestError) as caught:
        list(ingest([path]))
    assert (
        caught.value.fix
        == "split it into a file per article, or give its articles as JSONL records"
    )


def test_binary_line_in_jsonl_is_named(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", b'{"text": "A story."}\n\x00\x01\x02\x03\n')
    articles, errors = collect(path)
    assert [a.text for a in articles] == ["A story."]
    assert [e.problem for e in errors] == ["line 2 is not valid JSON (it is not text)"]


@pytest.mark.parametrize("content", ["[]", '{"articles": []}'])
def test_json_without_records_is_named(tmp_path: Path, content: str) -> None:
    articles, errors = collect(write(tmp_path / "export.json", content))
    assert articles == [] and [e.problem for e in errors] == ["holds no records"]
