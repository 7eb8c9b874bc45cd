"""Fetches every page kind from a running danvan as a browser behind the HTTPS proxy would, and fails on any error.

    deploy_check_pages.py http://127.0.0.1:8100 USERNAME PASSWORD

Used by scripts/deploy-check.sh after the README's production steps. Standard library only. Every request carries
X-Forwarded-Proto: https (what the reverse proxy sends), so the production security settings stay on: secure
cookies, the CSRF origin check, the redirect of plain HTTP.
"""

import http.client
import re
import sys
import time
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.assets: list[str] = []
        self.csrf = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in {"link", "script"} and (attrs.get("href") or attrs.get("src")):
            self.assets.append(attrs.get("href") or attrs.get("src"))
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.csrf = attrs.get("value", "")


class Browser:
    """One visitor: keeps its cookies (they are Secure, so a stock cookie jar would not send them over loopback)."""

    def __init__(self, base: str):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.origin = f"https://{self.host}:{self.port}"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None, proxy_https: bool = True):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "danvan-deploy-check"}
        if proxy_https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            }
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), content


def check(condition: bool, message: str) -> None:
    if not condition:
        print(f"deploy-check: FAILED: {message}", file=sys.stderr)
        sys.exit(1)


def main(base: str, username: str, password: str) -> int:
    browser = Browser(base)
    fetched: list[tuple[int, str, float]] = []

    def get(path: str, expect: int = 200, **kwargs):
        start = time.perf_counter()
        status, headers, content = browser.request("GET", path, **kwargs)
        fetched.append((status, path, time.perf_counter() - start))
        check(status == expect, f"GET {path} answered {status}, expected {expect}: {content[:300]!r}")
        return headers, content

    # Plain HTTP (no proxy header) is sent to HTTPS.
    headers, _ = get("/dang-nhap/", expect=301, proxy_https=False)
    check(headers.get("location", "").startswith("https://"), "plain HTTP is not redirected to HTTPS")

    # The login page and every static file it uses, by their hashed names, compressed and cached for ever.
    headers, content = get("/dang-nhap/")
    check("content-security-policy" in headers, "the login page has no Content-Security-Policy")
    page = Links()
    page.feed(content.decode())
    static = [a for a in page.assets if a.startswith("/static/")]
    check(bool(static), "the login page links no static file")
    for asset in static:
        check(bool(re.search(r"\.[0-9a-f]{12}\.\w+$", asset)), f"{asset} is not a hashed (manifest) name")
        headers, _ = get(asset)
        check("max-age=315360000" in headers.get("cache-control", ""), f"{asset} is not cached for ever")
    status, _, _ = browser.request("GET", "/static/vendor/bootstrap/bootstrap.min.css.map", proxy_https=True)
    check(status == 404, "a missing static file does not answer 404")

    # Log in through the form, with its CSRF token.
    check(bool(page.csrf), "the login form has no CSRF token")
    status, headers, content = browser.request(
        "POST", "/dang-nhap/", {"csrfmiddlewaretoken": page.csrf, "username": username, "password": password}
    )
    fetched.append((status, "POST /dang-nhap/", 0.0))
    check(status == 302, f"logging in answered {status}: {content[:300]!r}")

    # The home page, then every page it links to (each module's index, the tree, the audit log, the account pages).
    _, content = get("/")
    home = Links()
    home.feed(content.decode())
    targets = sorted(
        {
            link.split("#")[0]
            for link in home.links
            if link.startswith("/") and not link.startswith(("/static/", "/i18n/")) and link.split("#")[0] != "/"
        }
    )
    check(len(targets) >= 8, f"the home page links only {targets}")
    for path in targets:
        get(path)

    # A printed paper: the production machine can render PDFs (WeasyPrint with Pango and the fonts).
    headers, content = get("/don-thu/thong-ke/mau-2a.pdf")
    check(headers.get("content-type") == "application/pdf" and content.startswith(b"%PDF"), "form 2a is not a PDF")

    for status, path, seconds in fetched:
        print(f"  {status} {seconds * 1000:7.1f} ms  {path}")
    print(f"deploy-check: {len(fetched)} requests, every answer as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
