#!/usr/bin/env python3
"""Rebuilds fuzz/seeds/<target>/ from the real documentation pages.

Run from the repository root: `python3 fuzz/make_seeds.py [TARGET…]` (needs ../shared beside
it for the plain-text, changelog and API Reference samples); with targets named, only their
seed folders are rebuilt. Picks a small, diverse set: every page kind, pages
spread over the size range, pages with rare features (recursion, documents, sets,
deprecation, "too large" stubs), and each changelog method cut out as a one-method page.
Deterministic: the same inputs give the same seeds.
"""

import hashlib
import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
OUT = ROOT / "fuzz" / "seeds"

# Rare features worth a seed each (the first page, in path order, that has them).
FEATURES = [
    "... recursive ...",
    "{...}|[...]|123|123.4|'string'|True|None",
    "b'bytes'",
    ".. danger::",
    "too large to render",
    "123.0",
    "**Exceptions**",
    "**Examples**",
    ":py:class:",
    "\u2028",
    "Default:",
    "PaginationConfig",
    "WaiterConfig",
    "[REQUIRED]",
    "DEPRECATED",
    ".. note::",
    "`_",
    "``",
]


RESOURCE_KINDS = {"service-resource", "table"}


def spread(paths, n):
    """`n` paths spread evenly over the size range (smallest and largest included)."""
    paths = sorted(paths, key=lambda p: (p.stat().st_size, str(p)))
    if len(paths) <= n:
        return paths
    step = (len(paths) - 1) / (n - 1)
    return [paths[round(i * step)] for i in range(n)]


def pick(paths, per_kind, max_bytes):
    """Pages spread over sizes within each folder kind, plus one per rare feature."""
    by_kind = {}
    for p in paths:
        by_kind.setdefault(p.parent.name, []).append(p)
    chosen = {}
    for kind in sorted(by_kind):
        small = [p for p in by_kind[kind] if p.stat().st_size <= max_bytes]
        # boto3 resource pages are recognised and skipped early: two of each are enough.
        n = 2 if kind in RESOURCE_KINDS else per_kind
        for p in spread(small, n):
            chosen[p] = True
    for feature in FEATURES:
        for p in sorted(paths, key=lambda p: (p.stat().st_size, str(p))):
            if p.parent.name in RESOURCE_KINDS or p.stat().st_size > max_bytes:
                continue
            if feature in p.read_text(encoding="utf-8"):
                chosen[p] = True
                break
    return sorted(chosen, key=str)


def write(target, name, data):
    d = OUT / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    (d / f"seed-{safe}").write_bytes(data)


def syntax_blocks(text):
    """The `**Request Syntax**` / `**Response Syntax**` blocks of an RST page, as the RST
    parser hands them to `syntax::parse_literal` (first line's indent kept)."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.strip() not in ("**Request Syntax**", "**Response Syntax**"):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j >= len(lines) or lines[j].strip() != "::":
            continue
        base = len(lines[j]) - len(lines[j].lstrip(" "))
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        start, end = k, k
        while k < len(lines):
            t = lines[k]
            if not t.strip():
                k += 1
                continue
            if len(t) - len(t.lstrip(" ")) <= base:
                break
            k += 1
            end = k
        if end > start:
            out.append("\n".join(lines[start:end]))
    return out


# Literal forms the three services' pages never show (other services do).
SYNTHETIC_LITERALS = {
    "streaming": "response = client.put_object(\n    Body=b'bytes'|file,\n    Key='string'\n)",
    "streaming-body": "{\n    'Body': StreamingBody(),\n    'ContentLength': 123\n}",
    "event-stream": "{\n 'stream': EventStream({\n  'chunk': {\n   'bytes': b'bytes'\n  },\n  'trace': {}\n }),\n 'id': 'string'\n}",
    "alternatives": "response = client.copy_object(\n    CopySource='string' or {'Bucket': 'string', 'Key': 'string', 'VersionId': 'string'},\n    Key='string'\n)",
    "document": "{\n    'Doc': {...}|[...]|123|123.4|'string'|True|None,\n    'F': ...,\n    'D': 123.0\n}",
    "recursive": "response = client.search(\n    Filter={\n        'And': [\n            {'... recursive ...'},\n        ],\n        'Not': {'... recursive ...'}\n    }\n)",
    "empty-call": "response = client.close()",
    "enums": "{\n    'T': 'Linux/UNIX (Amazon VPC)'|'a, b'|'*'|'x [y]',\n    'U': 'caf\u00e9\u2028x'\n}",
}


# API Reference constructs worth a seed each (the first page, in path order, that still has
# them once cut to size): both flavours of every entry heading form, labels, syntax lines.
APIREF_FEATURES = [
    "This data type is a UNION",
    "(request), **",
    ".entry.N.key",
    ".member.N**",
    ".N**",
    "Host: Bucket.",
    "Root level tag for the",
    "X-Amz-Target:",
    "HTTP/1.1 204",
    "The request accepts the following binary data",
    "The response returns the following HTTP headers",
    "**Arn**",
    " ** Context **",
    "Key Length Constraints:",
    "Map Entries:",
    "Array Members:",
    "Valid Values:",
    "Array of arrays",
    "String to array of",
    "Base64-encoded binary data",
    "###### Note",
    "{{",
    "?",
    "x-amz-",
    "In the following list, the required parameters are described first.",
]


def fit(text, max_bytes):
    """The page cut to `max_bytes`: its description, then whole `## ` sections in order,
    skipping those that do not fit (so the page stays well-formed)."""
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    parts = re.split(r"(?m)^(?=## )", text)
    out = parts[0]
    while len(out.encode("utf-8")) > max_bytes // 2 and "\n\n" in out.rstrip("\n"):
        out = out.rstrip("\n").rsplit("\n\n", 1)[0] + "\n\n"
    for section in parts[1:]:
        if len((out + section).encode("utf-8")) <= max_bytes:
            out += section
    return out


def apiref_seeds(max_bytes=4096):
    """Small API Reference pages: per service two operation pages and a data-type page spread
    over sizes, the common pages, and one page per rare construct; each cut to `max_bytes`."""
    pages = sorted((SHARED / "api-reference").glob("*/*.md"))
    fitted = {p: fit(p.read_text(encoding="utf-8"), max_bytes) for p in pages}
    chosen = {}
    for service in sorted({p.parent.name for p in pages}):
        mine = [p for p in pages if p.parent.name == service]
        operations = [p for p in mine if "## Contents" not in fitted[p] and "\n## Re" in fitted[p]]
        types = [p for p in mine if "## Contents" in fitted[p]]
        # The smallest and largest operation pages, the middle-sized data-type page.
        for p in spread(operations, 2) + spread(types, 3)[1:2]:
            chosen[p] = True
    for name in ["backup/CommonErrors.md", "iam/CommonErrors.md", "cloudhsmv2/Welcome.md"]:
        chosen[SHARED / "api-reference" / name] = True
    for feature in APIREF_FEATURES:
        for p in pages:
            if feature in fitted[p]:
                chosen[p] = True
                break
    for p in sorted(chosen, key=str):
        write("apiref_page", str(p.relative_to(SHARED / "api-reference")), fitted[p])


def main():
    only = set(sys.argv[1:])

    def rebuild(target):
        if only and target not in only:
            return False
        if (OUT / target).exists():
            shutil.rmtree(OUT / target)
        return True

    if rebuild("apiref_page"):
        apiref_seeds()
    rst = sorted((ROOT / "docs-input").rglob("*.rst"))

    # rst_page: index pages, resource pages, and client/paginator/waiter pages.
    if rebuild("rst_page"):
        for p in pick(rst, per_kind=10, max_bytes=40_000):
            write("rst_page", str(p.relative_to(ROOT / "docs-input")), p.read_bytes())

    # syntax_literal: the syntax blocks of every RST page, deduplicated, spread over sizes.
    if rebuild("syntax_literal"):
        syntax_literal_seeds(rst)

    # plaintext_page: the plain-text samples.
    if rebuild("plaintext_page"):
        txt = sorted((SHARED / "plaintext-samples").rglob("*.txt"))
        for p in pick(txt, per_kind=8, max_bytes=30_000):
            write("plaintext_page", str(p.relative_to(SHARED / "plaintext-samples")), p.read_bytes())

    if rebuild("changelog_page"):
        changelog_seeds()


def syntax_literal_seeds(rst):
    blocks = {}
    for p in rst:
        for b in syntax_blocks(p.read_text(encoding="utf-8")):
            blocks.setdefault(hashlib.sha1(b.encode()).hexdigest()[:12], (b, p))
    chosen = sorted(blocks.items(), key=lambda kv: (len(kv[1][0]), kv[0]))
    chosen = [kv for kv in chosen if len(kv[1][0]) <= 12_000]
    step = max(1, len(chosen) // 60)
    for h, (b, p) in chosen[::step]:
        write("syntax_literal", f"{p.stem}-{h}", b)
    for name, b in SYNTHETIC_LITERALS.items():
        write("syntax_literal", f"synthetic-{name}", b)


def changelog_seeds():
    """The small pages whole, and each method of every page as a one-method page."""
    logs = sorted(SHARED.glob("seeds/002_*.txt")) + sorted(SHARED.glob("changelog-samples/*/changelog.txt"))
    logs += sorted((ROOT / "docs-input").glob("*/changelogs/*.txt"))
    seen = set()
    for p in logs:
        text = p.read_text(encoding="utf-8")
        digest = hashlib.sha1(text.encode()).hexdigest()
        if digest in seen:
            continue
        seen.add(digest)
        tag = p.parent.name if p.name == "changelog.txt" else p.stem
        if len(text) <= 70_000:
            write("changelog_page", f"{tag}-whole", text)
        lines = text.split("\n")
        header = next(i for i, l in enumerate(lines) if re.match(r"\d{4}/\d\d/\d\d - ", l))
        starts = [i for i, l in enumerate(lines) if re.match(r"^\w+\s*\((new|updated)\) Link\s¶$", l)]
        m = re.match(r"(\d{4}/\d\d/\d\d - .* - )", lines[header])
        for k, s in enumerate(starts):
            e = starts[k + 1] if k + 1 < len(starts) else len(lines)
            kind = re.match(r"^\w+\s*\((new|updated)\)", lines[s]).group(1)
            head = lines[: header] + [m.group(1) + f"1 {kind} api methods"] + lines[header + 1 : starts[0]]
            page = "\n".join(head + lines[s:e])
            if len(page) <= 40_000:
                write("changelog_page", f"{tag}-{lines[s].split()[0]}", page)


if __name__ == "__main__":
    main()
