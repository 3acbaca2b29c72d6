"""The HTML export, read with html.parser: one <details> per claim nested as the tree, no
script or event handler anywhere, only http(s)/mailto links, no external asset, and each
claim's text arriving as text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from arguments.model import Debate
from export import ExportOptions, claims_in_scope, clean, render
from tests.formats.test_export_samples import HOSTILE_URLS, SAMPLES

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "main", "section",
    "details", "summary", "span", "strong", "div", "ul", "ol", "li", "blockquote", "cite", "a",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
VOID = {"meta"}


class Page(HTMLParser):
    """What a browser would build: elements with attributes, nesting of details, texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.details: list[tuple[str, str | None]] = []  # (id, parent details id)
        self.open_details: list[str] = []
        self.summary_text: dict[str, str] = {}
        self.in_text: str | None = None
        self.style = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        assert len(attributes) == len(attrs), f"duplicate attribute in <{tag}>"
        self.tags.append((tag, attributes))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "details":
            self.details.append((attributes["id"], self.open_details[-1] if self.open_details else None))
            self.open_details.append(attributes["id"])
        if tag == "span" and "text" in (attributes.get("class") or "").split() and "summary" in self.stack:
            self.in_text = self.open_details[-1]
            self.summary_text[self.in_text] = ""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        if tag == "details":
            self.open_details.pop()
        if tag == "span":
            self.in_text = None

    def handle_data(self, data: str) -> None:
        if self.in_text is not None:
            self.summary_text[self.in_text] += data
        if self.stack and self.stack[-1] == "style":
            self.style += data


def parse(debate: Debate, options: ExportOptions | None = None) -> Page:
    page = Page()
    page.feed(render("html", debate, options))
    page.close()
    assert page.stack == []
    return page


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_one_details_per_claim_nested_as_the_tree(name: str) -> None:
    debate = SAMPLES[name]()
    page = parse(debate)
    expected = [
        (f"claim-{c.id}", f"claim-{c.parent}" if c.parent else None)
        for c, _ in claims_in_scope(debate, ExportOptions())
    ]
    assert page.details == expected
    for claim in debate.claims:
        assert page.summary_text[f"claim-{claim.id}"] == clean(claim.text)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_page_is_inert_and_self_contained(name: str) -> None:
    page = parse(SAMPLES[name]())
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for tag, attributes in page.tags:
        assert not any(key.startswith("on") for key in attributes), (tag, attributes)
        assert "src" not in attributes and "style" not in attributes
        href = attributes.get("href")
        if href is not None:
            assert href.startswith(("#claim-", "#source-", "http://", "https://", "mailto:")), href
            assert not any(ch.isspace() for ch in href)
    assert "url(" not in page.style and "@import" not in page.style
    (csp,) = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp["content"].startswith("default-src 'none'")


def test_hostile_urls_are_shown_not_linked() -> None:
    debate = SAMPLES["hostile"]()
    page = parse(debate)
    hrefs = [a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#")]
    safe = [u for u in HOSTILE_URLS if u.startswith("https://") and " " not in u]
    assert all(h in safe for h in hrefs)
    shown = [a for t, a in page.tags if t == "span" and a.get("class") == "unsafe-url"]
    assert len(shown) + len(hrefs) == sum(1 for s in debate.sources if s.url)


def test_safe_urls_become_links() -> None:
    debate = SAMPLES["linked"]()
    page = parse(debate)
    hrefs = sorted(a["href"] for t, a in page.tags if t == "a" and not a["href"].startswith("#"))
    assert hrefs == ["https://inei.example/census", "mailto:press@example.org"]
    internal = [a["href"] for t, a in page.tags if t == "a" and a["href"].startswith("#")]
    targets = {a.get("id") for _, a in page.tags}
    assert internal and all(h[1:] in targets for h in internal)


def test_stakeholder_table_and_evidence() -> None:
    debate = SAMPLES["linked"]()
    page = parse(debate)
    rows = [a["id"] for t, a in page.tags if t == "tr" and a.get("id")]
    assert rows == [f"stakeholder-{s.id}" for s in debate.stakeholders]
    evidence = [a["class"] for t, a in page.tags if t == "li" and (a.get("class") or "").startswith("ev-")]
    assert evidence == [
        f"ev-{e.relation}"
        for e in sorted(
            debate.evidence, key=lambda e: [c.id for c, _ in claims_in_scope(debate, ExportOptions())].index(e.claim)
        )
    ]


def test_options_trim_the_outline() -> None:
    debate = SAMPLES["linked"]()
    page = parse(debate, ExportOptions(depth=1, evidence=False, stances=False))
    assert len(page.details) == 6
    assert not any(t == "ul" and a.get("class") in ("evidence", "stances") for t, a in page.tags)


def small_debate() -> Debate:
    from arguments.storage import parse_debate
    from tests.conftest import SMALL_DEBATE

    return parse_debate(SMALL_DEBATE, "small.toml")


class Texts(HTMLParser):
    """The text inside each element with a given class, and every tag with its attributes."""

    def __init__(self, css: str) -> None:
        super().__init__(convert_charrefs=True)
        self.css, self.depth, self.found = css, 0, []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if self.depth:
            self.depth += 1
        elif self.css in (attributes.get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


def texts_of(html: str, css: str) -> Texts:
    parser = Texts(css)
    parser.feed(html)
    parser.close()
    return parser


def test_evidence_without_a_source_shows_its_locator_without_a_stray_comma() -> None:
    from arguments.model import Evidence

    debate = small_debate()
    debate.evidence.append(
        Evidence(id="ev-nosource", claim="motion", text="Seen at the site.", quote="Busy.", locator="p. 4")
    )
    items = texts_of(render("html", debate, ExportOptions()), "ev-supports").found
    (line,) = [i for i in items if "Seen at the site." in i]
    assert "p. 4" in line
    assert not line.split("Busy.", 1)[1].lstrip().startswith(",")


def test_every_branch_is_open_so_the_page_prints_whole() -> None:
    from arguments.storage import read_debate
    from seeds import seed_path

    page = parse(read_debate(seed_path()))
    details = [a for t, a in page.tags if t == "details"]
    assert details and all("open" in a for a in details)


def test_stances_for_and_against_are_coloured_apart_and_signed() -> None:
    debate = small_debate()
    html = render("html", debate, ExportOptions())
    page = texts_of(html, "pos")
    classes = [
        set((a.get("class") or "").split()) for t, a in page.tags if t == "li" and "pos" in (a.get("class") or "")
    ]
    positions = [
        s.position
        for s in sorted(
            debate.stances, key=lambda s: [c.id for c, _ in claims_in_scope(debate, ExportOptions())].index(s.claim)
        )
    ]
    assert [("pos-for" in c, "pos-against" in c) for c in classes] == [(p > 0, p < 0) for p in positions]
    style = parse(debate).style
    assert ".pos-for" in style and ".pos-against" in style
    for stance in debate.stances:
        assert any(f"{stance.position:+d}" in text for text in page.found)


def test_with_analysis_and_shifts_the_page_has_those_sections() -> None:
    debate = small_debate()
    plain = parse(debate)
    full = parse(debate, ExportOptions(analysis=True, shifts=True))
    ids = [a.get("id") for t, a in full.tags if t == "section"]
    assert "analysis" in ids and "shifts" in ids
    assert "analysis" not in [a.get("id") for t, a in plain.tags if t == "section"]
    assert not any(key.startswith("on") for _, a in full.tags for key in a)


HOSTILE_VALUE = '"><script>alert(1)</script><img src=x onerror=alert(2)>&amp;\u202e'


def test_a_hostile_value_in_every_field_arrives_as_text() -> None:
    from tests.formats.test_export_markdown import hostile_debate

    debate = hostile_debate([HOSTILE_VALUE])
    debate.stakeholders[0].short = HOSTILE_VALUE
    debate.claims[1].notes = HOSTILE_VALUE
    debate.claims[1].tags = [HOSTILE_VALUE]
    for options in (ExportOptions(), ExportOptions(analysis=True, shifts=True)):
        html = render("html", debate, options)
        page = texts_of(html, "text")
        assert {t for t, _ in page.tags} <= ALLOWED_TAGS | {"h3", "em", "table", "thead", "tbody", "tr", "th", "td"}
        assert not any(t in ("script", "img") for t, _ in page.tags)
        for _, attributes in page.tags:
            assert not any(key.startswith("on") for key in attributes)
            href = attributes.get("href")
            assert href is None or href.startswith(("#", "http://", "https://", "mailto:")), href
        assert all(text == clean(HOSTILE_VALUE) for text in page.found)
        assert html.count("&lt;script&gt;") >= 10


def test_the_template_ships_in_the_wheel() -> None:
    import tomllib
    from pathlib import Path

    from tests.conftest import ROOT

    config = tomllib.loads((Path(ROOT) / "pyproject.toml").read_text(encoding="utf-8"))
    assert "export" in config["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert (Path(ROOT) / "export" / "templates" / "page.html.j2").is_file()
    assert any(dep.lower().startswith("jinja2") for dep in config["project"]["dependencies"])
