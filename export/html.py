"""HTML: one self-contained page that works offline and without JavaScript.

The page is rendered from `templates/page.html.j2` by Jinja2 with autoescaping on, so every
piece of debate text is escaped by default; this module only prepares plain values (text
cleaned of control characters, vetted hrefs). The outline is nested `<details>`, all open
so the page prints whole; pro and con are marked with words, symbols and colour, and
stances for and against in different colours. A Content-Security-Policy forbids scripts
and remote loads anyway. `--with-analysis` / `--with-shifts` add the Markdown sections,
rendered by markdown-it-py with raw HTML off (their user text is Markdown-escaped).
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace as _View  # attributes: Jinja reads them without a failed lookup first

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from arguments.model import Claim, Debate, Evidence

from . import ExportOptions, claims_in_scope, clean, links_in_scope

RELATION_MARK = {"supports": ("pro", "+ Pro"), "opposes": ("con", "− Con")}
EVIDENCE_MARK = {"supports": "▲ supports", "undermines": "▼ undermines"}
_LINK_SCHEME = re.compile(r"(?i)(?:https?://|mailto:)")

STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1f1f1f; }
h1 { margin-bottom: .2rem; } .question { font-size: 1.15rem; font-style: italic; }
.pre { white-space: pre-wrap; overflow-wrap: anywhere; }
details { margin: .25rem 0 .25rem 1.2rem; padding-left: .6rem; border-left: 3px solid #bbb; }
details.pro { border-left-color: #1b7837; } details.con { border-left-color: #b2182b; border-left-style: double; }
details.root { margin-left: 0; border-left-width: 5px; border-left-color: #7f6000; }
summary { cursor: pointer; } .body { margin: .2rem 0 .4rem 1rem; font-size: .92rem; }
.mark { font-weight: 600; font-size: .85rem; padding: 0 .35rem; border-radius: .25rem; margin-right: .3rem; }
.mark.pro { background: #d9f0d3; color: #1b5e20; } .mark.con { background: #fddbc7; color: #8b1a1a; }
.mark.thesis { background: #fff2cc; color: #5c4500; } .mark.question { background: #e8f0fe; color: #174ea6; }
.ev-supports { color: #1b5e20; } .ev-undermines { color: #8b1a1a; }
.pos-for strong { color: #1b5e20; } .pos-against strong { color: #8b1a1a; } .pos-neutral strong { color: #555; }
blockquote { margin: .2rem 0 .2rem 1rem; color: #444; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.unsafe-url { font-family: monospace; color: #666; }
@media print { body { max-width: none; margin: 0; } summary { cursor: auto; list-style: none; } details, li, tr { break-inside: avoid-page; } }
"""  # noqa: E501 - CSS is written one rule set per line, as it is served


@lru_cache(maxsize=1)
def _environment() -> Environment:
    # autoescape=True for every template: escaping is the default, never a discipline
    return Environment(
        loader=PackageLoader("export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )


def safe_href(url: str) -> str | None:
    """URL as it may stand in an href when it is plainly http(s) or mailto, else None.

    Anything with blanks or control characters is refused: browsers drop those, which
    turns `java\\tscript:` into `javascript:`. The template escapes the result.
    """
    if not _LINK_SCHEME.match(url) or any(ch.isspace() or not ch.isprintable() for ch in url):
        return None
    return url


def signed(position: int) -> str:
    """+2, 0, -1."""
    return f"{position:+d}" if position else "0"


def _stance_css(position: int) -> str:
    return "pos-for" if position > 0 else "pos-against" if position < 0 else "pos-neutral"


def _marks(claim: Claim, depth: int) -> list[tuple[str, str]]:
    marks = []
    if depth > 0 and claim.relation:
        marks.append(RELATION_MARK[claim.relation])
    if claim.kind == "thesis":
        marks.append(("thesis", "Motion" if depth == 0 else "Thesis"))
    elif claim.kind == "question":
        marks.append(("question", "closed question" if claim.closed else "? Question"))
    return marks


def _outline(debate: Debate, options: ExportOptions) -> tuple[list[_View], int]:
    """One entry per claim in tree order, with how many `</details>` close before it."""
    scope = claims_in_scope(debate, options)
    included = {claim.id for claim, _ in scope}
    sources = {s.id: _View(id=s.id, citation=clean(s.citation)) for s in debate.sources}
    evidence: dict[str, list[Evidence]] = {}
    if options.evidence:
        for item in debate.evidence:
            evidence.setdefault(item.claim, []).append(item)
    stances: dict[str, list[_View]] = {}
    if options.stances:
        names = {s.id: s.short or s.name for s in debate.stakeholders}
        for stance in debate.stances:
            stances.setdefault(stance.claim, []).append(
                _View(
                    who=clean(names.get(stance.stakeholder, stance.stakeholder)),
                    position=signed(stance.position),
                    css=_stance_css(stance.position),
                    basis=stance.basis,
                    rationale=clean(stance.rationale),
                )
            )
    texts = {c.id: c.text for c in debate.claims}
    links: dict[str, list[_View]] = {}
    for link in links_in_scope(debate, included):
        links.setdefault(link.from_, []).append(
            _View(
                verb="Also supports" if link.relation == "supports" else "Also opposes",
                to=link.to,
                text=clean(texts[link.to]),
                notes=clean(link.notes),
            )
        )
    out: list[_View] = []
    open_depth = -1
    for claim, depth in scope:
        closes = max(0, open_depth - depth + 1)
        node = _View(
            id=claim.id,
            kind=claim.kind,
            closes=closes,
            marks=_marks(claim, depth),
            css="root" if depth == 0 else RELATION_MARK[claim.relation or "supports"][0],
            text=clean(claim.text),
            tags=[clean(t) for t in claim.tags],
            notes=clean(claim.notes),
            evidence=[
                _View(
                    relation=e.relation,
                    mark=EVIDENCE_MARK[e.relation],
                    text=clean(e.text),
                    quote=clean(e.quote),
                    locator=clean(e.locator),
                    source=sources.get(e.source or ""),
                )
                for e in evidence.get(claim.id, ())
            ],
            stances=stances.get(claim.id, []),
            links=links.get(claim.id, []),
        )
        node.has_body = bool(node.tags or node.notes or node.evidence or node.stances or node.links)
        out.append(node)
        open_depth = depth
    return out, open_depth + 1


def _extra_sections(debate: Debate, options: ExportOptions) -> list[_View]:
    """The analysis and stance-history sections, from their Markdown, raw HTML off."""
    wanted = []
    if options.analysis:
        from .markdown_analysis import section as analysis_section

        wanted.append(("analysis", analysis_section(debate)))
    if options.shifts:
        from .markdown_shifts import section as shifts_section

        wanted.append(("shifts", shifts_section(debate)))
    if not wanted:
        return []
    from markdown_it import MarkdownIt

    # html=False: raw HTML in the Markdown comes out as text; links only with safe schemes
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # markdown-it escapes every text it emits, so its output is markup
    return [_View(id=key, html=Markup(md.render(text))) for key, text in wanted]  # noqa: S704


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as one self-contained HTML page."""
    outline, final_closes = _outline(debate, options)
    page = _View(
        title=clean(debate.title),
        question=clean(debate.question),
        description=clean(debate.description),
        stakeholders=[
            _View(
                id=s.id,
                name=clean(s.name),
                short=clean(s.short or ""),
                group=clean(s.group),
                level=s.level,
                power=s.power,
                interest=s.interest,
                interests=clean(s.interests),
            )
            for s in debate.stakeholders
        ],
        sources=[
            _View(id=s.id, citation=clean(s.citation), url=clean(s.url or ""), href=safe_href(s.url or ""))
            for s in debate.sources
        ],
    )
    template = _environment().get_template("page.html.j2")
    return template.render(
        page=page,
        title_line=" ".join(clean(debate.title).split()),
        style=Markup(STYLE),
        outline=outline,
        final_closes=final_closes,
        extra_sections=_extra_sections(debate, options),
    )
