"""Reads schemathesis' JUnit reports and says whether the fuzz run failed: exit 1 on any failed check or any error.

Usage: python verdict.py <junit.xml>...

One error is not the API's and is only reported: CPython 3.11's `ast.parse` races when hypothesis describes a
strategy on two worker threads at once ("AST constructor recursion depth mismatch", a CPython bug), which aborts
that one operation's generation inside schemathesis. Every other error (the schema did not load, a request could
not be built) fails the run like a failed check.
"""

import sys
import xml.etree.ElementTree as ElementTree

TOOL_BUGS = ("AST constructor recursion depth mismatch",)


def main(paths):
    failed, tolerated = [], []
    for path in paths:
        for case in ElementTree.parse(path).getroot().iter("testcase"):
            for problem in [*case.iter("failure"), *case.iter("error")]:
                text = f"{problem.get('message', '')} {problem.text or ''}"
                entry = f"{case.get('name')}: {problem.tag}"
                (tolerated if problem.tag == "error" and any(bug in text for bug in TOOL_BUGS) else failed).append(entry)
    for entry in tolerated:
        print(f"verdict: tolerated a schemathesis-internal CPython error in {entry}", file=sys.stderr)
    for entry in failed:
        print(f"verdict: FAILED {entry}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
