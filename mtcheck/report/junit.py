"""JUnit XML: one test case per document; findings that fail the gate are its failure.

Findings below the gate's severity appear in the test case's ``system-out``. A run that fails
a threshold of the whole run or of its documents (``--max-findings``, ``--max-penalty``) gets
one more failing test case, ``gate``, naming each condition, so the report fails whenever
the exit code does. Characters that
XML 1.0 cannot carry (control characters scanned text may contain) are replaced by U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from mtcheck.model import DocumentResult, Finding, RunResult

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(s: str) -> str:
    return _XML_INVALID.sub("\ufffd", s)


def _lines(d: DocumentResult, fs: list[Finding]) -> str:
    where = d.path or d.id
    return "\n".join(
        f"{where}:{f.line}:{f.column}: {f.rule} {f.severity.label} {f.message}" for f in fs
    )


def render(run: RunResult) -> str:
    fail_on = run.fail_on
    suites = ET.Element("testsuites", name="mtcheck")
    suite = ET.SubElement(suites, "testsuite", name="mtcheck")
    failures = errors = 0
    for d in run.documents:
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name=_x(d.id))
        if d.path:
            case.set("file", _x(d.path))
        if d.error is not None:
            errors += 1
            ET.SubElement(case, "error", message=_x(d.error), type="input-error")
            continue
        gating = [f for f in d.findings if fail_on is not None and f.severity >= fail_on]
        rest = [f for f in d.findings if f not in gating]

        if gating:
            failures += 1
            fail = ET.SubElement(
                case,
                "failure",
                message=_x(
                    f"{len(gating)} finding(s) at or above {fail_on.label if fail_on else ''}"
                ),
                type="mtcheck",
            )
            fail.text = _x(_lines(d, gating))
        if rest:
            out = ET.SubElement(case, "system-out")
            out.text = _x(_lines(d, rest))
    thresholds = [c for c in run.failed_conditions if not c.startswith("fail-on:")]
    if thresholds:
        failures += 1
        case = ET.SubElement(suite, "testcase", classname="mtcheck", name="gate")
        fail = ET.SubElement(case, "failure", message=_x("; ".join(thresholds)), type="gate")
        fail.text = _x("\n".join(thresholds))
    for el in (suites, suite):
        el.set("tests", str(len(suite)))
        el.set("failures", str(failures))
        el.set("errors", str(errors))
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )
