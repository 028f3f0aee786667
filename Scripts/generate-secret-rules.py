#!/usr/bin/env python3
"""Writes Sources/HookCore/Redaction/SecretRules+Table.swift from Rules/secret-rules.toml.

Usage: Scripts/generate-secret-rules.py [--check]
  --check  write nothing; exit 1 when the Swift file differs from what the table gives.

The static pre-commit hook has no Foundation Bundle to load a data file at run time, so the table
becomes Swift source. Besides copying the fields, this computes each regex's longest match (the
window searched around a keyword; 0 when unbounded) with Python's own regex parser.
"""
import re
import sys
import tomllib

try:
    from re import _parser as sre_parse  # Python 3.11+
except ImportError:  # pragma: no cover
    import sre_parse

TABLE = "Rules/secret-rules.toml"
OUTPUT = "Sources/HookCore/Redaction/SecretRules+Table.swift"
UNBOUNDED = 4096


def python_spelling(pattern):
    """A Python `re` spelling with the same widths (flags do not change widths)."""
    p = pattern.replace(r"\z", r"\Z").replace("[[:alnum:]]", "[A-Za-z0-9]")
    p = re.sub(r"\(\?[imsx]+\)", "", p)
    p = re.sub(r"\(\?-?[imsx]+(?:-[imsx]+)?:", "(?:", p)
    return p


def window(pattern):
    """Bytes searched on each side of a keyword: the longest match, or for an unbounded regex its
    shortest match plus 256 (a match reaching the window's end is matched again on the whole line)."""
    lo, hi = sre_parse.parse(python_spelling(pattern)).getwidth()
    return hi if hi < UNBOUNDED else lo + 256


def secret_min_width(pattern, group):
    """The shortest secret the rule can capture (its secret group, else the first group, else the match)."""
    tree = sre_parse.parse(python_spelling(pattern))
    target = group or (1 if tree.state.groups > 1 else 0)
    if target == 0:
        return tree.getwidth()[0]
    found = []

    def walk(sub):
        for op, av in sub.data:
            name = str(op)
            if name == "SUBPATTERN":
                if av[0] == target:
                    found.append(av[3].getwidth()[0])
                walk(av[3])
            elif name == "BRANCH":
                for b in av[1]:
                    walk(b)
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(av[2])
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(av[1])
            elif name == "ATOMIC_GROUP":
                walk(av)
    walk(tree)
    return min(found) if found else 1


def leading_alternatives(pattern):
    """The literal alternatives a regex starts with after `(?i)` and `\\b`, e.g. `\\b((?:AKIA|ASIA)…`
    gives [AKIA, ASIA]; None when it does not start with a word boundary."""
    p = re.sub(r"^\(\?i\)", "", pattern)
    if not p.startswith(r"\b"):
        return None
    p = p[2:]
    while p.startswith("(?:") or p.startswith("("):
        p = p[3:] if p.startswith("(?:") else p[1:]
    depth, alternatives, current = 0, [], ""
    for ch in p:
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        elif ch == "|" and depth == 0:
            alternatives.append(current)
            current = ""
            continue
        current += ch
    alternatives.append(current)
    return [a.replace("\\.", ".") for a in alternatives]


def starts_words(pattern, keywords):
    """Every keyword begins one of the alternatives right after the regex's leading `\\b`."""
    alternatives = leading_alternatives(pattern)
    if alternatives is None:
        return False
    return all(any(a.lower().startswith(k) for a in alternatives) for k in keywords)


def exact_case(pattern, keywords):
    """For a regex without `(?i)`, the spelling of each keyword as the regex writes it (`SK`, `AKIA`)."""
    if "(?i" in pattern:
        return None
    spelled = []
    for k in keywords:
        m = re.search(re.escape(k), pattern, re.IGNORECASE)
        if not m:
            return None
        spelled.append(m.group(0))
    return spelled


def swift_string(s):
    """A Swift raw string literal holding exactly `s`."""
    hashes = 1
    while ('"' + "#" * hashes) in s or ("\\" + "#" * hashes) in s:
        hashes += 1
    h = "#" * hashes
    out = []
    for ch in s:
        if ch == "\n":
            out.append("\\" + h + "n")
        elif ch == "\r":
            out.append("\\" + h + "r")
        elif ch == "\t":
            out.append("\\" + h + "t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\" + h + "u{%x}" % ord(ch))
        else:
            out.append(ch)
    return h + '"' + "".join(out) + '"' + h


def swift_list(items):
    return "[" + ", ".join(swift_string(i) for i in items) + "]"


def allowlist(a, indent):
    fields = []
    if a.get("regexTarget"):
        fields.append("target: .%s" % {"match": "match", "line": "line"}[a["regexTarget"]])
    if a.get("condition", "OR").upper() == "AND":
        fields.append("requireAll: true")
    if a.get("regexes"):
        fields.append("regexes: " + swift_list(a["regexes"]))
    if a.get("stopwords"):
        fields.append("stopwords: " + swift_list([w.lower() for w in a["stopwords"]]))
    return indent + "SecretAllowlistSpec(" + ", ".join(fields) + ")"


GATES = {"password": ".password", "secret": ".secret", "random": ".random", "alnum": ".alnum"}


def render(table):
    ids = set()
    lines = [
        "// swift-format-ignore-file",
        "// Generated by Scripts/generate-secret-rules.py from Rules/secret-rules.toml: edit the table, then run the script.",
        "",
        "extension SecretRuleTable {",
        "    /// Every built-in rule, in table order.",
        "    package static let specs: [SecretRuleSpec] = [",
    ]
    for r in table["rules"]:
        rid = r["id"]
        if rid in ids:
            raise SystemExit("duplicate rule id " + rid)
        ids.add(rid)
        for k in r.get("keywords", []):
            if k != k.lower():
                raise SystemExit("%s: keyword %r must be lower case" % (rid, k))
        if not r.get("keywords"):
            raise SystemExit(rid + ": no keywords")
        for field in ("tp", "fp", "regex", "description"):
            if field not in r:
                raise SystemExit("%s: no %s" % (rid, field))
        args = [
            "id: " + swift_string(rid),
            "regex: " + swift_string(r["regex"]),
            "keywords: " + swift_list(r["keywords"]),
        ]
        if r.get("secretGroup"):
            args.append("secretGroup: %d" % r["secretGroup"])
        if r.get("entropy"):
            args.append("entropy: %s" % repr(float(r["entropy"])))
        if r.get("anchor") == "keyword":
            args.append("anchoredAtKeyword: true")
        elif r.get("anchor") not in (None, "window"):
            raise SystemExit("%s: unknown anchor %r" % (rid, r["anchor"]))
        if r.get("fallback"):
            args.append("fallback: true")
        if r.get("keywordBoundary") or starts_words(r["regex"], r["keywords"]):
            args.append("keywordBoundary: true")
        exact = exact_case(r["regex"], r["keywords"])
        if exact:
            args.append("keywordSpelling: " + swift_list(exact))
        if r.get("gate"):
            args.append("gate: " + GATES[r["gate"]])
        args.append("window: %d" % window(r["regex"]))
        args.append("minimumSecret: %d" % secret_min_width(r["regex"], r.get("secretGroup", 0)))
        if r.get("allowlists"):
            args.append("allowlists: [\n" + ",\n".join(allowlist(a, " " * 16) for a in r["allowlists"]) + ",\n            ]")
        if r.get("allowlistsOf"):
            if r["allowlistsOf"] not in [x["id"] for x in table["rules"]]:
                raise SystemExit("%s: allowlistsOf names no rule" % rid)
            args.append("allowlistsOf: " + swift_string(r["allowlistsOf"]))
        args.append("truePositive: " + swift_string(r["tp"]))
        args.append("falsePositive: " + swift_string(r["fp"]))
        if r.get("fpSource"):
            args.append("falsePositiveDerived: true")
        lines.append("        SecretRuleSpec(\n            " + ",\n            ".join(args) + "\n        ),")
    lines.append("    ]")
    lines.append("")
    lines.append("    /// The allowlist every rule shares.")
    lines.append("    package static let globalAllowlist = " + allowlist(table["allowlist"], "").strip())
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv):
    with open(TABLE, "rb") as f:
        table = tomllib.load(f)
    text = render(table)
    if "--check" in argv:
        current = open(OUTPUT, encoding="utf-8").read()
        if current != text:
            print("%s is out of date: run Scripts/generate-secret-rules.py" % OUTPUT, file=sys.stderr)
            return 1
        return 0
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("%d rules written to %s" % (len(table["rules"]), OUTPUT))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
