"""Tests for provenance.ingest: files and folders in, Articles out."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from provenance import ingest as ingest_module
from provenance.errors import IngestError
from provenance.ingest import article_id, ingest, normalise_date, read_manifest
from provenance.model import Article

DATA = Path(__file__).parent / "data" / "ingest"
STORY = (
    "Moscow, Oct 27 (IANS) New sanctions complicate efforts, Peskov said.\n\nHe spoke on Sunday."
)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def collect(*paths: Path) -> tuple[list[Article], list[IngestError]]:
    """All articles under ``paths``, and the errors reported on the way."""
    errors: list[IngestError] = []
    articles = list(ingest(paths, on_error=errors.append))
    return articles, errors


# --- plain text -------------------------------------------------------------------------


def test_txt_file_is_read_as_is(tmp_path: Path) -> None:
    text = " date 2025-10-26 " + STORY + "\n"
    path = write(tmp_path / "000.txt", text)
    [article] = ingest([path])
    assert article.text == text
    assert article.name == "000.txt"
    assert article.path == str(path)
    assert article.id == article_id(text)
    # Headers, datelines and credits inside plain text are segment's work, not ingest's.
    assert article.published is None
    assert article.dateline is None
    assert article.credits == ()


def test_md_and_extensionless_and_unknown_text_files_are_text(tmp_path: Path) -> None:
    for name in ("a.md", "b", "c.log"):
        write(tmp_path / name, STORY)
    articles = list(ingest([tmp_path]))
    assert [a.name for a in articles] == ["a.md", "b", "c.log"]
    assert all(a.text == STORY for a in articles)


def test_crlf_becomes_lf(tmp_path: Path) -> None:
    [article] = ingest([write(tmp_path / "a.txt", b"One.\r\n\r\nTwo.\r\n")])
    assert article.text == "One.\n\nTwo.\n"


def test_cp1252_bytes_are_decoded(tmp_path: Path) -> None:
    [article] = ingest([write(tmp_path / "a.txt", b"Caf\xe9 owner said \x93no\x94.")])
    assert article.text == "Café owner said “no”."


def test_byte_order_marks_are_honoured(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", b"\xef\xbb\xbfHello reader.")
    write(tmp_path / "b.txt", "Hello reader.".encode("utf-16"))
    articles = list(ingest([tmp_path]))
    assert [a.text for a in articles] == ["Hello reader.", "Hello reader."]


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(IngestError, match=r"photo\.txt: looks like a binary file"):
        list(ingest([path]))


def test_document_formats_are_refused_with_a_fix(tmp_path: Path) -> None:
    path = write(tmp_path / "notes.pdf", b"%PDF-1.4 some text")
    with pytest.raises(IngestError) as caught:
        list(ingest([path]))
    assert str(caught.value) == (
        f"{path}: not a text, HTML, JSON, JSONL or CSV file (convert it to text first)"
    )


@pytest.mark.parametrize("content", ["", "   \n\t\n"])
def test_empty_file_is_an_error(tmp_path: Path, content: str) -> None:
    path = write(tmp_path / "blank.txt", content)
    with pytest.raises(IngestError, match="empty file"):
        list(ingest([path]))


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400))
def test_any_bytes_give_an_article_or_an_ingest_error(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "any.txt", content)
    try:
        articles = list(ingest([path]))
    except IngestError as error:
        assert str(error).startswith(str(path))
    else:
        assert len(articles) == 1
        assert isinstance(articles[0].text, str)
        assert articles[0].text.strip()


# --- ids --------------------------------------------------------------------------------


def test_article_id_is_stable_content_hash() -> None:
    assert article_id(STORY) == article_id(STORY)
    assert len(article_id(STORY)) == 16
    assert article_id(STORY) != article_id(STORY + " More.")


def test_article_id_ignores_line_endings_unicode_form_and_outer_space() -> None:
    assert article_id("One.\r\nTwo.") == article_id("One.\nTwo.")
    assert article_id("Cafe\u0301") == article_id("Café")
    assert article_id("\n  One.  \n") == article_id("One.")


def test_same_text_in_crlf_and_lf_files_has_same_id(tmp_path: Path) -> None:
    write(tmp_path / "lf.txt", b"One.\n\nTwo.\n")
    write(tmp_path / "crlf.txt", b"One.\r\n\r\nTwo.\r\n")
    first, second = ingest([tmp_path])
    assert first.id == second.id


# --- web pages --------------------------------------------------------------------------


def test_news_page_gives_body_and_metadata() -> None:
    [article] = ingest([DATA / "news_page.html"])
    assert article.name == "news_page.html"
    assert article.title == "Kremlin says new sanctions hurt hopes of mending ties"
    assert article.outlet == "Daily Ledger"
    assert article.byline == "Maria Petrova"
    assert article.url == "https://ledger.example.com/world/kremlin-sanctions-ties"
    assert article.published == "2025-10-26T14:03:00+03:00"
    assert article.date_precision == "minute"
    assert "Peskov told reporters on Sunday." in article.text
    assert "\n\nAnalysts in Moscow said" in article.text
    assert "All rights reserved" not in article.text
    assert "Business" not in article.text


def test_copyright_footer_is_no_publication_date() -> None:
    [article] = ingest([DATA / "copyright_only.html"])
    assert article.published is None
    assert article.date_precision is None
    assert article.outlet == "Harbour Gazette"
    assert "bus lanes along Harbour Road" in article.text


def test_a_printed_byline_is_read_where_the_metadata_names_no_author(tmp_path: Path) -> None:
    byline = (
        '<div class="QHbl" data-testid="prism-byline"><span>By</span> '
        '<a href="/about/newsteam/alex-bozarjian">Alex Bozarjian</a> '
        "<span>Wednesday, November 8, 2023 6:10PM</span></div>"
    )
    html = (DATA / "copyright_only.html").read_text(encoding="utf-8")
    [plain] = ingest([write(tmp_path / "plain.html", html)])
    assert plain.byline is None
    [article] = ingest(
        [write(tmp_path / "page.html", html.replace("<article>", "<article>" + byline))]
    )
    assert article.byline == "Alex Bozarjian"  # the link's text, not the date beside it


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        ("Jane Doe Staff Writer", "Jane Doe"),
        ("Jane Doe; Staff Writer", "Jane Doe"),
        ("May 3, 2021 Jane Doe", "Jane Doe"),
        ("Editorial Staff", None),
        ("Article by", None),
        ("admin", None),
        ("Jane Doe Nov. 3, 2020", "Jane Doe"),
        ("Daniel O'Mahony; April Roach", "Daniel O'Mahony; April Roach"),  # April is a name
        ("Kim May", "Kim May"),
    ],
)
def test_an_author_field_keeps_only_names(author: str, byline: str | None) -> None:
    assert ingest_module._clean_byline(author) == byline


def test_an_outlets_staff_is_not_part_of_the_name() -> None:
    clean = ingest_module._clean_byline
    assert clean("Adam Aaronson PhillyVoice Staff", "PhillyVoice") == "Adam Aaronson"


@pytest.mark.parametrize(
    "html",
    [
        '<figure><figcaption class="byline">Photo By John Locher</figcaption></figure>',
        '<div class="comments"><span itemprop="author">Bob Smith</span></div>',
        '<aside><div class="byline">By <a href="/x">Jo Brand</a></div></aside>',
        '<div class="byline"><a href="/popular">Most Popular</a></div>',
    ],
)
def test_a_caption_a_comment_or_a_box_of_other_stories_gives_no_byline(html: str) -> None:
    page = ingest_module.load_html(f"<html><body>{html}<p>Text.</p></body></html>")
    assert ingest_module._page_byline(page) is None


@pytest.mark.parametrize(
    "text", ["Sign Out", "Related Articles", "Leave A Comment", "The Editorial Board"]
)
def test_a_menu_or_a_date_is_no_byline(text: str) -> None:
    assert ingest_module._names(text) is None


def test_meta_tag_date_is_used_when_there_is_no_json_ld(tmp_path: Path) -> None:
    html = (
        (DATA / "copyright_only.html")
        .read_text(encoding="utf-8")
        .replace("<head>", '<head><meta property="article:published_time" content="2025-03-04">')
    )
    [article] = ingest([write(tmp_path / "page.htm", html)])
    assert (article.published, article.date_precision) == ("2025-03-04", "day")


def test_new_year_from_htmldate_needs_evidence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest_module.htmldate, "find_date", lambda *a, **k: "2025-01-01")
    assert ingest_module._find_published("<html><p>(c) 2025</p></html>") == (None, None)
    dated = "<html><p>Posted 2025-01-01</p></html>"
    assert ingest_module._find_published(dated) == ("2025-01-01", "day")


def test_page_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = write(
        tmp_path / "empty.html", "<html><head><title>Hi</title></head><body></body></html>"
    )
    articles, errors = collect(path)
    assert articles == []
    assert [e.path for e in errors] == [str(path)]
    assert "no article text" in errors[0].problem


# --- records ----------------------------------------------------------------------------


def test_json_list_of_records(tmp_path: Path) -> None:
    records = [
        {
            "id": "ians-1",
            "text": STORY,
            "title": "Sanctions",
            "outlet": "IANS",
            "url": "https://x.example/1",
            "published": "2025-10-26T14:03:00+03:00",
            "byline": "Staff",
            "credits": ["IANS", "Xinhua"],
        },
        {
            "body": "Second story.",
            "date": "Oct 26, 2025",
            "author": "A. Writer",
            "credits": "Reuters; AFP",
        },
    ]
    path = write(tmp_path / "batch.json", json.dumps(records))
    first, second = ingest([path])
    assert first.name == "ians-1"
    assert (first.title, first.outlet, first.url, first.byline) == (
        "Sanctions",
        "IANS",
        "https://x.example/1",
        "Staff",
    )
    assert (first.published, first.date_precision) == ("2025-10-26T14:03:00+03:00", "minute")
    assert first.credits == ("IANS", "Xinhua")
    assert first.path == str(path)
    assert second.name == "batch.json#2"
    assert second.text == "Second story."
    assert (second.published, second.date_precision) == ("2025-10-26", "day")
    assert second.byline == "A. Writer"
    assert second.credits == ("Reuters", "AFP")


@pytest.mark.parametrize("key", ["articles", "items", "records"])
def test_json_object_with_a_list_of_records(tmp_path: Path, key: str) -> None:
    path = write(tmp_path / "feed.json", json.dumps({key: [{"id": 7, "content": "Text."}]}))
    [article] = ingest([path])
    assert (article.name, article.text) == ("7", "Text.")


def test_json_single_record(tmp_path: Path) -> None:
    [article] = ingest([write(tmp_path / "one.json", json.dumps({"text": "Only one."}))])
    assert (article.name, article.text) == ("one.json#1", "Only one.")


def test_invalid_json_file_is_an_ingest_error(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[{"id": "a", "text": "x"')
    with pytest.raises(IngestError, match=r"broken\.json: is not valid JSON"):
        list(ingest([path]))


def test_jsonl_records_and_a_bad_line(tmp_path: Path) -> None:
    lines = ['{"id": "a", "text": "First."}', "{not json", "", '{"id": "c", "text": "Third."}']
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    articles, errors = collect(path)
    assert [a.name for a in articles] == ["a", "c"]
    assert len(errors) == 1
    assert errors[0].path == str(path)
    assert "line 2 is not valid JSON" in str(errors[0])


def test_csv_records(tmp_path: Path) -> None:
    csv_text = (
        "id,title,body,Author,published,credits\n"
        'r1,Headline,"Body one, with a comma.",Jo Doe,26 October 2025,IANS;Xinhua\n'
        ",,Body two.,,,\n"
    )
    first, second = ingest([write(tmp_path / "sheet.csv", csv_text)])
    assert (first.name, first.title, first.text, first.byline) == (
        "r1",
        "Headline",
        "Body one, with a comma.",
        "Jo Doe",
    )
    assert (first.published, first.credits) == ("2025-10-26", ("IANS", "Xinhua"))
    assert (second.name, second.text, second.title) == ("sheet.csv#2", "Body two.", None)


def test_tab_separated_records(tmp_path: Path) -> None:
    tsv_text = "id\ttitle\ttext\nr1\tHeadline\tBody one, with a comma.\n"
    (only,) = ingest([write(tmp_path / "sheet.tsv", tsv_text)])
    assert (only.name, only.title, only.text) == ("r1", "Headline", "Body one, with a comma.")


def test_an_index_without_text_is_skipped_not_read_as_an_article(tmp_path: Path) -> None:
    write(tmp_path / "INDEX.tsv", "file\turl\na.html\thttps://example.com/a\n")
    errors: list[IngestError] = []
    assert list(ingest([tmp_path], on_error=errors.append)) == []
    assert errors and "no text" in str(errors[0])


def test_a_csv_field_longer_than_the_csv_modules_limit_is_read_whole(tmp_path: Path) -> None:
    # a long article or a transcript in one field: valid CSV, over csv's default 128 KiB
    body = "The council met again. " * 10_000
    path = write(tmp_path / "huge.csv", f'id,text\na,"{body}"\nb,Short one.\n')
    articles = list(ingest([path]))
    assert [a.name for a in articles] == ["a", "b"]
    assert articles[0].text == body.strip()


def test_record_without_text_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    records = [{"id": "a", "text": "Fine."}, {"id": "b", "title": "No body"}, {"text": "Also."}]
    path = write(tmp_path / "mixed.json", json.dumps(records))
    articles, errors = collect(path)
    assert [a.name for a in articles] == ["a", "mixed.json#3"]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{path}: record b has no text")


def test_record_without_text_raises_without_on_error(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.json", json.dumps([{"id": "b"}]))
    with pytest.raises(IngestError, match="record b has no text"):
        list(ingest([path]))


# --- folders, names, order --------------------------------------------------------------


def test_nested_folders_give_relative_names_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a/z.txt", "a/deep/y.txt", "c.txt"):
        write(tmp_path / "in" / name, f"Story {name}.")
    articles = list(ingest([tmp_path / "in"]))
    assert [a.name for a in articles] == ["a/deep/y.txt", "a/z.txt", "b.txt", "c.txt"]
    assert articles[0].path == str(tmp_path / "in" / "a" / "deep" / "y.txt")
    assert [a.id for a in ingest([tmp_path / "in"])] == [a.id for a in articles]


def test_hidden_readme_and_truth_files_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "000.txt", STORY)
    write(tmp_path / ".DS_Store", b"\x00\x01binary")
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main")
    write(tmp_path / "README.md", "About these files.")
    write(tmp_path / "truth.jsonl", '{"a": "000.txt", "b": "001.txt", "relation": "none"}\n')
    articles, errors = collect(tmp_path)
    assert [a.name for a in articles] == ["000.txt"]
    assert errors == []


def test_shell_expanded_folder_uses_manifest_and_skips_truth(tmp_path: Path) -> None:
    story = write(tmp_path / "000.txt", STORY)
    manifest = write(tmp_path / "manifest.csv", "path,outlet\n000.txt,IANS\n")
    truth = write(tmp_path / "truth.jsonl", '{"a": "000.txt", "relation": "none"}\n')
    [article] = ingest([story, manifest, truth])
    assert (article.name, article.outlet) == ("000.txt", "IANS")


def test_fixture_seeds_folder_reads_five_articles() -> None:
    seeds = Path(__file__).parent.parent / "fixtures" / "seeds"
    if not seeds.is_dir():
        pytest.skip("fixtures/seeds not present")
    articles = list(ingest([seeds]))
    assert [a.name for a in articles] == [f"00{i}.txt" for i in range(5)]
    assert len({a.id for a in articles}) == 5


def test_ingest_streams_one_file_at_a_time(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First.")
    write(tmp_path / "b.txt", "Second.")
    articles = ingest([tmp_path])
    assert next(articles).text == "First."
    write(tmp_path / "b.txt", "Changed after the first was read.")
    assert next(articles).text == "Changed after the first was read."


def test_missing_path_raises_at_once(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file or folder") as caught:
        ingest([tmp_path / "nope.txt"])
    assert caught.value.path == str(tmp_path / "nope.txt")


def test_missing_path_goes_to_on_error_and_the_rest_is_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", STORY)
    articles, errors = collect(tmp_path / "nope.txt", good)
    assert [a.name for a in articles] == ["good.txt"]
    assert [e.problem for e in errors] == ["no such file or folder"]


def test_bad_file_in_folder_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "First.")
    write(tmp_path / "b.docx", b"PK\x03\x04")
    write(tmp_path / "c.txt", "")
    write(tmp_path / "d.txt", "Last.")
    articles, errors = collect(tmp_path)
    assert [a.name for a in articles] == ["a.txt", "d.txt"]
    assert [Path(e.path).name for e in errors] == ["b.docx", "c.txt"]


# --- manifests --------------------------------------------------------------------------


def test_folder_manifest_is_used_and_not_ingested(tmp_path: Path) -> None:
    write(tmp_path / "000.txt", STORY)
    write(tmp_path / "sub" / "001.txt", "Another story.")
    write(
        tmp_path / "manifest.csv",
        "path,outlet,published,url\n"
        "000.txt,IANS,2025-10-27,https://ians.example/1\n"
        'sub/001.txt,MENAFN,"Oct 26, 2025",\n',
    )
    articles, errors = collect(tmp_path)
    assert errors == []
    assert [a.name for a in articles] == ["000.txt", "sub/001.txt"]
    first, second = articles
    assert (first.outlet, first.published, first.date_precision) == ("IANS", "2025-10-27", "day")
    assert first.url == "https://ians.example/1"
    assert (second.outlet, second.published) == ("MENAFN", "2025-10-26")


def test_manifest_outlet_wins_but_fills_only_missing_fields(tmp_path: Path) -> None:
    write(
        tmp_path / "wire.jsonl",
        json.dumps(
            {
                "id": "r1",
                "text": "Body.",
                "outlet": "Wrong Name",
                "title": "Own title",
                "published": "2025-10-26",
            }
        )
        + "\n",
    )
    write(
        tmp_path / "manifest.json",
        json.dumps(
            {
                "r1": {
                    "outlet": "Anadolu Agency",
                    "title": "Manifest title",
                    "published": "2020-01-01",
                    "byline": "From manifest",
                }
            }
        ),
    )
    [article] = ingest([tmp_path])
    assert article.outlet == "Anadolu Agency"
    assert article.title == "Own title"
    assert article.published == "2025-10-26"
    assert article.byline == "From manifest"


def test_explicit_manifest_matches_by_basename(tmp_path: Path) -> None:
    write(tmp_path / "articles" / "000.txt", STORY)
    manifest = write(
        tmp_path / "meta.json",
        json.dumps(
            [{"path": "000.txt", "outlet": "IANS", "published": "2025-10-27T09:15:00+05:30"}]
        ),
    )
    [article] = ingest([tmp_path / "articles"], manifest=manifest)
    assert article.outlet == "IANS"
    assert (article.published, article.date_precision) == ("2025-10-27T09:15:00+05:30", "minute")


def test_read_manifest_csv_with_name_column(tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", "name,outlet,author,ignored\n.\\a\\b.txt,Reuters,Jo,x\n")
    assert read_manifest(path) == {"a/b.txt": {"outlet": "Reuters", "byline": "Jo"}}


def test_manifest_file_column_is_read_and_one_naming_no_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "named").mkdir()
    path = write(tmp_path / "named" / "m.csv", "file,outlet\na.txt,Herald\n")
    assert read_manifest(path) == {"a.txt": {"outlet": "Herald"}}
    folder = tmp_path / "unnamed"
    folder.mkdir()
    write(folder / "a.txt", "Text.")
    write(folder / "manifest.csv", "document,outlet\na.txt,Herald\n")
    articles, errors = collect(folder)
    assert [(a.name, a.outlet) for a in articles] == [("a.txt", None)]  # the text is still read
    assert len(errors) == 1
    assert "manifest.csv: names no file (no row has a path)" in str(errors[0])


def test_manifest_file_column_comes_before_a_name_column(tmp_path: Path) -> None:
    path = write(tmp_path / "m.csv", "name,filename,outlet\nJo Bloggs,a.txt,Herald\n")
    assert read_manifest(path) == {"a.txt": {"outlet": "Herald"}}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"a.txt": "Herald"}', "entry 'a.txt' is a str, not an object"),
        ('[{"path": "a.txt"}, 3]', "entry 1 is a int, not an object"),
        ('"Herald"', "it holds a str"),
    ],
)
def test_a_json_manifest_of_another_shape_is_said_with_its_entry(
    tmp_path: Path, text: str, said: str
) -> None:
    with pytest.raises(IngestError, match=re.escape(said)):
        read_manifest(write(tmp_path / "m.json", text))


def test_missing_manifest_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such manifest"):
        ingest([tmp_path], manifest=tmp_path / "nope.csv")


def test_broken_folder_manifest_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Text.")
    write(tmp_path / "manifest.json", "{oops")
    articles, errors = collect(tmp_path)
    assert [a.name for a in articles] == ["a.txt"]
    assert "manifest.json: is not valid JSON" in str(errors[0])


# --- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-10-26", ("2025-10-26", "day")),
        ("2025-10-26T14:03:00+03:00", ("2025-10-26T14:03:00+03:00", "minute")),
        ("2025-10-26T11:03:00Z", ("2025-10-26T11:03:00+00:00", "minute")),
        ("2025-10-26 14:03", ("2025-10-26T14:03:00", "minute")),
        ("2025-10-26T00:00:00", ("2025-10-26", "day")),
        ("Oct 26, 2025", ("2025-10-26", "day")),
        ("26 October 2025", ("2025-10-26", "day")),
        ("Sun, 26 Oct 2025 14:03:00 +0300", ("2025-10-26T14:03:00+03:00", "minute")),
        ("26/10/2025", ("2025-10-26", "day")),
        ("October 2025", ("2025-10", "month")),
        ("2025-10", ("2025-10", "month")),
        ("2025", ("2025", "year")),
        ("03/04/2025", (None, None)),
        ("Oct 26", (None, None)),
        ("yesterday", (None, None)),
        ("", (None, None)),
        (None, (None, None)),
    ],
)
def test_normalise_date(written: str | None, expected: tuple[str | None, str | None]) -> None:
    assert normalise_date(written) == expected


def test_data_folder_fixture_is_readable(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    shutil.copytree(DATA, folder)
    articles, errors = collect(folder)
    assert errors == []
    assert [a.name for a in articles] == ["copyright_only.html", "news_page.html"]


@settings(max_examples=300)
@given(written=st.text(max_size=40))
def test_normalise_date_never_fails_and_gives_iso_or_none(written: str) -> None:
    published, precision = normalise_date(written)
    assert (published is None) == (precision is None)
    if published is not None:
        assert published[:4].isdigit()
        assert precision in ("minute", "day", "month", "year")


# --- more manifest and page cases -------------------------------------------------------


def test_nearest_folder_manifest_wins_and_file_entries_cover_records(tmp_path: Path) -> None:
    write(tmp_path / "manifest.csv", "path,outlet,byline\nsub/a.txt,Outer,Outer Writer\n")
    write(tmp_path / "sub" / "a.txt", "Story A.")
    write(tmp_path / "sub" / "manifest.json", json.dumps({"a.txt": {"outlet": "Inner"}}))
    write(tmp_path / "wire.jsonl", '{"id": "w1", "text": "Wire one."}\n')
    write(tmp_path / "manifest.json", json.dumps({"wire.jsonl": {"outlet": "Reuters"}}))
    articles, errors = collect(tmp_path)
    assert errors == []
    by_name = {a.name: a for a in articles}
    assert (by_name["sub/a.txt"].outlet, by_name["sub/a.txt"].byline) == ("Inner", "Outer Writer")
    assert by_name["w1"].outlet == "Reuters"


@pytest.mark.parametrize(
    ("title", "outlet", "expected"),
    [
        ("Masks stolen | The Japan Times", "The Japan Times", "Masks stolen"),
        ("Crash - WSVN 7News | Miami News", "WSVN 7News | Miami News", "Crash"),
        ("Trump - A", "Associated Press", "Trump - A"),
        ("Left - Right", None, "Left - Right"),
    ],
)
def test_outlet_suffix_is_dropped_from_page_title(
    title: str, outlet: str | None, expected: str
) -> None:
    assert ingest_module._strip_outlet(title, outlet) == expected


@pytest.mark.parametrize(
    ("title", "url", "expected"),
    [
        (
            "Brother killed at home | UKBDNEWS",
            "http://ukbdnews.com/2020/08/1/",
            "Brother killed at home",
        ),
        (
            "Storm hits coast - The Herald",
            "https://www.heraldnews.example/x",
            "Storm hits coast - The Herald",
        ),
        ("Left - Right", "https://right.example/a", "Left"),
        ("Left - Right", "https://example/a", "Left - Right"),
    ],
)
def test_site_name_of_the_address_is_dropped_from_page_title(
    title: str, url: str, expected: str
) -> None:
    # the page names itself with a tagline, not its name: its address names it
    assert ingest_module._strip_outlet(title, "We are first, we lead", url) == expected


def test_extractor_failure_becomes_an_ingest_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("odd markup")

    monkeypatch.setattr(ingest_module.trafilatura, "bare_extraction", explode)
    path = write(tmp_path / "odd.html", "<html><body><p>Text</p></body></html>")
    with pytest.raises(IngestError, match=r"odd\.html: web page could not be read \(odd markup\)"):
        list(ingest([path]))
