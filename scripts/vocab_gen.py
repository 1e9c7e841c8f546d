#!/usr/bin/env python3
"""The vocabularies (engine/src/model/vocab.def) for everything that is not C.

vocab.def is the one list; C includes it directly (model/vocab.h). This script reads
the same rows and
  - writes edge/src/vocab.gen.ts, which the edge's request checks and the web app's
    choices import, with the speaking rates of engine/src/model/story_length.h (SPEECH)
    that the edge prices a script by;
  - gives engine/src/server/openapi_gen.py the enums of the OpenAPI document;
  - rewrites the enums of engine/schema/story.schema.json (the rest of that file is
    written by hand);
  - with --check, writes nothing: it fails (exit 1, naming the file) when a committed
    output differs from what it would write now, engine/src/server/openapi.c included
    (openapi_gen.py's output), or when the story schema has a vocabulary field whose
    enum is not the vocabulary's words in order, or when the newest SQL CHECK list of
    job statuses (engine job store, edge D1 migrations) is not SC_JOB_STATUSES.
ctest runs `vocab_gen.py --check` as unit/generated, so a stale output fails the build's
tests. Usage: python3 scripts/vocab_gen.py [--check]
"""
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEF = os.path.join(ROOT, "engine", "src", "model", "vocab.def")
TS_OUT = os.path.join(ROOT, "edge", "src", "vocab.gen.ts")
SCHEMA = os.path.join(ROOT, "engine", "schema", "story.schema.json")
STORY_LENGTH = os.path.join(ROOT, "engine", "src", "model", "story_length.h")
# SPEECH's keys and the story_length.h #defines they come from.
SPEECH_DEFINES = {"enWordsPerSecond": "SC_EN_WORDS_PER_SECOND",
                  "koSyllablesPerSecond": "SC_KO_SYLLABLES_PER_SECOND",
                  "fill": "SC_SPEECH_FILL"}


def load(path=DEF):
    """The vocabularies in SC_VOCABS order: a list of dicts with field, ts (the TS list
    name), ctype, prefix, note (the comment above the list) and words."""
    text = open(path, encoding="utf-8").read()
    # a #define with its continuation lines, as one logical line
    defines = {}
    notes = {}
    pending_note = ""
    for m in re.finditer(r"/\*(.*?)\*/|#define (\w+)\((\w)\)((?:[^\n]*\\\n)*[^\n]*)", text, re.S):
        if m.group(1) is not None:
            pending_note = " ".join(re.sub(r"\n\s*\*(?!/)", " ", m.group(1)).split())
            continue
        defines[m.group(2)] = m.group(4).replace("\\\n", " ")
        notes[m.group(2)] = pending_note
        pending_note = ""
    if "SC_VOCABS" not in defines:
        raise SystemExit(f"{path}: no SC_VOCABS list")
    vocabs = []
    for row in re.findall(r"V\(([^)]*)\)", defines["SC_VOCABS"]):
        parts = [p.strip() for p in row.split(",")]
        if len(parts) != 5:
            raise SystemExit(f"{path}: SC_VOCABS row '{row}' needs 5 parts")
        macro, ctype, prefix, field, ts = parts
        if macro not in defines:
            raise SystemExit(f"{path}: SC_VOCABS names {macro}, which is not defined")
        words = []
        for p, _id, word in re.findall(r'X\(\s*(\w+)\s*,\s*(\w+)\s*,\s*"([^"]*)"\s*\)', defines[macro]):
            if p != prefix:
                raise SystemExit(f"{path}: {macro} row '{word}' has prefix {p}, not {prefix}")
            if not re.fullmatch(r"[a-z][a-z_]*", word) or word in words:
                raise SystemExit(f"{path}: {macro}: '{word}' is not a new lower-case word")
            words.append(word)
        if not words:
            raise SystemExit(f"{path}: {macro} has no rows")
        vocabs.append({"field": field, "ts": ts, "ctype": ctype, "prefix": prefix,
                       "note": notes.get(macro, ""), "words": words})
    return vocabs


def builtin_voices(path=DEF):
    """SC_BUILTIN_VOICES as {lang word: [voice, ...]}, in row order."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"#define SC_BUILTIN_VOICES\(X\)((?:[^\n]*\\\n)*[^\n]*)", text)
    if not m:
        raise SystemExit(f"{path}: no SC_BUILTIN_VOICES list")
    out = {}
    for lang, voice in re.findall(r'X\(\s*(\w+)\s*,\s*"([^"]+)"\s*\)', m.group(1)):
        out.setdefault(lang.lower(), []).append(voice)
    return out


def speech_figures(path=STORY_LENGTH):
    """The speaking figures the engine plans narration with, as {SPEECH key: number}."""
    text = open(path, encoding="utf-8").read()
    out = {}
    for key, name in SPEECH_DEFINES.items():
        m = re.search(r"^#define %s ([0-9]+(?:\.[0-9]+)?)$" % name, text, re.M)
        if not m:
            raise SystemExit(f"{path}: no '#define {name} <number>'")
        out[key] = float(m.group(1))
    return out


def words(field, vocabs=None):
    """The words of one vocabulary, by its JSON field name."""
    for v in vocabs or load():
        if v["field"] == field:
            return list(v["words"])
    raise KeyError(field)


def type_name(field):
    return "".join(part.capitalize() for part in field.split("_"))


def render_ts(vocabs):
    out = ["/** Generated by scripts/vocab_gen.py from engine/src/model/vocab.def and",
           " * engine/src/model/story_length.h; do not edit.",
           " * The engine's vocabularies for the edge's request checks and the web app's choices;",
           " * ctest unit/generated fails when this file is not what the script writes. */", ""]
    for v in vocabs:
        if v["note"]:
            out.append(f"/** {v['note']} */")
        out.append(f"export const {v['ts']} = {json.dumps(v['words'])} as const;".replace('","', '", "'))
        out.append(f"export type {type_name(v['field'])} = (typeof {v['ts']})[number];")
        out.append("")
    voices = builtin_voices()
    unknown = set(voices) - set(words("lang", vocabs))
    if unknown:
        raise SystemExit(f"{DEF}: SC_BUILTIN_VOICES names languages {sorted(unknown)} that SC_LANGS lacks")
    out.append("/** The built-in narrator's voices per language; the first narrates. */")
    out.append("export const BUILTIN_VOICES: Record<Lang, readonly string[]> = {")
    for lang in words("lang", vocabs):
        out.append(f"  {lang}: {json.dumps(voices.get(lang, []))},".replace('","', '", "'))
    out.append("};")
    out.append("")
    out.append("/** How fast narration is spoken and the share of a video it fills (story_length.h). */")
    figures = ", ".join(f"{k}: {json.dumps(v)}" for k, v in speech_figures().items())
    out.append(f"export const SPEECH = {{ {figures} }} as const;")
    out.append("")
    return "\n".join(out)


def render_schema(vocabs, text):
    """The story schema's text with each vocabulary field's enum made the vocabulary's
    words; the rest of the hand-written file is left as it is."""
    for v in vocabs:
        words = json.dumps(v["words"], ensure_ascii=False)
        text = re.sub(r'("%s": \{"enum": )\[[^\]]*\]' % re.escape(v["field"]), lambda m: m.group(1) + words, text)
    return text


def schema_problems(vocabs, text):
    """Where the story schema's enums (as JSON) differ from the vocabulary."""
    schema = json.loads(text)
    top = schema["properties"]
    defs = schema["$defs"]
    scene = defs["scene"]["properties"]
    character = defs["character"]["properties"]
    problems = []
    for v in vocabs:
        # a field whose enum sits in a definition of the same name (scenes[].pose lists them)
        node = defs.get(v["field"]) or top.get(v["field"]) or scene.get(v["field"]) or character.get(v["field"])
        if node is None:
            continue  # a vocabulary the story does not carry
        if node.get("enum") != v["words"]:
            problems.append(f"{SCHEMA}: {v['field']} enum is {node.get('enum')}, vocab.def says {v['words']}")
    return problems


def status_sql():
    """The SQL that stores a status word, one list of files per store, oldest first: the
    engine's job store (its migrations, in order, in one C file) and the edge's D1
    migrations (in file-name order)."""
    return [[os.path.join(ROOT, "engine", "src", "server", "jobstore_db.c")],
            sorted(glob.glob(os.path.join(ROOT, "edge", "migrations", "*.sql")))]


def sql_check_problems(vocabs):
    """Where the newest `CHECK (status IN (...))` of a store is not SC_JOB_STATUSES.
    Migrations are history and never edited, so they are checked, not written: a changed
    list needs a new migration."""
    want = words("status", vocabs)
    problems = []
    for files in status_sql():
        last = None
        for path in files:
            for m in re.finditer(r"CHECK\s*\(\s*status\s+IN\s*\(([^)]*)\)", open(path, encoding="utf-8").read()):
                last = (os.path.relpath(path, ROOT), re.findall(r"'([^']*)'", m.group(1)))
        if last is None:
            problems.append(f"{[os.path.relpath(f, ROOT) for f in files]}: no CHECK (status IN (...))")
        elif sorted(last[1]) != sorted(want):
            problems.append(f"{last[0]}: the newest status CHECK allows {last[1]}, vocab.def says {want}; "
                            "add a migration")
    return problems


def main(argv):
    check = "--check" in argv[1:]
    vocabs = load()
    sys.dont_write_bytecode = True
    sys.path.insert(0, os.path.join(ROOT, "engine", "src", "server"))
    import openapi_gen  # noqa: E402 (it imports this module for the vocabularies)

    schema = render_schema(vocabs, open(SCHEMA, encoding="utf-8").read())
    outputs = {TS_OUT: render_ts(vocabs), openapi_gen.OUT: openapi_gen.render(), SCHEMA: schema}
    problems = schema_problems(vocabs, schema) + sql_check_problems(vocabs)
    for path, text in outputs.items():
        rel = os.path.relpath(path, ROOT)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old == text:
            continue
        if check:
            problems.append(f"{rel} is not what scripts/vocab_gen.py writes; run it and commit the result")
        else:
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                f.write(text)
            os.replace(path + ".tmp", path)
            print(f"wrote {rel}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
