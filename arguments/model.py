"""The debate model: every record a debate file holds, with its field docs.

The field docstrings are the file-format reference: the README's key table and the JSON
Schema are generated from them. Cross-record rules (ids resolve, the tree is a tree) live
in `arguments.integrity`, so that a file with many problems reports all of them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, StringConstraints

from . import pydantic_setup  # noqa: F401 - before any model is built: no plugin search
from .field_docs import document_fields

SCHEMA_VERSION = 1
MAX_TEXT = 100_000
"""Longest text a single field may hold (characters); a guard against pasted files."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$"),
]
"""Ids are slugs: lowercase letters, digits, `-` and `_`, starting with a letter or digit."""

Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]


def _blank_to_none(value: object) -> object:
    return None if value == "" else value


OptionalText = Annotated[Text | None, BeforeValidator(_blank_to_none)]
"""An optional string: empty means absent, so that saving (which leaves absent keys out)
and loading agree."""
RequiredText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT)]
Scale = Annotated[int, Field(ge=1, le=5)]
Position = Annotated[int, Field(ge=-3, le=3)]

ClaimKind = Literal["thesis", "claim", "question"]
Relation = Literal["supports", "opposes"]
EvidenceRelation = Literal["supports", "undermines"]
EvidenceKind = Literal["statistic", "testimony", "case", "document", "expert", "news", "other"]
Level = Literal["national", "regional", "local", "international"]
Basis = Literal["stated", "inferred"]


class Record(BaseModel):
    """The one base model: strict keys, validated assignment, documented fields."""

    # The field docstrings are the field descriptions, as with `use_attribute_docstrings`,
    # but read once for the module (`document_fields`, at its end); the models are built
    # when first used, so with them (and a command builds only those it uses).
    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        defer_build=True,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
        allow_inf_nan=False,
        str_strip_whitespace=False,
        # Read from JSON text (how big files load), only keys are looked up in pydantic's
        # string cache, not every value: a quarter of validating 350,000 records (0.18 s at
        # 100,000 claims); repeated values (a stakeholder's id in each of its stances) are
        # then separate strings, a few MiB more.
        cache_strings="keys",
    )


class Source(Record):
    id: Id
    """Unique id of the source, e.g. `zapata-1999`."""
    citation: RequiredText
    """Author, year and title as one line, e.g. `Zapata, A. (1999). Sociedad y poder local.`"""
    file: OptionalText = None
    """A local text file with the source's text, relative to the debate file; `check`
    verifies that every evidence quote occurs in it."""
    url: OptionalText = None
    """Where the source can be found online."""


class Stakeholder(Record):
    id: Id
    """Unique id of the stakeholder, e.g. `executive`."""
    name: RequiredText
    """Full name, e.g. `The Executive (central government)`."""
    short: OptionalText = None
    """A short name for tight columns, e.g. `Executive`."""
    group: str = ""
    """What kind of actor: national government, local government, civil society, party,
    military, international, ..."""
    level: Level = "national"
    """Where the stakeholder acts: `national`, `regional`, `local` or `international`."""
    power: Scale = 3
    """How much the stakeholder can sway the outcome, 1 (little) to 5 (decisive)."""
    interest: Scale = 3
    """How much the stakeholder cares about the outcome, 1 (little) to 5 (vital)."""
    interests: Text = ""
    """What the stakeholder wants, in a sentence or two."""
    notes: Text = ""
    """Anything else the facilitator wants to remember."""

    @property
    def label(self) -> str:
        return self.short or self.name


class Claim(Record):
    id: Id
    """Unique id of the claim, e.g. `deconcentration-not-decentralization`."""
    text: RequiredText
    """The claim as one would say it in the room."""
    kind: ClaimKind = "claim"
    """`thesis` (the motion or a main position), `claim`, or `question` (an open,
    IBIS-style question)."""
    parent: Id | None = None
    """The claim this one answers. Roots (the motion) have none. Required together with
    `relation`."""
    relation: Relation | None = None
    """`supports` or `opposes` its parent. Required together with `parent`."""
    closed: bool = False
    """For a `question`: true once it has been answered or set aside."""
    notes: Text = ""
    """Background, caveats, who said it in the room."""
    tags: list[Annotated[str, StringConstraints(min_length=1, max_length=200)]] = Field(default_factory=list)
    """Free labels, e.g. `["fiscal", "legal"]`."""


class Link(Record):
    from_: Id = Field(alias="from")
    """The claim that bears on another claim beyond its own parent."""
    to: Id
    """The claim it bears on."""
    relation: Relation
    """`supports` or `opposes`."""
    notes: Text = ""
    """Why the link holds."""


class Evidence(Record):
    id: Id
    """Unique id of the evidence item, e.g. `ev-amresam-success`."""
    claim: Id
    """The claim this evidence bears on."""
    relation: EvidenceRelation = "supports"
    """`supports` or `undermines` the claim."""
    text: RequiredText
    """What the evidence shows, in the facilitator's words."""
    quote: Text = ""
    """Verbatim from the source (checked against the source's `file` when it has one)."""
    source: Id | None = None
    """The source it comes from."""
    locator: str = ""
    """Where in the source: page, section or paragraph."""
    kind: EvidenceKind = "other"
    """statistic, testimony, case, document, expert, news or other."""
    reliability: Scale = 3
    """How far it can be relied on, 1 (hearsay) to 5 (beyond doubt)."""


class Stance(Record):
    stakeholder: Id
    """The stakeholder taking the stance."""
    claim: Id
    """The claim the stance is on."""
    position: Position
    """-3 strongly opposes .. 0 neutral or not mobilised .. +3 strongly supports."""
    basis: Basis = "inferred"
    """`stated` (a source says so) or `inferred` (read from what the stakeholder does)."""
    rationale: Text = ""
    """Why we place the stakeholder here."""
    evidence: list[Id] = Field(default_factory=list)
    """Ids of evidence items behind the stance."""


class StanceChange(Record):
    at: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    """When the stance moved, as an ISO 8601 date or date-time, e.g. `2026-11-26T10:15`."""
    stakeholder: Id
    """Whose stance moved."""
    claim: Id
    """On which claim."""
    from_: Position | None = Field(default=None, alias="from")
    """The position before; absent when the stakeholder had no stance yet."""
    to: Position | None = None
    """The position after; absent when the stance was withdrawn."""
    note: Text = ""
    """What moved it, e.g. `after the San Martin evidence`."""
    presented: Id | None = None
    """The claim on the presenter slide when the stance moved (recorded by presenter mode),
    so `shifts` and `plan` can say what moved whom without anyone typing it."""
    evidence_shown: list[Id] = Field(default_factory=list)
    """Ids of the evidence items shown on that slide when the stance moved."""


class Poll(Record):
    claim: Id
    """The claim the room answered on."""
    opened: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    """When the claim was first shown with the room open, as an ISO 8601 date-time, e.g.
    `2026-11-29T10:05:12`."""
    closed: OptionalText = None
    """When the presenter moved on; absent while the poll is still open."""
    counts: Annotated[list[Annotated[int, Field(ge=0)]], Field(min_length=7, max_length=7)] = Field(
        default_factory=lambda: [0] * 7
    )
    """How many participants answered -3, -2, -1, 0, +1, +2, +3, in that order; who
    answered what is never kept."""


class Coalition(Record):
    id: Id
    """Unique id of the coalition."""
    name: RequiredText
    """What the alliance is called."""
    members: list[Id] = Field(default_factory=list)
    """Ids of the stakeholders in it."""
    note: Text = ""
    """What holds it together, and the source for it."""


class PositionOverride(Record):
    stakeholder: Id
    """Whose position the scenario changes."""
    claim: Id
    """On which claim."""
    position: Position
    """The position in the scenario."""


class PowerOverride(Record):
    stakeholder: Id
    """Whose power the scenario changes."""
    power: Scale
    """The power in the scenario."""


class Scenario(Record):
    id: Id
    """Unique id of the scenario."""
    name: RequiredText
    """What the scenario is, e.g. `Congress passes the municipal law`."""
    note: Text = ""
    """Assumptions behind it."""
    positions: list[PositionOverride] = Field(default_factory=list)
    """Stances the scenario changes."""
    powers: list[PowerOverride] = Field(default_factory=list)
    """Powers the scenario changes."""
    dropped: list[Id] = Field(default_factory=list)
    """Claims the scenario drops, with their subtrees."""


class Debate(Record):
    schema_: int = Field(default=SCHEMA_VERSION, alias="schema", ge=1, le=SCHEMA_VERSION)
    """Format version of the file; this release reads and writes 1."""
    title: RequiredText
    """The debate's title."""
    question: Text = ""
    """The motion as asked, e.g. `Should Peru decentralize power to its municipalities?`"""
    description: Text = ""
    """What the debate is about, where it comes from, who built it."""
    sources: list[Source] = Field(default_factory=list)
    """Documents the evidence comes from."""
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    """Who has a stake in the outcome."""
    claims: list[Claim] = Field(default_factory=list)
    """The pro/con tree: the motion (a root `thesis`) and the claims under it, siblings in
    file order."""
    links: list[Link] = Field(default_factory=list)
    """Extra support/attack edges for claims that bear on more than their parent."""
    evidence: list[Evidence] = Field(default_factory=list)
    """Quotes and findings behind the claims."""
    stances: list[Stance] = Field(default_factory=list)
    """Where each stakeholder stands on each claim; at most one per stakeholder and claim."""
    stance_changes: list[StanceChange] = Field(default_factory=list)
    """History of how stances moved, oldest first."""
    coalitions: list[Coalition] = Field(default_factory=list)
    """Declared alliances between stakeholders."""
    scenarios: list[Scenario] = Field(default_factory=list)
    """Named what-if scenarios kept with the debate."""
    polls: list[Poll] = Field(default_factory=list)
    """Where the room stood on a claim while it was presented, one poll per showing
    session, oldest first."""

    _editor_schema: str | None = PrivateAttr(default=None)
    """Where the file told editors its JSON Schema is (`#:schema X` first line in TOML,
    `"$schema"` in JSON); kept so that saving does not drop the user's line."""

    _comments: Any = PrivateAttr(default=None)
    """The file's `#` comments (`arguments.comments.Comments`), written back on saving;
    not content either."""

    def __eq__(self, other: object) -> bool:
        # Equal debates hold the same content; where a file points editors is not content.
        if not isinstance(other, Debate):
            return NotImplemented
        return self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]

    @property
    def motion(self) -> Claim | None:
        """The motion: the first root `thesis`, else the first root claim."""
        roots = [c for c in self.claims if c.parent is None]
        for claim in roots:
            if claim.kind == "thesis":
                return claim
        return roots[0] if roots else None


TABLES: tuple[str, ...] = (
    "sources",
    "stakeholders",
    "claims",
    "links",
    "evidence",
    "stances",
    "stance_changes",
    "coalitions",
    "scenarios",
    "polls",
)
"""The debate's arrays of tables, in file order."""

RECORD_TYPES: dict[str, type[Record]] = {
    "sources": Source,
    "stakeholders": Stakeholder,
    "claims": Claim,
    "links": Link,
    "evidence": Evidence,
    "stances": Stance,
    "stance_changes": StanceChange,
    "coalitions": Coalition,
    "scenarios": Scenario,
    "polls": Poll,
}

document_fields(__name__, [Debate, PositionOverride, PowerOverride, *RECORD_TYPES.values()])
