"""Response headers that keep the widget's pages safe, and the CORS allowlist for the API.

- Every response carries a strict Content-Security-Policy: scripts and styles only from this
  server, no inline script, no framing, no plug-ins. The widget needs nothing more.
- ``/api/`` answers a browser only when the page's origin is allowed (``UNSCRIPTED_WEB_ORIGINS``
  plus the demo page's own address). A request without an ``Origin`` header (curl, a server)
  is not a browser page and is let through; CORS protects people's browsers, not the API.
"""

from __future__ import annotations

from typing import Awaitable, Callable

from aiohttp import web

CSP = "; ".join([
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

API_PREFIX = "/api/"
ALLOWED_METHODS = "GET, POST, OPTIONS"
NOT_ALLOWED = "This page is not allowed to use this assistant. Its owner can allow it."

ORIGINS = web.AppKey("origins", frozenset)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def origin_allowed(origin: str | None, allowed: frozenset[str]) -> bool:
    """Whether a request with this ``Origin`` header may use the API."""
    if origin is None:
        return True
    return origin.rstrip("/").lower() in allowed


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Add the security headers to every response, errors included."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        response = exc
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith("/widget/"):
        # Other sites embed the widget's script and style sheet.
        response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    if isinstance(response, web.HTTPException) and response.status >= 400:
        raise response
    return response


@web.middleware
async def cors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Answer preflights, refuse origins not on the list, label allowed answers."""
    if not request.path.startswith(API_PREFIX):
        return await handler(request)
    origin = request.headers.get("Origin")
    if not origin_allowed(origin, request.app[ORIGINS]):
        return web.json_response({"error": NOT_ALLOWED}, status=403)
    if request.method == "OPTIONS":
        response: web.StreamResponse = web.Response(status=204)
        response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
        response.headers["Access-Control-Allow-Headers"] = "Content-Type"
        response.headers["Access-Control-Max-Age"] = "600"
    else:
        response = await handler(request)
    if origin is not None:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
    return response
