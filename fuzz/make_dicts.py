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


# AWS API Reference pages (Markdown, both flavours): headings, labels, sentences, syntax lines.
APIREF = [
    "---\nsource_url: https://docs.aws.amazon.com/x/latest/APIReference/API_X.html\n---\n",
    "# ", "## ", "###### Note", "###### Important", "**Note**", "<a name=\"API_X\"></a>", "</a>",
    "## Request Syntax", "## URI Request Parameters", "## Request Body", "## Request Parameters",
    "## Response Syntax", "## Response Elements", "## Errors", "## Examples", "## See Also",
    "## Contents", "#### Sample Request", "```", "```nohighlight", "~~~", "\n\n", "\n",
    "**[Name](#API_Op_RequestSyntax)**", "**[Name](#API_Op_ResponseSyntax)**", "**Name**",
    " ** Name **", " ** [Name](#API_Op_RequestSyntax) **   <a name=\"Svc-Op-request-Name\"></a>",
    " **Names.member.N**", "**Filter.N**", ".member.N", ".N",
    " **Attributes** Attributes.entry.N.key (key)Attributes.entry.N.value (value)",
    "**Key** (request), **key** (response)", "Type: ", "Required: Yes", "Required: No",
    "Length Constraints: Minimum length of 1. Maximum length of 1024.", "Fixed length of 12.",
    "Key Length Constraints: ", "Value Length Constraints: ", "Valid Range: Minimum value of 0. Maximum value of 100.",
    "Pattern: `^[a-z]+$`", "Key Pattern: ", "Value Pattern: ", "Valid Values: `A | B`", "` \\| `",
    "Array Members: Minimum number of 1 item. Maximum number of 50 items.", "Map Entries: Maximum number of 30 items.",
    "Default: ", "String", "Boolean", "Integer", "Long", "Double", "Float", "Timestamp",
    "Base64-encoded binary data object", "JSON value", "Exception", "[Tag](API_Tag.md) object",
    "[Tag](api-tag.md) data type", "Array of ", "arrays of ", "strings", " objects", " data types",
    "String to ", " map", " maps", "HTTP Status Code: 400", "HTTP Status Code: ",
    "GET /backup-jobs/?accountId=ByAccountId&state={{State}}&tagging HTTP/1.1", "PUT ", "POST ",
    "DELETE ", "HEAD ", " HTTP/1.1", "HTTP/1.1 200", "HTTP/1.1 204", "Host: Bucket.s3.amazonaws.com",
    "Content-type: application/json", "x-amz-expected-bucket-owner: ExpectedBucketOwner",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "{{", "}}", "\"string\"", "number",
    "X-Amz-Target: DynamoDB_20120810.DeleteTable", "Content-Type: application/x-amz-json-1.0",
    "Host: dynamodb.<region>.<domain>;",
    "If the action is successful, the service sends back an HTTP 200 response.",
    " with an empty HTTP body.", "The request accepts the following data in JSON format.",
    "The request accepts the following data in XML format.", "The request accepts the following binary data.",
    "The request does not have a request body.", "The following data is returned in XML format by the service.",
    "The response returns the following HTTP headers.", "The following elements are returned by the service.",
    "Root level tag for the Tagging parameters.",
    "This data type is a UNION, so only one of the following members can be specified when used or returned.",
    "[AWS SDK for Python](../../../goto/boto3/backup-2018-11-15/createbackupvault.md)",
    "https://docs.aws.amazon.com/goto/boto3/iam-2010-05-08/UntagRole", "](", "[", "]", "(", ")",
    "**", "*", "_", "`", "\\", "\\_", "<", ">", "&amp;", "+  ", "- ", "1. ", "  ", "    ", "\t", "\r\n",
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
    for name, tokens in [("syntax_literal", SYNTAX), ("rst_page", RST), ("plaintext_page", PLAINTEXT), ("changelog_page", CHANGELOG), ("apiref_page", APIREF)]:
        seen = []
        for t in tokens:
            if t not in seen:
                seen.append(t)
        (d / f"{name}.dict").write_text("".join(esc(t) + "\n" for t in seen))


if __name__ == "__main__":
    main()
