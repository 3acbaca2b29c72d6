"""The one display path: control characters visible, everything else untouched."""

from arguments.display import one_line, safe_text


def test_plain_and_emoji_text_pass_unchanged():
    for text in ["Local elections", "Mañana, año", "👩‍👩‍👧 family", "[/] [@click=app.quit]x[/]", "a\nb\tc"]:
        assert safe_text(text) == text


def test_terminal_controls_become_visible_escapes():
    assert safe_text("\x1b[2Jx") == "\\x1b[2Jx"
    assert safe_text("a\x00b\x7f") == "a\\x00b\\x7f"
    assert safe_text("\u202eevil") == "\\u202eevil"
    assert safe_text("\x9b31m") == "\\x9b31m"
    assert safe_text("\ufeffbom\u200b") == "\\ufeffbom\\u200b"


def test_astral_controls_are_not_ambiguous():
    # U+E0001 (a Cf tag character) must not read like "\ue000" followed by "1".
    assert safe_text("\U000e0001") == "\\U000e0001"


def test_noncharacters_that_break_xml_tools_are_visible():
    assert safe_text("a\ufffeb\uffff") == "a\\ufffeb\\uffff"


def test_long_text_is_cut_with_a_marker():
    shown = safe_text("x" * 5000, limit=100)
    assert shown.startswith("x" * 100) and shown.endswith("…[cut]") and len(shown) < 120


def test_one_line_folds_newlines():
    assert one_line("a\nb\r\nc\td") == "a b c d"
