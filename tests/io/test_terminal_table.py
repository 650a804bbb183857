"""The terminal table: fixed column widths, long text cut with an ellipsis, rows printed
as results arrive."""

from __future__ import annotations

from quotes.io.table import Column, QuoteTable, clip, fit_columns, format_table
from quotes.records import Quote, Result

COLUMNS = (Column("speaker", 12), Column("quotes", 6, ">"), Column("sample quote", 30))


def test_clip_keeps_short_text_and_cuts_long_text_with_an_ellipsis():
    assert clip("Wang Yi", 12) == "Wang Yi"
    assert clip("  The door\n is   open ", 20) == "The door is open"  # one line, spaces collapsed
    cut = clip("China is ready to deepen strategic mutual trust with Russia", 20)
    assert cut == "China is ready to d…" and len(cut) == 20
    assert clip(None, 5) == "" and clip(1382, 6) == "1382"


def test_the_last_column_takes_the_rest_of_the_terminal():
    assert fit_columns(COLUMNS, 80) == [12, 6, 80 - 12 - 6 - 2 * 2]
    assert fit_columns(COLUMNS, 20) == [12, 6, 12]  # never narrower than 12


def test_format_table_aligns_every_row_to_the_column_widths():
    rows = [("Foreign Minister Wang Yi", 3, "China is ready to deepen strategic mutual trust with Russia"),
            ("Putin", 12, "Relations have reached new frontiers")]
    lines = format_table(COLUMNS, rows, total_width=60).splitlines()
    assert lines[0] == "speaker       quotes  sample quote"
    assert lines[1] == "------------  ------  " + "-" * 38
    assert lines[2] == "Foreign Min…       3  China is ready to deepen strategic mu…"
    assert lines[3] == "Putin             12  Relations have reached new frontiers"
    assert all(len(line) <= 60 for line in lines)


def test_quote_table_prints_a_row_per_quote_and_says_why_there_are_none():
    printed: list[str] = []
    table = QuoteTable(total_width=100, write=printed.append)
    table.add(Result("moscow-1", [Quote(1, 13, "We are ready", "direct", speaker="Zhang Hanhui",
                                        role="China's ambassador to Moscow"),
                                  Quote(40, 60, "talks will go on", "indirect")]))
    table.add(Result("moscow-2", []))
    table.add(Result("moscow-3", error="document longer than 2,000,000 characters"))
    assert printed[0].split() == ["document", "speaker", "role", "kind", "quote"]
    assert [line.split("  ")[0] for line in printed[2:]] == ["moscow-1", "moscow-1", "moscow-2", "moscow-3"]
    assert "China's ambassador to M…  direct" in printed[2] and printed[2].endswith("We are ready")
    assert " ? " in printed[3] and printed[3].endswith("talks will go on")
    assert printed[4].endswith("(no quotes)")
    assert "error" in printed[5] and printed[5].endswith("  document longer t…")  # the quote column: 18 of 100


def column_of(line: str, cell: str) -> int:
    """The display column where ``cell`` starts in ``line``."""
    from quotes.io.table import display_width

    return display_width(line[: line.index(cell)])


def test_wide_and_combining_characters_count_as_the_columns_they_take():
    from quotes.io.table import display_width

    assert display_width("王毅") == 4 and display_width("Jose\u0301") == 4 and display_width("Wang Yi") == 7
    cut = clip("中国愿同俄方深化战略互信", 9)
    assert cut == "中国愿同…" and display_width(cut) == 9
    rows = [("王毅", 3, "中国愿同俄方深化战略互信，推动两国关系向前发展"), ("Jose\u0301 Mari\u0301a", 1, "We are ready")]
    lines = format_table(COLUMNS, rows, total_width=50).splitlines()
    assert all(display_width(line) <= 50 for line in lines)
    # the count ends at column 20 and the quote starts at 22 on both rows, as on the header
    header, _, wide, accented = lines
    assert [column_of(header, "sample quote"), column_of(wide, "中国"), column_of(accented, "We are")] == [22, 22, 22]
    assert [column_of(header, "quotes") + 6, column_of(wide, "3  中") + 1, column_of(accented, "1  We") + 1] == [20, 20, 20]
    assert wide.startswith("王毅" + " " * 15 + "3  中国愿同俄方")
