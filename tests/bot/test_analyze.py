"""`unscripted analyze`: one JSON object per line, errors per line, and it carries on."""

import io
import json
import os
import tempfile

from actions.input_check import MAX_CHARS
from actions.scripts import DETECT_THRESHOLD
from bot import analyze


def _fake_one(text):
    if "die" in text:
        return {"intent": {"name": "self_harm", "confidence": 1.0},
                "intent_ranking": [{"name": "self_harm", "confidence": 1.0}],
                "safety": {"kind": "self_harm", "layer": "regex"}}
    if "women's work" in text:
        return {"intent": {"name": "labor_division", "confidence": 0.91},
                "intent_ranking": [{"name": "labor_division", "confidence": 0.91},
                                   {"name": "share_story", "confidence": 0.09}]}
    if "unsure" in text:
        return {"intent": {"name": "provider_pressure", "confidence": DETECT_THRESHOLD - 0.1},
                "intent_ranking": [{"name": "provider_pressure",
                                    "confidence": DETECT_THRESHOLD - 0.1}]}
    return {"intent": {"name": "share_story", "confidence": 0.8},
            "intent_ranking": [{"name": "share_story", "confidence": 0.8},
                               {"name": "leadership_career", "confidence": 0.15}]}


class FakeParser:
    """Records the batches it was given, and in ``events`` what was prefetched when."""

    def __init__(self):
        self.batches = []
        self.events = []

    def __call__(self, texts):
        self.batches.append(list(texts))
        self.events.append(("parse", list(texts)))
        return [_fake_one(t) for t in texts]

    def prefetch(self, texts):
        self.events.append(("prefetch", list(texts)))


def _run(data: bytes, safety=lambda t: None):
    out = io.StringIO()
    with tempfile.TemporaryFile() as source:
        source.write(data)
        source.seek(0)
        parser = FakeParser()
        count = analyze.run(analyze.read_arrivals(source.fileno()), out, parser, safety,
                            prefetch=parser.prefetch)
    lines = out.getvalue().splitlines()
    assert count == len(lines)
    return [json.loads(line) for line in lines], parser


def test_each_line_gets_one_object_in_order():
    rows, _ = _run("he says that's women's work\nwe went for a walk\n".encode())
    assert rows == [
        {"text": "he says that's women's work", "script": "labor_division",
         "confidence": 0.91, "safety": None},
        {"text": "we went for a walk", "script": None, "confidence": 0.85, "safety": None},
    ]


def test_below_the_threshold_there_is_no_script():
    [row], _ = _run(b"unsure about money\n")
    assert row["script"] is None
    assert row["confidence"] == round(1 - (DETECT_THRESHOLD - 0.1), 4)


def test_bad_lines_get_an_error_and_the_stream_goes_on():
    data = b"\n" + b"\xff\xfe broken\n" + ("x" * (MAX_CHARS + 1)).encode() + b"\n" + \
        "he says that's women's work\r\n".encode()
    rows, parser = _run(data)
    assert [r.get("error") is not None for r in rows] == [True, True, True, False]
    assert rows[0]["error"] == analyze.EMPTY
    assert rows[1]["error"] == analyze.NOT_UTF8 and "broken" in rows[1]["text"]
    assert rows[2]["error"] == analyze.TOO_LONG
    assert rows[3]["script"] == "labor_division"
    assert all(set(r) >= {"text", "script", "confidence", "safety"} for r in rows)
    assert parser.batches == [["he says that's women's work"]]  # bad lines are not parsed


def test_a_huge_line_is_cut_reported_and_skipped_without_losing_the_next():
    data = b"y" * (analyze.MAX_LINE_BYTES * 3) + b"\nwe went for a walk\n"
    rows, _ = _run(data)
    assert [r.get("error") for r in rows] == [analyze.TOO_LONG, None]
    assert len(rows[0]["text"]) == analyze.MAX_LINE_BYTES
    assert rows[1]["text"] == "we went for a walk"


def test_a_last_line_without_newline_is_analysed():
    rows, _ = _run(b"first\nsecond")
    assert [r["text"] for r in rows] == ["first", "second"]


def test_lines_that_arrive_together_are_parsed_together_in_batches():
    data = "".join(f"line {i}\n" for i in range(analyze.BATCH + 5)).encode()
    rows, parser = _run(data)
    assert [len(b) for b in parser.batches] == [analyze.BATCH, 5]
    assert [r["text"] for r in rows] == [f"line {i}" for i in range(analyze.BATCH + 5)]


def test_the_first_and_the_next_batch_are_prefetched_before_the_first_is_parsed():
    first = [f"line {i}" for i in range(analyze.BATCH)]
    data = ("\n".join(first) + "\n\nthe next one\n").encode() + b"\xff\n"
    rows, parser = _run(data)
    assert parser.events == [
        ("prefetch", first),  # its embeddings are computed while the rest reads it
        ("prefetch", ["the next one"]),  # the blank and the unreadable line are not parsed
        ("parse", first),
        ("parse", ["the next one"]),  # already under way: not prefetched a second time
    ]
    assert len(rows) == analyze.BATCH + 3


def test_nothing_waits_for_lines_that_have_not_arrived():
    """Batches of separate reads are not prefetched across: the first is answered first."""
    read, write = os.pipe()
    parser = FakeParser()
    out = io.StringIO()
    os.write(write, b"first line\n")
    arrivals = analyze.read_arrivals(read)
    analyze.run([next(arrivals)], out, parser, lambda t: None, prefetch=parser.prefetch)
    assert out.getvalue().count("\n") == 1  # answered before the second line was written
    os.write(write, b"second line\n")
    os.close(write)
    analyze.run(arrivals, out, parser, lambda t: None, prefetch=parser.prefetch)
    os.close(read)
    # Each read's batch is prefetched only once it has arrived, never the one after.
    assert parser.events == [("prefetch", ["first line"]), ("parse", ["first line"]),
                             ("prefetch", ["second line"]), ("parse", ["second line"])]
    assert out.getvalue().count("\n") == 2


def test_emoji_and_non_english_are_analysed_not_rejected():
    rows, _ = _run("😢😢\nil ne m'écoute jamais\n".encode())
    assert [r.get("error") for r in rows] == [None, None]


def test_the_safety_field_comes_from_the_models_safety_check():
    rows, _ = _run(b"I want to die\nwe went for a walk\n", safety=lambda t: "partner_violence")
    assert [r["safety"] for r in rows] == ["self_harm", None]  # the rule fallback is not used
    assert rows[0]["script"] is None


def test_a_line_too_long_to_analyse_still_reports_danger():
    long_line = ("we talked for hours. " * 100 + "he hit me again last night").encode()
    rows, parser = _run(long_line + b"\n" + b"\n", safety=analyze.safety_kind)
    assert rows[0]["error"] == analyze.TOO_LONG
    assert rows[0]["safety"] == "partner_violence"
    assert rows[1]["error"] == analyze.EMPTY and rows[1]["safety"] is None
    assert parser.batches == []


def test_a_long_line_without_danger_reports_none():
    [row], _ = _run(("we talked for hours. " * 100).encode() + b"\n", safety=analyze.safety_kind)
    assert row["error"] == analyze.TOO_LONG and row["safety"] is None


def test_safety_kind_uses_the_safety_rules():
    assert analyze.safety_kind("he hit me last night and I'm scared") == "partner_violence"
    assert analyze.safety_kind("this deadline is killing me") is None
