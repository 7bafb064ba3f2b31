"""Splitting one whole statement into feeling, observation, need and request."""
from __future__ import annotations

import re

from .findings import Parts
from .grammar import prep_text
from .text import norm, strip_end_punct

# Sentence ends, but not inside "p.m.", "e.g." and the like.
_SENTENCE_END = re.compile(
    r"(?<!\b[ap]\.m)(?<!\be\.g)(?<!\bi\.e)(?<!\bmr)(?<!\bms)(?<!\bmrs)(?<!\bdr)(?<!\bst)"
    r"(?<!\bvs)(?<!\betc)[.!?]+(?=\s|$)|\n+"
)
_FEEL = re.compile(
    r"(?<![\w'])(?:i\s+(?:(?:really|just|also|kinda|kind\s+of|still|do|did|always|often|"
    r"sometimes|honestly|actually|then)\s+)*(?:feel|felt|feeling)|"
    r"i'?m\s+(?:(?:really|just|also|kinda|still|honestly|actually)\s+)*feeling|"
    r"im\s+(?:(?:really|just|also|kinda|still)\s+)*feeling|i\s+am\s+(?:(?:really|just|also|still)\s+)*feeling|"
    r"i\s+was\s+(?:(?:really|just|also)\s+)*feeling|i'?ve\s+been\s+feeling|i\s+have\s+been\s+feeling|"
    r"i\s+get|i\s+got)(?![\w'])"
)
_BE = re.compile(
    r"(?<![\w'])(?:i'?m|im|i\s+am|i\s+was|i'?ve\s+been|i\s+have\s+been|i\s+become|i\s+became)(?![\w'])"
)
_OBS = re.compile(
    r"(?<![\w'])(?:whenever|when|because|'cause|cause|cuz|coz|since|every\s+(?:single\s+)?time|"
    r"each\s+time|any\s*time)(?![\w'])"
)
_OBS_WEAK = re.compile(r"(?<![\w'])(?:after|while|if|that)(?![\w'])")
_NEED = re.compile(
    r"(?:(?<![\w'])(?:and|so|but|which\s+is\s+why)\s+)?(?<![\w'])(?:what\s+i\s+(?:really\s+|actually\s+)?"
    r"need(?:ed)?\s+(?:most\s+)?(?:is|was)|my\s+need\s+is|i\s+(?:(?:really|just|also|do|think\s+i|"
    r"guess\s+i|still|actually|honestly)\s+)*(?:need|needed)|i'?m\s+needing|im\s+needing|"
    r"i\s+am\s+needing)(?![\w'])"
)
_WANT = re.compile(
    r"(?:(?<![\w'])(?:and|so|but)\s+)?(?<![\w'])(?:what\s+i\s+(?:really\s+)?(?:want|would\s+like)\s+is|"
    r"i\s+(?:(?:really|just|also)\s+)*(?:want|wanted|would\s+like|'d\s+like|would\s+love|'d\s+love)|"
    r"i'd\s+(?:like|love))(?![\w'])"
)
_REQUEST_SENTENCE = re.compile(
    r"^\W*(?:(?:so|and|then|but|ok(?:ay)?|also|now)[\s,]+)?(?:(?:would|could|can|will)\s+(?:you|u|we)|"
    r"would\s+it\s+be|is\s+it\s+(?:ok|okay|alright)|how\s+about|what\s+if|are\s+you\s+(?:willing|open)|"
    r"would\s+you\s+(?:be\s+)?(?:willing|open|mind)|please|pls|plz|let'?s|maybe\s+(?:we|you)\s+could|"
    r"perhaps\s+(?:we|you)\s+could|my\s+request\s+is|my\s+request\s+would\s+be|"
    r"i'?d\s+(?:like|love)\s+(?:you|us|it\s+if)|i\s+would\s+(?:like|love)\s+(?:you|us|it\s+if)|"
    r"i'?m\s+asking|i\s+am\s+asking|i\s+ask)(?![\w'])"
)
_INLINE_REQUEST = re.compile(
    r"(?:[,;:\-\u2013\u2014]\s*|(?<![\w'])(?:so|and)\s+)(?=(?:so\s+)?(?:(?:would|could|can|will)\s+(?:you|u|we)|"
    r"how\s+about|are\s+you\s+willing|please)(?![\w']))"
)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip(" \n.!?")]


def _sentence_end(spans: list[tuple[int, int]], pos: int) -> int:
    for a, b in spans:
        if a <= pos < b:
            return b
    return spans[-1][1] if spans else pos


def _content(text: str, start: int, stop: int) -> str | None:
    piece = text[start:stop].strip()
    piece = re.sub(r"^[\s,;:\-\u2013\u2014]+", "", piece)
    piece = re.sub(r"[\s,;:\-\u2013\u2014]*(?:and|so|but|then)?[\s,;:]*$", "", piece, flags=re.IGNORECASE)
    piece = strip_end_punct(piece) if not piece.endswith("?") else piece.strip()
    return piece or None


def _need_boundary(low: str, m: re.Match[str]) -> bool:
    """Is a need marker at a clause boundary (start, after punctuation or "and/so/but")?"""
    if m.group(0).startswith(("and ", "so ", "but ", "which ")):
        return True
    before = low[: m.start()]
    return not before.strip() or bool(re.search(r"[,.;!?]\s*$", before))


def _imperative_sentence(sentence: str) -> bool:
    from . import lexicon

    first = re.match(r"\W*([\w']+)", norm(sentence))
    return bool(first and first.group(1) in lexicon.words("request", "imperative_verbs"))


def split_statement(text: str) -> Parts:
    """Split "I feel X when Y, and I need Z. Would you be willing to W?" into its parts."""
    t = prep_text(text or "").strip()
    if not t:
        return Parts()
    low = norm(t)
    sents = sentence_spans(t)

    # 1. Where the request starts: a request-like sentence after the first, or inline.
    req_at: int | None = None
    for i, (a, b) in enumerate(sents):
        sentence = low[a:b]
        if i == 0 and len(sents) > 1 and not _REQUEST_SENTENCE.match(sentence):
            continue
        if _REQUEST_SENTENCE.match(sentence) or (
            i > 0 and (sentence.strip().endswith("?") or _imperative_sentence(sentence))
        ):
            if i == 0 and (_FEEL.search(sentence) or _NEED.search(sentence)):
                continue
            req_at = a
            break
    if req_at is None:
        m = _INLINE_REQUEST.search(low)
        if m and (_FEEL.search(low[: m.start()]) or _NEED.search(low[: m.start()])):
            req_at = m.end()
    limit = req_at if req_at is not None else len(t)

    # 2. The need: after a comma/"and" or at a sentence start preferred.
    need_m = None
    for pattern in (_NEED, _WANT):
        cands = [m for m in pattern.finditer(low, 0, limit)]
        good = [m for m in cands if _need_boundary(low, m)]
        if good or cands:
            need_m = (good or cands)[0]
            break
    need_at = need_m.start() if need_m else limit

    # 3. The feeling.
    feel_m = _FEEL.search(low, 0, need_at)
    if feel_m is None:
        for m in _BE.finditer(low, 0, need_at):
            before = low[: m.start()]
            if not before.strip() or re.search(r"[,.;!?]\s*$", before) or re.search(r"\band\s*$", before):
                if not _OBS.search(low, max(0, m.start() - 12), m.start()):
                    feel_m = m
                    break

    # 4. The observation: first "when/because/..." after the feeling marker, or before it.
    obs_m = None
    if feel_m is not None:
        obs_m = _OBS.search(low, feel_m.end(), need_at)
        if obs_m is None:
            early = _OBS.search(low, 0, feel_m.start())
            obs_m = early
    else:
        obs_m = _OBS.search(low, 0, need_at)
    if obs_m is None and feel_m is not None:
        weak = _OBS_WEAK.search(low, feel_m.end(), need_at)
        if weak and weak.group(0) in ("after", "while", "if"):
            obs_m = weak

    markers = sorted(
        (m.start(), m.end(), name)
        for name, m in (("feeling", feel_m), ("observation", obs_m), ("need", need_m))
        if m is not None
    )
    bounds = [start for start, _, _ in markers] + [limit]
    found: dict[str, str | None] = {}
    for idx, (start, end, name) in enumerate(markers):
        stop = min(bounds[idx + 1], limit)
        if name != "need":
            stop = min(stop, _sentence_end(sents, start))
        else:
            stop = min(stop, _sentence_end(sents, start)) if req_at is None else stop
        if name == "observation" and obs_m is not None and not low[obs_m.start():obs_m.end()].startswith(
            ("when", "because", "'cause", "cause", "cuz", "coz", "since")
        ):
            found[name] = _content(t, start, stop)  # keep "every time", "after" in the text
        else:
            found[name] = _content(t, end, stop)

    # No "when": a sentence between the feeling and the need is the observation.
    if "observation" not in found and feel_m is not None:
        f_end = _sentence_end(sents, feel_m.start())
        if f_end < need_at:
            found["observation"] = _content(t, f_end, need_at if need_m else limit)
    request = None
    if req_at is not None:
        stop = _sentence_end(sents, req_at)
        piece = re.sub(r"^\W*(?:(?:so|and|then|but|also)\b[\s,]*)+", "", t[req_at:stop].strip(), flags=re.I)
        piece = piece.strip()
        request = (piece if piece.endswith("?") else strip_end_punct(piece)) or None

    if not markers and request is None:
        return _fallback(t)
    return Parts(
        feeling=found.get("feeling"),
        observation=found.get("observation"),
        need=found.get("need"),
        request=request,
    )


def _fallback(text: str) -> Parts:
    """No markers at all: a short answer naming a feeling is the feeling; else an observation."""
    from .feeling import guess_feelings

    cleaned = strip_end_punct(text)
    if len(cleaned.split()) <= 4 and guess_feelings(cleaned):
        return Parts(feeling=cleaned)
    return Parts(observation=cleaned)
