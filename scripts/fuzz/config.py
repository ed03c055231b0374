"""Writes the schemathesis.toml for a fuzz run: credentials for each security scheme the OpenAPI document declares.

Usage: python config.py <schema file> <out.toml>   (FUZZ_TOKEN and FUZZ_WRITE_KEY in the environment)

HTTP bearer schemes get the admin API token, HTTP basic schemes the write key (as the username, empty password),
so schemathesis sends each operation the credential its `security` asks for. Cookie sessions are not used:
they would also need the CSRF header, and the token covers every /api route.
"""

import json
import os
import sys


def toml_string(value):
    return json.dumps(value)  # a JSON string is a valid TOML basic string


def main(schema_path, out_path):
    with open(schema_path, encoding="utf-8") as handle:
        schema = json.load(handle)
    schemes = schema.get("components", {}).get("securitySchemes", {})
    token = os.environ.get("FUZZ_TOKEN", "")
    write_key = os.environ.get("FUZZ_WRITE_KEY", "")
    lines = []
    for name, scheme in schemes.items():
        kind, http = scheme.get("type"), str(scheme.get("scheme", "")).lower()
        if kind == "http" and http == "bearer" and token:
            lines += [f"[auth.openapi.{toml_string(name)}]", f"bearer = {toml_string(token)}", ""]
        elif kind == "http" and http == "basic" and write_key:
            lines += [f"[auth.openapi.{toml_string(name)}]", f"username = {toml_string(write_key)}", 'password = ""', ""]
        else:
            print(f"config: no credential for security scheme {name!r} ({kind} {http or scheme.get('in', '')})", file=sys.stderr)
    # A body over the route's size limit is refused with 413 before its content is read: that is a rejection too
    # (schemathesis' default list for "schema-violating request accepted" lacks 413). 5xx stays listed so that check
    # does not double-report what not_a_server_error already fails.
    lines += [
        "[checks.negative_data_rejection]",
        'expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429", "5xx"]',
        "",
    ]
    with open(out_path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
