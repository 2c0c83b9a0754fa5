"""When two URLs name the same page: the one URL normaliser for validate, import, add and check-urls.

Two forms:

- `clean_url(url)`: the same address, tidied without changing where it leads — scheme and
  host in lower case, the default port dropped, an empty path written as "/",
  percent-escapes of plain characters decoded, tracking parameters (`utm_*`, `fbclid`,
  `gclid` …) and the fragment removed. Safe to fetch instead of the original, and what
  check-urls uses to check a page once however its entries spell it.
- `url_key(url)`: the identity of the page, for "the same source": the clean URL with
  http and https alike, `www.` dropped, a trailing slash or `index.html` ignored, the
  query parameters in any order, and AMP variants (`/amp/` paths, `….amp.html`,
  `?amp=1`, `amp.` hosts, Google's AMP cache) folded onto the page they copy.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that say who sent the reader, never which page it is: the unambiguous ones of the ClearURLs
# project's global rules (github.com/ClearURLs/Rules, checked 2026-11) and a few news sites add.
TRACKING = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "srsltid",
        "mc_cid",
        "mc_eid",
        "mc_tc",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "__hsfp",
        "__hssc",
        "__hstc",
        "hsctatracking",
        "mkt_tok",
        "oly_anon_id",
        "oly_enc_id",
        "vero_id",
        "vero_conv",
        "wickedid",
        "rb_clickid",
        "ml_subscriber",
        "ml_subscriber_hash",
        "wt_mc",
        "wtmc",
        "wt_zmc",
        "wtrid",
        "cmpid",
        "s_cid",
        "os_ehash",
        "_openstat",
        "gs_l",
        "fb_action_ids",
        "fb_action_types",
        "fb_source",
        "fb_ref",
        "action_object_map",
        "action_type_map",
        "action_ref_map",
        "__twitter_impression",
        "tracking_source",
        "echobox",
        "ocid",
        "ito",
        "smid",
        "sr_share",
        "ref_src",
        "ref_url",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "ga_", "hmb_", "otm_", "itm_", "vn_")
# Site by site (ClearURLs' providers for news and journal sites): parameters these sites add to share or
# track links, which elsewhere may name the page. Host suffix -> names (a trailing "*" is a prefix).
SITE_TRACKING = {
    "theguardian.com": ("cmp",),
    "nytimes.com": ("smid",),
    "reuters.com": ("taid",),
    "bbc.com": ("xtor", "at_*"),
    "bbc.co.uk": ("xtor", "at_*"),
    "cnbc.com": ("__source",),
    "forbes.com": ("sh",),
    "wired.com": ("intcid",),
    "newyorker.com": ("source", "bxid", "cndid", "esrc", "mbid"),
    "thetimes.co.uk": ("sharetoken",),
    "techcrunch.com": ("ncid", "sr", "guccounter", "guce_*"),
    "medium.com": ("source",),
    "msn.com": ("cvid",),
    "metro.co.uk": ("ito",),
    "academic.oup.com": ("redirectedfrom",),
    "cell.com": ("_returnurl",),
    "diepresse.com": ("from", "xtor", "xt_at"),
    "europe1.fr": ("xtor",),
    "nikkei.com": ("adid", "i_cid", "n_cid", "waad"),
}
AMP_PARAMS = {("amp", "1"), ("amp", "true"), ("amp", ""), ("outputtype", "amp"), ("output", "amp")}
_UNRESERVED = re.compile(r"%(?:2[DEde]|5[Ff]|7[Ee]|[46][1-9A-Fa-f]|[57][0-9Aa]|3[0-9])")
_AMP_CACHE = re.compile(r"^/(?:[cv]/)?(?:s/)?(.+)$")


def _is_tracking(name: str, host: str = "") -> bool:
    lowered = name.lower()
    if lowered in TRACKING or lowered.startswith(TRACKING_PREFIXES):
        return True
    for site, names in SITE_TRACKING.items():
        if host == site or host.endswith("." + site):
            return any(lowered == n or (n.endswith("*") and lowered.startswith(n[:-1])) for n in names)
    return False


def _plain_escapes(text: str) -> str:
    """'%7Ejane%2fx' -> '~jane%2Fx': escapes of unreserved characters decoded, the others in upper case."""
    text = _UNRESERVED.sub(lambda m: unquote(m.group(0)), text)
    return re.sub(r"%[0-9a-f]{2}", lambda m: m.group(0).upper(), text)


def _split(url: str):
    """(parts, scheme, host, port); scheme "" when the address cannot be read (a bad IPv6 host, a port
    out of range): such a string is then compared as written, never guessed at."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return urlsplit(""), "", "", None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host.lower()
    except UnicodeError:
        host = host.lower()
    return parts, scheme, host, port


@lru_cache(maxsize=65_536)
def clean_url(url: str) -> str:
    """The same address, tidied (see the module's description); a string it cannot read is returned as given."""
    parts, scheme, host, port = _split(url)
    if scheme not in DEFAULT_PORTS or not host:
        return url.strip()
    netloc = host if ":" not in host else f"[{host}]"
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    if port is not None and port != DEFAULT_PORTS[scheme]:
        netloc += f":{port}"
    path = _plain_escapes(parts.path) or "/"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k, host)]
    return urlunsplit((scheme, netloc, path, urlencode(query, quote_via=quote, safe="/:@!$'()*,;"), ""))


def _strip_amp(host: str, path: str, query: list[tuple[str, str]]):
    if host.endswith(".cdn.ampproject.org"):  # Google's AMP cache: /c/s/www.example.com/story
        found = _AMP_CACHE.match(path)
        if found:
            inner = urlsplit("https://" + found.group(1))
            host, path = (inner.hostname or host), inner.path
    elif host.startswith("amp."):
        host = host[4:]
    if path.startswith("/amp/"):
        path = path[4:]
    if path.endswith("/amp") or path.endswith("/amp/"):
        path = path[: path.rindex("/amp")]
    for suffix, plain in ((".amp.html", ".html"), (".amp.htm", ".htm"), (".amp", "")):
        if path.endswith(suffix):
            path = path[: -len(suffix)] + plain
            break
    query = [(k, v) for k, v in query if (k.lower(), v.lower()) not in AMP_PARAMS]
    return host, path, query


# The common address, read by one regular expression instead of urlsplit (twice) and parse_qsl: a
# lower-case http(s) scheme, an ASCII host name, an optional port, a path of characters that need no
# escaping, no query, no fragment, no user. What it gives equals what the general path gives
# (tests/test_urlnorm.py checks both on the same addresses); anything else takes the general path.
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_SIMPLE = re.compile(
    rf"(https?)://({_LABEL}(?:\.{_LABEL})*)(?::([0-9]{{1,5}}))?(/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?", re.ASCII
)


@lru_cache(maxsize=65_536)
def simple_url(url: str) -> tuple[str, str, int | None, str] | None:
    """(scheme, host in lower case, port or None, path) of an address of the common form above; None otherwise."""
    match = _SIMPLE.fullmatch(url)
    if match is None:
        return None
    scheme, host, port, path = match.groups()
    number = int(port) if port is not None else None
    if number is not None and number > 65535:
        return None
    return scheme, host.lower(), number, path or ""


def _index_page(path: str) -> str:
    lowered = path.lower()
    for index_page in ("/index.html", "/index.htm", "/index.php", "/default.aspx", "/default.asp"):
        if lowered.endswith(index_page):
            return path[: -len(index_page) + 1]
    return path


@lru_cache(maxsize=65_536)
def url_key(url: str) -> str:
    """The page's identity: equal for every spelling of the same page (see the module's description)."""
    simple = simple_url(url)
    if simple is not None:
        scheme, host, port, path = simple
        host, path, _ = _strip_amp(host.removeprefix("www."), path or "/", [])
        host = host.removeprefix("www.")
        path = _index_page(path).rstrip("/")
        port_part = f":{port}" if port is not None and port != DEFAULT_PORTS[scheme] else ""
        return f"//{host}{port_part}{path}"
    return general_url_key(url)


def general_url_key(url: str) -> str:
    """`url_key` for any string, through urlsplit (the reference the common form's shortcut must equal)."""
    cleaned = clean_url(url)
    parts, scheme, host, port = _split(cleaned)
    if scheme not in DEFAULT_PORTS or not host:
        return cleaned.lower()
    query = parse_qsl(parts.query, keep_blank_values=True)
    host, path, query = _strip_amp(host.removeprefix("www."), parts.path, query)
    host = host.removeprefix("www.")
    path = _index_page(path).rstrip("/")
    port_part = f":{port}" if port is not None and port != DEFAULT_PORTS[scheme] else ""
    host = f"[{host}]" if ":" in host else host
    query_part = urlencode(sorted(query), quote_via=quote, safe="/:@!$'()*,;")
    return f"//{host}{port_part}{path}" + (f"?{query_part}" if query_part else "")
