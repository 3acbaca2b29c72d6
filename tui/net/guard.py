"""The door policy for anything debatemap serves: built for an attacker first.

A stranger may be on the workshop Wi-Fi, another user of this machine, or any web page the
facilitator visits (DNS rebinding lets such a page reach 127.0.0.1 with `Host` and `Origin`
headers it chose). So every request must carry an unguessable token, name a `Host` we serve
under, and, from a browser, come from one of our own origins. See ../shared/ROBUSTNESS.md.
"""

from __future__ import annotations

import contextlib
import functools
import hmac
import ipaddress
import secrets
import socket
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from arguments.display import one_line

TOKEN_BYTES = 24
"""Random bytes in a generated token: 32 URL-safe characters, far beyond guessing."""

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
WILDCARD_HOSTS = ("0.0.0.0", "::", "")


def new_token() -> str:
    """A fresh random token for a link (Jupyter's model: the secret rides in the URL)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


ROOM_CODE_BYTES = 8
"""Random bytes in a room code: 11 characters a participant can type from the projector,
64 bits that no one guesses (a wrong code gets a 404 and nothing else)."""


def new_room_code() -> str:
    """A fresh random code for a room's join address."""
    return secrets.token_urlsafe(ROOM_CODE_BYTES)


def token_matches(given: str | None, expected: str) -> bool:
    """True if GIVEN is EXPECTED, compared in constant time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


TOKEN_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
MIN_TOKEN_LENGTH = 12
"""A token the facilitator chooses (for printed slides) must still resist guessing."""


def token_problem(token: str) -> str | None:
    """Why TOKEN cannot be used in a link (too short, characters a URL would change), or None."""
    if len(token) < MIN_TOKEN_LENGTH:
        return f"a token needs at least {MIN_TOKEN_LENGTH} characters"
    if not set(token) <= TOKEN_ALPHABET:
        return "a token may hold only letters, digits and - _ . ~"
    return None


def cookie_name(port: int) -> str:
    """The cookie that keeps the token after the first visit. Cookies ignore the port, so
    two servers on one machine each get their own name."""
    return f"debatemap-token-{port}"


def redact(token: str) -> str:
    """A token as it may appear in a log: enough to tell two apart, not enough to use."""
    return token[:4] + "…" if len(token) > 8 else "…"


def machine_addresses() -> list[str]:
    """This machine's non-loopback IPv4 addresses, best first, for a link others can open.

    Resolving our own host name asks no one else; the UDP "connect" only picks the route
    the kernel would use and sends no packet (192.0.2.1 is the documentation range)."""
    found: list[str] = []
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            found.append(str(info[4][0]))
    except OSError:
        pass
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))
            found.insert(0, probe.getsockname()[0])
    except OSError:
        pass
    seen: list[str] = []
    for address in found:
        if not ipaddress.ip_address(address).is_loopback and address not in seen:
            seen.append(address)
    return seen


def display_host(bind_host: str) -> str:
    """The host to print in a link for a server bound to BIND_HOST: a wildcard becomes the
    machine's own address (a browser cannot open 0.0.0.0), else BIND_HOST itself."""
    if bind_host in WILDCARD_HOSTS:
        addresses = machine_addresses()
        return addresses[0] if addresses else "127.0.0.1"
    return bind_host


def url_host(host: str) -> str:
    """HOST as written in a URL: IPv6 literals in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _split_host(value: str) -> tuple[str, int | None] | None:
    """A `Host` header or URL netloc as (lower-case host, port); None if malformed."""
    if not value or any(ch.isspace() or ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        return None
    try:
        parts = urlsplit("//" + value)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host:
        return None
    return host.lower().rstrip("."), port


@dataclass
class HostPolicy:
    """Which `Host` headers and `Origin`s a server answers: the names it is served under.

    `allowed` holds host names or addresses (lower case, no brackets); `port` is the port
    served, which a `Host` naming another port does not match."""

    port: int
    allowed: set[str] = field(default_factory=set)
    local_addresses: bool = False
    """Also answer to any address literal of this machine (a wildcard bind listens on every
    interface, and a participant may reach any of them). Safe against DNS rebinding, which
    needs a name, never an address."""

    @classmethod
    def for_server(cls, bind_host: str, port: int, public_urls: tuple[str, ...] = ()) -> HostPolicy:
        """The names a server bound to BIND_HOST:PORT is reached under: the bound address,
        loopback names (when it listens there), this machine's addresses (for a wildcard),
        and the hosts of PUBLIC_URLS (a reverse proxy, a DNS name given on the command line)."""
        allowed: set[str] = set()
        wildcard = bind_host in WILDCARD_HOSTS
        if wildcard:
            allowed.update(LOOPBACK_NAMES)
            allowed.update(machine_addresses())
            with contextlib.suppress(OSError):
                allowed.add(socket.gethostname().lower())
        else:
            allowed.add(bind_host.lower().strip("[]"))
            if ipaddress_is_loopback(bind_host) or bind_host.lower() == "localhost":
                allowed.update(LOOPBACK_NAMES)
        policy = cls(port=port, allowed=allowed, local_addresses=wildcard)
        for url in public_urls:
            parsed = _split_host(urlsplit(url).netloc)
            if parsed is not None:
                policy.allowed.add(parsed[0])
        return policy

    def allows_host(self, header: str | None) -> bool:
        """True if a request's `Host` header names this server (absent or malformed: no)."""
        parsed = _split_host(header or "")
        if parsed is None:
            return False
        host, port = parsed
        known = host in self.allowed or (self.local_addresses and is_local_address(host.strip("[]")))
        return known and (port is None or port == self.port or self._proxied(host))

    def allows_origin(self, origin: str | None) -> bool:
        """True if a browser's `Origin` is one of ours. No header: not a browser (curl, an
        aiohttp client), which the token still has to pass; `null` (a sandboxed frame, a
        file:// page): refused."""
        if origin is None:
            return True
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https"):
            return False
        return self.allows_host(parts.netloc)

    def _proxied(self, host: str) -> bool:
        # a name given by --public-url may sit behind a proxy on another port
        return host not in LOOPBACK_NAMES and not _is_address(host)


@functools.lru_cache(maxsize=64)
def is_local_address(host: str) -> bool:
    """True if HOST is an IP address of this machine: binding a socket to it succeeds only then."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if address.is_unspecified or address.is_multicast:
        return False
    family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.bind((str(address), 0))
    except OSError:
        return False
    return True


def ipaddress_is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def log_safe(text: object, limit: int = 200) -> str:
    """TEXT for one log line: control characters shown as escapes, one line, bounded, so a
    header or path a client sent can never act on the facilitator's terminal."""
    return one_line(str(text), limit)


MAX_COLUMNS = 400
MAX_ROWS = 200
"""The biggest terminal a client may ask for: each cell costs the app memory and time."""


def clamp_size(width: object, height: object, default: tuple[int, int] = (80, 24)) -> tuple[int, int]:
    """A client's requested terminal size as sane integers: garbage gives DEFAULT, and
    anything outside 1..MAX_COLUMNS by 1..MAX_ROWS is clamped."""

    def number(value: object, fallback: int) -> int:
        if isinstance(value, bool):
            return fallback
        try:
            return int(value)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            return fallback

    columns = min(max(number(width, default[0]), 1), MAX_COLUMNS)
    rows = min(max(number(height, default[1]), 1), MAX_ROWS)
    return columns, rows


class ConnectionCounter:
    """Counts open connections against a cap; `enter()` is False when the cap is reached."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.open = 0

    def enter(self) -> bool:
        if self.open >= self.limit:
            return False
        self.open += 1
        return True

    def leave(self) -> None:
        self.open = max(0, self.open - 1)
