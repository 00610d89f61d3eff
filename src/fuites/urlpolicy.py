"""Where `fuites` may send a request: the one set of rules for fetching articles and posting webhooks.

- Only http and https, to a host that resolves.
- The host is resolved once and every address it has must be public: private, loopback,
  link-local, multicast and reserved ranges are refused (an article URL, a feed entry or a webhook
  must not make `fuites` reach an intranet or a cloud metadata service), whatever the spelling:
  decimal (`2130706433`), hex (`0x7f.1`), short (`127.1`) and IPv6-mapped (`::ffff:127.0.0.1`)
  forms resolve to the address they hide, which is what is checked.
- The request then goes to the address that was checked, so a second DNS answer cannot swap it for
  a private one; the Host header and the TLS server name stay those of the URL.
- Redirects are never followed here: a caller that follows them checks each hop like the first URL.
- A request has an overall deadline, not only a timeout per read: a server that sends a byte
  every few seconds cannot hold it for longer.

Private addresses are allowed only when the caller says so (`Allow`): all of them (`True`,
`--allow-private` for fetching) or only the addresses of a set (a test server on 127.0.0.1 and
nothing else). For webhooks the operator opts in with the environment variable named by
`UNSAFE_PRIVATE_WEBHOOKS`: `1` for any address, or a comma-separated list of addresses (for a
receiver on the same machine in tests, never for a store whose watches others can add).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from fuites.errors import InputError

UNSAFE_PRIVATE_WEBHOOKS = "FUITES_UNSAFE_PRIVATE_WEBHOOKS"
FETCH_HINT = "pass --allow-private to fetch from it"
WEBHOOK_HINT = f"webhooks go to public addresses only ({UNSAFE_PRIVATE_WEBHOOKS}=1 allows others, for tests)"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class Unresolved(InputError):
    """The host has no address (yet): not a refusal, trying later may work."""


# Which non-public addresses a request may go to: none, all, or exactly these.
Allow = bool | frozenset[str]


def private_webhooks_allowed() -> Allow:
    """The non-public addresses the operator opted in to for webhooks (a receiver on loopback)."""
    value = os.environ.get(UNSAFE_PRIVATE_WEBHOOKS, "").strip()
    if value in ("", "0"):
        return False
    if value == "1":
        return True
    return frozenset(_plain(a.strip()) for a in value.split(",") if a.strip())


def _plain(address: str) -> str:
    """An address as compared with an Allow set: IPv4-mapped IPv6 as the IPv4 it maps."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ip)


def _allowed(address: str, allow: Allow) -> bool:
    if isinstance(allow, bool):
        return allow
    return _plain(address) in allow


def refusal(ip: Address) -> str | None:
    """Why an address is not one to reach on the public web, or None if it is public."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_unspecified:
        return "not a public address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or not ip.is_global:
        return "not a public address"
    return None


def resolve(host: str, port: int, allow_private: Allow, hint: str = FETCH_HINT) -> str:
    """The address to connect to for `host`, after checking every address it resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as e:
        raise Unresolved(f"cannot resolve {host}: {getattr(e, 'strerror', None) or e}") from e
    addresses = [str(info[4][0]) for info in infos]
    for address in addresses:
        reason = refusal(ipaddress.ip_address(address.split("%", 1)[0]))
        if reason and not _allowed(address, allow_private):
            raise InputError(f"refused: {host} is {reason} ({address}); {hint}")
    return addresses[0]


@dataclass(frozen=True)
class Target:
    """A request's destination once checked: the URL with the checked address as its host."""

    url: httpx.URL
    headers: dict[str, str]
    extensions: dict[str, str]


def parse(url: str) -> httpx.URL:
    """The URL if it is http(s) with a host; InputError otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise InputError(f"not a valid URL ({e})") from e
    if parsed.scheme.lower() not in ("http", "https"):
        raise InputError(f"refused: {parsed.scheme or '(no scheme)'}:// is not http or https")
    if not parsed.host:
        raise InputError("no host in the URL")
    return parsed


def pin(url: str, allow_private: Allow, hint: str = FETCH_HINT) -> Target:
    """Check `url` and pin it to the address checked."""
    parsed = parse(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    address = resolve(parsed.host, port, allow_private, hint)
    host_header = parsed.netloc.decode("ascii").rsplit("@", 1)[-1]
    return Target(parsed.copy_with(host=address, username=None, password=None),
                  {"Host": host_header}, {"sni_hostname": parsed.host})


def check(url: str, allow_private: Allow, hint: str = FETCH_HINT) -> None:
    """Refuse `url` now if a request to it would be refused (its DNS may still change later)."""
    pin(url, allow_private, hint)


class Deadline:
    """An overall time limit for a request, its redirects and its body."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()

    def timeout(self, base: httpx.Timeout) -> httpx.Timeout:
        """`base` with no phase allowed past the deadline."""
        left = max(self.left(), 0.001)

        def cap(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(connect=cap(base.connect), read=cap(base.read), write=cap(base.write),
                             pool=cap(base.pool))

    def check(self) -> None:
        if self.left() <= 0:
            raise InputError(f"took longer than {self.seconds:g} s; the server is too slow")


@contextmanager
def request(client: httpx.Client, method: str, url: str, *, allow_private: Allow, deadline: Deadline,
            hint: str = FETCH_HINT, content: bytes | None = None,
            headers: dict[str, str] | None = None) -> Iterator[httpx.Response]:
    """Send one request under the rules; the response is streamed and closed on exit.

    Transport failures come as InputError with a one-line reason.
    """
    target = pin(url, allow_private, hint)
    deadline.check()
    request = client.build_request(method, target.url, content=content,
                                   headers={**(headers or {}), **target.headers},
                                   extensions=target.extensions, timeout=deadline.timeout(client.timeout))
    try:
        response = client.send(request, stream=True, follow_redirects=False)
    except httpx.TimeoutException as e:
        deadline.check()
        raise InputError(f"timed out ({type(e).__name__})") from e
    except httpx.HTTPError as e:
        raise InputError(f"cannot connect ({type(e).__name__}: {' '.join(str(e).split())})") from e
    try:
        yield response
    finally:
        response.close()


def read_body(response: httpx.Response, max_bytes: int, deadline: Deadline) -> bytes:
    """The body of a streamed response, refused beyond `max_bytes` or past the deadline."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise InputError(too_large(int(declared), max_bytes))
    chunks, size = [], 0
    try:
        # decoded bytes are counted: a gzip bomb is stopped at the limit of what it expands to
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise InputError(too_large(size, max_bytes, at_least=True))
            chunks.append(chunk)
            deadline.check()
    except httpx.TimeoutException as e:
        deadline.check()
        raise InputError("timed out while reading the page") from e
    except httpx.HTTPError as e:
        raise InputError(f"cannot read the page: {e}") from e
    return b"".join(chunks)


def too_large(size: int, max_bytes: int, at_least: bool = False) -> str:
    limit = f"{max_bytes // 1_000_000} MB"
    if at_least:
        return f"too large (more than the limit of {limit})"
    return f"too large ({size / 1_000_000:.1f} MB, the limit is {limit})"
