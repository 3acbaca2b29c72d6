"""HTML: one self-contained page that works offline and without JavaScript.

The outline is nested `<details>` (one per claim, the top two levels open), pro and con
marked with words, symbols and colour; then the stakeholder table and the sources. Safe
by construction: every piece of debate text passes through `_t` (cleaned, then
`html.escape`d), the only attributes built from data are claim and source ids (slugs)
and vetted URLs, and a Content-Security-Policy forbids scripts and remote loads anyway.
"""

from __future__ import annotations

import html
import re

from arguments.model import Claim, Debate, Evidence, Source

from . import ExportOptions, claims_in_scope, clean, links_in_scope

OPEN_LEVELS = 2
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
blockquote { margin: .2rem 0 .2rem 1rem; color: #444; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }
.unsafe-url { font-family: monospace; color: #666; }
"""


def _t(text: str) -> str:
    """Debate text, cleaned and escaped for HTML text or a quoted attribute."""
    return html.escape(clean(text), quote=True)


def safe_href(url: str) -> str | None:
    """URL escaped for an href when it is plainly http(s) or mailto, else None.

    Anything with blanks or control characters is refused: browsers drop those, which
    turns `java\\tscript:` into `javascript:`.
    """
    if not _LINK_SCHEME.match(url) or any(ch.isspace() or not ch.isprintable() for ch in url):
        return None
    return html.escape(url, quote=True)


def url_html(url: str) -> str:
    """A link for a safe URL; any other URL shown as inert text."""
    href = safe_href(url)
    if href is None:
        return f'<span class="unsafe-url">{_t(url)}</span>'
    return f'<a href="{href}" rel="noopener noreferrer">{_t(url)}</a>'


class _Index:
    """Evidence, stances and links per claim, gathered once."""

    def __init__(self, debate: Debate, options: ExportOptions, included: set[str]):
        self.evidence: dict[str, list[Evidence]] = {}
        self.stances: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.sources: dict[str, Source] = {s.id: s for s in debate.sources}
        if options.evidence:
            for item in debate.evidence:
                self.evidence.setdefault(item.claim, []).append(item)
        if options.stances:
            names = {s.id: s.short or s.name for s in debate.stakeholders}
            for stance in debate.stances:
                line = f'<li class="pos">{_t(names.get(stance.stakeholder, stance.stakeholder))} '
                line += f"<strong>{stance.position:+d}</strong> ({stance.basis})"
                if stance.rationale:
                    line += f': <span class="pre">{_t(stance.rationale)}</span>'
                self.stances.setdefault(stance.claim, []).append(line + "</li>")
        texts = {c.id: c.text for c in debate.claims}
        for link in links_in_scope(debate, included):
            verb = "Also supports" if link.relation == "supports" else "Also opposes"
            line = f'<li>{verb}: <a href="#claim-{link.to}">{_t(texts[link.to])}</a>'
            if link.notes:
                line += f' — <span class="pre">{_t(link.notes)}</span>'
            self.links.setdefault(link.from_, []).append(line + "</li>")

    def evidence_html(self, item: Evidence) -> str:
        out = f'<li class="ev-{item.relation}"><strong>{EVIDENCE_MARK[item.relation]}</strong> '
        out += f'<span class="pre">{_t(item.text)}</span>'
        if item.quote:
            out += f'<blockquote class="pre">{_t(item.quote)}</blockquote>'
        source = self.sources.get(item.source or "")
        if source is not None:
            out += f' — <a href="#source-{source.id}"><cite>{_t(source.citation)}</cite></a>'
        if item.locator:
            out += f", {_t(item.locator)}"
        return out + "</li>"

    def body(self, claim: Claim) -> str:
        parts = []
        if claim.tags:
            parts.append(f'<p class="tags">Tags: {", ".join(_t(tag) for tag in claim.tags)}</p>')
        if claim.notes:
            parts.append(f'<p class="notes pre">{_t(claim.notes)}</p>')
        if claim.id in self.evidence:
            items = "".join(self.evidence_html(e) for e in self.evidence[claim.id])
            parts.append(f'<ul class="evidence">{items}</ul>')
        if claim.id in self.stances:
            parts.append(f'<ul class="stances">{"".join(self.stances[claim.id])}</ul>')
        if claim.id in self.links:
            parts.append(f'<ul class="links">{"".join(self.links[claim.id])}</ul>')
        return f'<div class="body">{"".join(parts)}</div>' if parts else ""


def _summary(claim: Claim, depth: int) -> str:
    marks = []
    if depth > 0 and claim.relation:
        css, word = RELATION_MARK[claim.relation]
        marks.append(f'<span class="mark {css}">{word}</span>')
    if claim.kind == "thesis":
        marks.append('<span class="mark thesis">Motion</span>' if depth == 0 else '<span class="mark thesis">Thesis</span>')
    elif claim.kind == "question":
        state = "closed question" if claim.closed else "? Question"
        marks.append(f'<span class="mark question">{state}</span>')
    return f'<summary>{"".join(marks)}<span class="text pre">{_t(claim.text)}</span></summary>'


def _outline(debate: Debate, options: ExportOptions) -> list[str]:
    scope = claims_in_scope(debate, options)
    index = _Index(debate, options, {claim.id for claim, _ in scope})
    out = ['<section id="map"><h2>Argument map</h2>']
    open_depth = -1
    for claim, depth in scope:
        while open_depth >= depth:
            out.append("</details>")
            open_depth -= 1
        css = "root" if depth == 0 else RELATION_MARK[claim.relation or "supports"][0]
        is_open = " open" if depth < OPEN_LEVELS else ""
        out.append(f'<details id="claim-{claim.id}" class="{css} {claim.kind}"{is_open}>')
        out.append(_summary(claim, depth) + index.body(claim))
        open_depth = depth
    out += ["</details>"] * (open_depth + 1)
    out.append("</section>")
    return out


def _stakeholders(debate: Debate) -> list[str]:
    if not debate.stakeholders:
        return []
    head = "".join(f"<th>{h}</th>" for h in ("Stakeholder", "Group", "Level", "Power", "Interest", "Wants"))
    out = ['<section id="stakeholders"><h2>Stakeholders</h2><table>', f"<thead><tr>{head}</tr></thead><tbody>"]
    for s in debate.stakeholders:
        name = _t(s.name) + (f" ({_t(s.short)})" if s.short else "")
        cells = [name, _t(s.group), s.level, str(s.power), str(s.interest), f'<span class="pre">{_t(s.interests)}</span>']
        out.append(f'<tr id="stakeholder-{s.id}">{"".join(f"<td>{c}</td>" for c in cells)}</tr>')
    out.append("</tbody></table></section>")
    return out


def _sources(debate: Debate) -> list[str]:
    if not debate.sources:
        return []
    out = ['<section id="sources"><h2>Sources</h2><ol>']
    for source in debate.sources:
        url = f" {url_html(source.url)}" if source.url else ""
        out.append(f'<li id="source-{source.id}"><cite>{_t(source.citation)}</cite>{url}</li>')
    out.append("</ol></section>")
    return out


def render(debate: Debate, options: ExportOptions) -> str:
    """The debate as one self-contained HTML page."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>{_t(' '.join(debate.title.split()))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<header><h1 class="pre">{_t(debate.title)}</h1>',
    ]
    if debate.question:
        out.append(f'<p class="question pre">{_t(debate.question)}</p>')
    if debate.description:
        out.append(f'<p class="description pre">{_t(debate.description)}</p>')
    out.append("</header>")
    out.append("<main>")
    out += _outline(debate, options)
    out += _stakeholders(debate)
    out += _sources(debate)
    out += ["</main>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
