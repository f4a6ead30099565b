#!/usr/bin/env python3
"""Writes fuzz/dict/<target>.dict: libFuzzer dictionaries of each format's tokens.
Run from anywhere: `python3 fuzz/make_dicts.py`."""
import pathlib

SYNTAX = [
    "'string'", "123", "123.0", "...", "True|False", "datetime(2015, 1, 1)", "b'bytes'",
    "b'bytes'|file", "StreamingBody()", "{...}|[...]|123|123.4|'string'|True|None",
    "{'... recursive ...'}", "'... recursive ...'", "EventStream({", "})", " or ",
    "response = client.", "response_iterator = paginator.paginate(", "waiter.wait(",
    "client.", "(\n", "\n)", "{\n", "\n}", "[\n", "\n]", "': ", "',\n", "='", "={", "=[",
    "'|'", "|", "{}", "[]", "()", "None", "True", "False", "'A'|'B'", "'Key': 'string'",
    "PaginationConfig={", "'MaxItems': 123", "'PageSize': 123", "'StartingToken': 'string'",
    "WaiterConfig={", "'Delay': 123", "'MaxAttempts': 123", "    ", "\t", "\r\n", "\\'",
    "\u2028", "\u00a0",
]

PROSE = [
    "(dict) --", "(list) --", "(string) --", "(integer) --", "(boolean) --", "(datetime) --",
    "(float) --", "(double) --", "(bytes) --", "(long) --", "(timestamp) --", "(map) --",
    "(structure) --", "(:ref:`Document <document>`) --", "(StreamingBody) --",
    "(EventStream) --", "[REQUIRED]", "Valid values", "Default: 20", "Default: 25",
    "This is a Tagged Union structure. Only one of the following top level keys can be set:",
    "List of ", " objects", "DEPRECATED", "Polls ", " every 20 seconds until a successful state is reached. An error is raised after 25 failed checks.",
    "Creates an iterator that will paginate through responses from ",
    "This section is too large to render", "# This section is too large to render.",
    "\u2022 ", "\u25e6 ", "\u25aa ", "* ", "- ",
]

RST = SYNTAX + PROSE + [
    ":type ", ":param ", ":rtype: dict", ":rtype:", ":returns:", ":return:", ":returns: None",
    "**[REQUIRED]**", "- **", "** *(", ") --* ", "*(dict) --*", "*(list) --*", "*(string) --*",
    "*(integer) --*", "*(boolean) --*", "*(datetime) --*", "**Request Syntax**", "**Parameters**",
    "**Response Syntax**", "**Response Structure**", "**Exceptions**", "**Examples**", "::",
    ".. py:method:: ", ".. py:class:: ", ".. py:attribute:: ", "paginate(**kwargs)", "wait(**kwargs)",
    "(**kwargs)", ".Client.", ".Paginator.", ".Waiter.", ".Client", ".. danger::", ".. note::",
    ".. warning::", ".. toctree::", ".. code-block:: python", ":py:meth:`", ":py:class:`", ":doc:`",
    "See also: `AWS API Documentation <https://docs.aws.amazon.com/goto/WebAPI/svc-2012-08-10/Op>`_",
    "<https://docs.aws.amazon.com/goto/WebAPI/", ">`_", "`_", "``", "`", "**", "*", "\\",
    "__", "|", "&", "<", ">", "*   :py:class:`Svc.Client.exceptions.ResourceNotFoundException`",
    "********", "========", "--------", "~~~~~~~~", "^^^^^^^^", "########",
    ":doc:`Svc <../../svc>` / Client / op", " / Paginator / ", " / Waiter / ",
    "A low-level client representing ", "import boto3", "client = boto3.client('svc')",
    "paginator = client.get_paginator('op')", "waiter = client.get_waiter('op')",
    "These are the available methods:", ":maxdepth: 1",
]

PLAINTEXT = SYNTAX + PROSE + [
    "Request Syntax", "Parameters", "Raises", "Return type", "Returns", "Response Syntax",
    "Response Structure", "Exceptions", "Examples", "See also: AWS API Documentation",
    "Svc.Client.op(**kwargs)", "Svc.Paginator.Op", "Svc.Waiter.Op", "paginate(**kwargs)",
    "wait(**kwargs)", "Name (string) --", "Name (dict) --", "Name (list) --", "dict", "None",
    "Svc.Client.exceptions.ResourceNotFoundException", "Danger", "Note", "Warning",
    "This operation is deprecated and may not function as expected.",
]

CHANGELOG = PLAINTEXT + [
    "Changes (", "Changes (request)", "Changes (response)", "Changes (both)",
    "Changes (request, response)", "Request", "Response", "Changes  ", " (new) Link \u00b6",
    " (updated) Link \u00b6", "Link \u00b6", " (new)", " (updated)", "\u00a0(updated) Link \u00b6",
    "2023/02/08 - AWS Backup - 9 updated api methods", " - ", " updated api methods",
    " new api methods", " new ", " updated api method", "2023/02/08", "type ", "param ",
    "rtype", "returns", "{'", "'}", "': {'", "': ['", "' | '", " | ", "'string'", "'timestamp'",
    "'integer'", "'long'", "'boolean'", "'double'", "'float'", "'blob'", "'structure'",
    "'list'", "'map'", "'document'", "{'A', 'B'}", "\n   '", "\"",
]


def esc(token: str) -> str:
    out = []
    for b in token.encode("utf-8"):
        c = chr(b)
        if c in '"\\':
            out.append("\\" + c)
        elif 0x20 <= b < 0x7F:
            out.append(c)
        else:
            out.append(f"\\x{b:02X}")
    return '"' + "".join(out) + '"'


def main():
    d = pathlib.Path(__file__).resolve().parent / "dict"
    d.mkdir(exist_ok=True)
    for name, tokens in [("syntax_literal", SYNTAX), ("rst_page", RST), ("plaintext_page", PLAINTEXT), ("changelog_page", CHANGELOG)]:
        seen = []
        for t in tokens:
            if t not in seen:
                seen.append(t)
        (d / f"{name}.dict").write_text("".join(esc(t) + "\n" for t in seen))


if __name__ == "__main__":
    main()
