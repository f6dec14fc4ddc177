"""Convert PETRARCH-2 / CAMEO reference tables into dyad's own event data files.

Run once by hand (the outputs under `events/data/` are what ship; see data/SOURCES.md):

    python -m dyad.events.convert /work/shared/data/reference src/dyad/events/data

Inputs (MIT / attribution, see SOURCES.md):
- `CAMEO.2.0.txt` (PETRARCH-2 verb dictionary) -> `cameo_synsets.tsv`, `cameo_verbs.tsv`,
  `cameo_patterns.tsv`: our simplified reading of it (ordered word constraints before/after the verb).
- `CAMEO2PLOVER-2021.txt` -> `cameo_plover.tsv` (CAMEO code -> PLOVER type, mode).
- `gdelt_CAMEO.goldsteinscale.txt` -> `goldstein.tsv`.

Simplifications (why): PETRARCH's actor slots ($ source, + target, ^ skip, % compound) are dropped
because dyad resolves actors from the dependency parse; parenthesised prepositional phrases become plain
word sequences; `[a:b]` codes keep `a` (the source->target direction) and are skipped when `a` is empty.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

CODE_RE = re.compile(r"\[([^\]]*)\]")
BLOCK_RE = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")

# PLOVER types for CAMEO codes where we deliberately depart from CAMEO2PLOVER-2021: the PLOVER manual
# (and NGEC's PLOVER-coded headlines) put imposing sanctions/embargoes under SANCTION, not COERCE.
PLOVER_OVERRIDES = {"163": ("SANCTION", "restrict")}


def norm_word(raw: str) -> str:
    """One dictionary word or set reference -> our form: lower case, `_` joins words with spaces."""
    w = raw.strip().lower()
    if w.startswith("&"):
        return w.rstrip("_")
    return w.strip("_").replace("_", " ")


def parse_phrase(text: str) -> list[str]:
    """A side of a pattern -> list of elements (words, multiword strings, &set references)."""
    text = text.replace("(", " ").replace(")", " ")
    out: list[str] = []
    for m in re.finditer(r"\{([^}]*)\}|(\S+)", text):
        if m.group(1) is not None:
            out.append(" ".join(norm_word(w) for w in m.group(1).split()))
            continue
        tok = m.group(2)
        if tok in {"$", "+", "^", "%", "|", "-"} or tok.startswith("#"):
            continue
        tok = tok.lstrip("$+^%")
        if tok:
            out.append(norm_word(tok))
    return [e for e in out if e]


def first_code(raw: str) -> str | None:
    code = raw.split(":")[0].strip()
    return code if code and code != "---" and code.isdigit() else None


def convert_verbs(src: Path, out_dir: Path) -> tuple[int, int, int]:
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets: list[tuple[str, str]] = []
    verbs: list[tuple[str, str, str]] = []
    patterns: list[tuple[str, str, str, str]] = []
    section = None
    current_set = None
    group = None
    group_code = None
    for line in lines:
        if line.startswith("#######"):
            section = "syn" if "SYNONYM" in line else "verb" if "VERB PATTERNS" in line else "end"
            continue
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        if section == "syn":
            if stripped.startswith("&"):
                current_set = norm_word(stripped.split()[0])
            elif stripped.startswith("+") and current_set:
                synsets.append((current_set, norm_word(stripped[1:].split()[0])))
        elif section == "verb":
            m = BLOCK_RE.match(stripped)
            if m:
                group = m.group(1).lower().replace("_", " ")
                group_code = first_code(m.group(2))
                continue
            if group is None:
                continue
            if stripped.startswith("- "):
                codes = CODE_RE.findall(stripped)
                if not codes:
                    continue
                code = first_code(codes[-1])
                body = CODE_RE.sub(" ", stripped[2:])
                if "*" not in body or code is None:
                    continue
                before, after = body.split("*", 1)
                patterns.append((group, " ; ".join(parse_phrase(before)), " ; ".join(parse_phrase(after)), code))
            else:
                head = re.sub(r"\{[^}]*\}", " ", stripped)  # drop listed inflections: spaCy lemmatises
                codes = CODE_RE.findall(head)
                word = CODE_RE.sub(" ", head).split()
                if not word:
                    continue
                verb = norm_word(word[0].lstrip("+"))
                code = first_code(codes[0]) if codes else group_code
                verbs.append((verb, group, code or ""))
    out_dir.mkdir(parents=True, exist_ok=True)
    header = "# Converted by dyad.events.convert from PETRARCH-2 CAMEO.2.0.txt (MIT, Open Event Data Alliance)\n"
    with open(out_dir / "cameo_synsets.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + "set\tword\n")
        for s, w in synsets:
            fh.write(f"{s}\t{w}\n")
    with open(out_dir / "cameo_verbs.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + "verb\tgroup\tcode\n")
        for v in sorted(set(verbs)):
            fh.write("\t".join(v) + "\n")
    with open(out_dir / "cameo_patterns.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + "# before/after: ordered elements separated by ' ; ' (a word, words, or &set)\n")
        fh.write("group\tbefore\tafter\tcode\n")
        for p in patterns:
            fh.write("\t".join(p) + "\n")
    return len(synsets), len(verbs), len(patterns)


def convert_plover(src: Path, out_dir: Path) -> int:
    rows = {}
    for line in src.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)\s*,?\s*([^,#]*)", line)
        if not m:
            continue
        code, kind, mode = m.group(1), m.group(2), m.group(3).strip().lower() or ""
        rows.setdefault(code, (kind, mode))
    rows.update(PLOVER_OVERRIDES)
    with open(out_dir / "cameo_plover.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Converted by dyad.events.convert from PLOVER CAMEO2PLOVER-2021.txt (CC BY-SA 4.0);\n")
        fh.write("# local change: 163 (impose embargo/sanctions) -> SANCTION, following the PLOVER manual.\n")
        fh.write("cameo\ttype\tmode\n")
        for code in sorted(rows):
            fh.write(f"{code}\t{rows[code][0]}\t{rows[code][1]}\n")
    return len(rows)


def convert_goldstein(src: Path, out_dir: Path) -> int:
    n = 0
    with open(out_dir / "goldstein.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Converted by dyad.events.convert from the GDELT CAMEO Goldstein lookup (attribution: GDELT)\n")
        fh.write("cameo\tgoldstein\n")
        for line in src.read_text(encoding="utf-8").splitlines()[1:]:
            parts = line.split()
            if len(parts) == 2 and parts[0].isdigit():
                fh.write(f"{parts[0]}\t{float(parts[1])}\n")
                n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__)
        return 2
    ref, out = Path(argv[0]), Path(argv[1])
    print("verbs (synsets, verbs, patterns):", convert_verbs(ref / "CAMEO.2.0.txt", out))
    print("plover codes:", convert_plover(ref / "CAMEO2PLOVER-2021.txt", out))
    print("goldstein codes:", convert_goldstein(ref / "gdelt_CAMEO.goldsteinscale.txt", out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
