"""The aiohttp side of the door policy: every request passes `door` before any handler, and
every log line about a request is made safe for the facilitator's terminal.

A request is answered only if its `Host` is one we serve under, its `Origin` (if a browser
sent one) is ours, and it carries the token, in the query (`?token=`, the printed link) or
in the cookie the first visit set. A refusal is a short plain-text answer and one log line.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from collections.abc import Awaitable, Callable

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger
from aiohttp.http_exceptions import HttpProcessingError

from .guard import HostPolicy, cookie_name, log_safe, redact, token_matches

log = logging.getLogger("debatemap.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

SECURITY_HEADERS = {
    # the token is in the page's URL: never send it on to the web font's server
    "Referrer-Policy": "no-referrer",
    # another site cannot frame the app and trick a participant into clicking in it
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_HANDLER = re.compile(r'\bon[a-z]+="([^"]*)"', re.IGNORECASE)


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def content_policy(template: str) -> str:
    """A Content-Security-Policy for textual-serve's page TEMPLATE: no script but the app's
    own file and the page's fixed inline script and button handler (allowed by hash, so
    anything injected into the page would not run), no framing, no forms, no plugins."""
    scripts = [_hash(body) for body in _INLINE_SCRIPT.findall(template)]
    handlers = [_hash(body) for body in sorted(set(_HANDLER.findall(template)))]
    script_src = " ".join(["'self'", *scripts, *(["'unsafe-hashes'", *handlers] if handlers else [])])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {script_src}",
            # xterm.js adds <style> elements; the page asks Google for its one web font
            "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
            "font-src 'self' https://fonts.gstatic.com",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def shown_target(request: web.BaseRequest, token: str) -> str:
    """The request's path and query for a log line: the token redacted, control characters escaped."""
    query = [f"{key}={redact(value) if key == 'token' else value}" for key, value in request.query.items()]
    target = request.path + ("?" + "&".join(query) if query else "")
    return log_safe(target, 160)


def make_door(
    policy: HostPolicy, token: str, csp: str | None = None
) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    """The middleware refusing every request without our Host, our Origin and the token;
    CSP is the page's Content-Security-Policy."""
    headers = SECURITY_HEADERS | ({"Content-Security-Policy": csp} if csp else {})

    @web.middleware
    async def door(request: web.Request, handler: Handler) -> web.StreamResponse:
        cookie = cookie_name(policy.port)  # the policy learns the port once it is bound
        host = request.headers.get("Host")
        if not policy.allows_host(host):
            return refuse(
                request,
                token,
                403,
                "This server does not answer to that host name.",
                f"unknown Host {log_safe(host, 80)}",
            )
        origin = request.headers.get("Origin")
        if not policy.allows_origin(origin):
            return refuse(
                request, token, 403, "Requests from other sites are refused.", f"foreign Origin {log_safe(origin, 80)}"
            )
        from_query = request.query.get("token")
        if not token_matches(from_query or request.cookies.get(cookie), token):
            return refuse(
                request,
                token,
                401,
                "This link needs its token: open the full link `debatemap serve` printed.",
                "no token" if not from_query and cookie not in request.cookies else "wrong token",
            )
        response = await handler(request)
        if not response.prepared:  # a WebSocket or a download has sent its headers already
            response.headers.update(headers)
            if from_query:
                response.set_cookie(cookie, token, httponly=True, samesite="Strict", path="/", secure=request.secure)
        return response

    return door


def refuse(request: web.BaseRequest, token: str, status: int, text: str, why: str) -> web.Response:
    """A refusal: plain text for the client, one safe line in the log."""
    log.warning(
        "refused %s %s from %s: %s",
        log_safe(request.method, 10),
        shown_target(request, token),
        log_safe(request.remote, 60),
        why,
    )
    return web.Response(status=status, text=text + "\n", headers=SECURITY_HEADERS)


def make_access_logger(token: str) -> type[AbstractAccessLogger]:
    """aiohttp's access log, with the token redacted and nothing a client sent written raw."""

    class SafeAccessLogger(AbstractAccessLogger):
        def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
            self.logger.info(
                "%s %s %s %s",
                log_safe(request.remote, 60),
                log_safe(request.method, 10),
                shown_target(request, token),
                response.status,
            )

    return SafeAccessLogger


class SafeFormatter(logging.Formatter):
    """Every log line on one line with control characters escaped, the token redacted, and
    no tracebacks: a client must not be able to write to the facilitator's terminal, flood
    it, or read the secret over someone's shoulder (aiohttp quotes a bad request line whole)."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        message, level = record.getMessage(), record.levelname.lower()
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):  # a malformed request: the client's fault
            message, level = f"refused a malformed request ({error.message})", "warning"
        elif error is not None:
            message += f" ({type(error).__name__}: {error})"
        message = message.replace(self.token, redact(self.token))
        return log_safe(f"{level}: {message}", 400)


def setup_logging(token: str) -> None:
    """One plain handler on stderr for ours, aiohttp's and textual-serve's loggers."""
    handler = logging.StreamHandler()
    handler.setFormatter(SafeFormatter(token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
