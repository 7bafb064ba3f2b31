"""The feeling part: thoughts dressed as feelings, faux feelings, words that are not feelings."""
from __future__ import annotations

import difflib
import re
from functools import lru_cache

from . import lexicon
from .blame import find_blame
from .findings import Finding, dedupe
from .grammar import is_person, prep_text, subjects
from .nlp import parse
from .text import find_phrases, norm, strip_end_punct, strip_repeatedly, tidy_part

Located = tuple[int, Finding]

_FEEL = re.compile(
    r"^(?:i\s+(?:think|guess|suppose)\s+)?"
    r"(?:(?:i|i'm|im|i\s+am|i\s+was|i've\s+been|ive\s+been|i\s+have\s+been|i\s+had\s+been|"
    r"i'm\s+just|i\s+just)\s+)?"
    r"(?:(?:really|just|also|kinda|kind\s+of|sort\s+of|honestly|mostly|still|always|do|did|"
    r"definitely|totally|actually|often|sometimes|usually|probably)\s+)*"
    r"(?:feel|feeling|felt|feels)(?![\w'])[\s,:;-]*",
    re.IGNORECASE,
)
_BE = re.compile(
    r"^(?:i'm|im|i\s+am|i\s+was|i've\s+been|ive\s+been|i\s+have\s+been|i\s+had\s+been|"
    r"i\s+get|i\s+got|i\s+became|i\s+become|i'm\s+getting|i\s+am\s+getting|i'm\s+being|"
    r"i\s+am\s+being|i\s+was\s+being|i'm\s+just|i\s+am\s+just|being|just)(?![\w'])[\s,:;-]*",
    re.IGNORECASE,
)
_SKIP_ADV = frozenset(
    "really just so kind sort of kinda sorta honestly totally completely a bit little very quite "
    "pretty too always still sometimes often now again actually almost literally lowkey "
    "highkey truly deeply".split()
)
_IDIOMS = frozenset("shit crap garbage trash death hell dirt rubbish poop ass".split())
_SUBJECT_WORDS = frozenset(
    "i you u he she they we it this nobody everyone everybody noone people my your his her our "
    "their ur no".split()
)
_COGNITION = frozenset("think believe guess suppose know wonder assume reckon sense bet".split())
_CLAUSE_END = re.compile(
    r"\s+(?:when|whenever|because|since|every\s+time|after|while)\s+|,\s*(?:and|but|so)\s+i\s+|"
    r"[.!?;]",
    re.IGNORECASE,
)



_HEDGES = re.compile(
    r"^(?:(?:honestly|tbh|ngl|um+|uh+|well|i\s+guess|probably|maybe)[\s,.:;-]+)+", re.IGNORECASE
)


def clean_feeling(text: str) -> str:
    """The feeling words alone: "I feel really lonely." -> "really lonely"."""
    return tidy_part(
        strip_repeatedly(
            prep_text(text or ""), _FEEL, _BE, _HEDGES, passes=4, fillers_each_pass=False
        )
    )


# ---- lexicon look-ups ------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _single_feelings() -> tuple[str, ...]:
    return tuple(sorted(w for w in lexicon.feeling_words() if " " not in w and len(w) >= 4))


def _negated(doc, tok) -> bool:  # type: ignore[no-untyped-def]
    prev = [t.lower_ for t in doc[max(0, tok.i - 2) : tok.i]]
    return any(p in ("not", "n't", "never", "no") for p in prev)


_INTENSIFIERS = frozenset(
    "so too very really pretty quite bit a little kinda kind of sort sorta super extremely "
    "totally completely just more less most somewhat rather fairly incredibly deeply utterly "
    "absolutely lowkey highkey af mostly mainly also even proper hella mega rly rlly majorly "
    "seriously".split()
)
# Fillers people put before or inside an answer ("ngl pretty hurt", "tbh, sad"): skipped when
# deciding whether a word is used as a feeling.
_FRAME_FILLERS = frozenset(
    "tbh ngl honestly lol um umm uh well idk tbf imo oh yeah yes ok okay like just mainly "
    "basically".split()
)
_FRAME = frozenset("feel be get seem become look sound go grow stay keep and or but then , & / -".split())


@lru_cache(maxsize=None)
def _ambiguous() -> frozenset[str]:
    return frozenset(lexicon.words("feelings", "ambiguous"))


@lru_cache(maxsize=None)
def _nouns() -> frozenset[str]:
    return frozenset(lexicon.words("feelings", "nouns"))


def _only_fillers_before(doc, i: int) -> bool:  # type: ignore[no-untyped-def]
    """Is doc[:i+1] nothing but fillers, intensifiers and punctuation (an answer's lead-in)?"""
    return all(
        t.is_punct or t.lower_ in _FRAME_FILLERS or t.lower_ in _INTENSIFIERS for t in doc[: i + 1]
    )


def typo_of(word: str, cutoff: float = 0.8) -> str | None:
    """The feeling word a typo most likely stands for ("lonley" -> "lonely"), or None.

    Typos rarely change the first letter, so "rushed" is not read as "crushed".
    """
    word = word.lower()
    close = difflib.get_close_matches(word, _single_feelings(), n=3, cutoff=cutoff)
    return next((c for c in close if c[:1] == word[:1]), None)


def _strong_frame(doc, tok) -> bool:  # type: ignore[no-untyped-def]
    """Right after "feel" (or at the start of the answer), any word is used as a feeling."""
    i = tok.i - 1
    while i >= 0 and (
        doc[i].lower_ in _INTENSIFIERS or doc[i].lower_ in ("not", "n't")
        or doc[i].lower_ in _FRAME_FILLERS and _only_fillers_before(doc, i)
    ):
        i -= 1
    return i < 0 or doc[i].lemma_.lower() == "feel" or (
        doc[i].lower_ in ("i'm", "im", "am", "'m") and i == 1
    )


def _in_frame(doc, tok) -> bool:  # type: ignore[no-untyped-def]
    """Is the word used as a feeling: answer start, or after feel/be/get/"and"/an intensifier?"""
    i = tok.i - 1
    while i >= 0 and (
        doc[i].lower_ in _INTENSIFIERS
        or doc[i].lower_ in _FRAME_FILLERS and _only_fillers_before(doc, i)
    ):
        i -= 1
    if i < 0:
        return True
    prev = doc[i]
    if prev.lower_ in ("not", "n't", "never"):
        return _in_frame(doc, prev)
    return prev.lemma_.lower() in _FRAME or prev.lower_ in _FRAME or prev.is_punct


def _known(text: str, doc) -> list[tuple[int, str, bool]]:  # type: ignore[no-untyped-def]
    """Feeling words used as feelings in text: (offset, lexicon word, negated)."""
    feelings = lexicon.feeling_words()
    found: dict[int, tuple[int, str, bool]] = {}
    low = norm(text)
    multi = tuple(w for w in lexicon.feeling_phrases() if " " in w or "-" in w)
    for start, end in find_phrases(text, multi):
        tok = next((t for t in doc if t.idx >= start), None)
        neg = bool(tok is not None and _negated(doc, tok))
        found[start] = (start, low[start:end], neg)
    taken = [(s, s + len(w)) for s, w, _ in found.values()]
    short = len([t for t in doc if t.is_alpha]) <= 6
    for tok in doc:
        if tok.idx in found or not tok.is_alpha or any(a <= tok.idx < b for a, b in taken):
            continue
        word = tok.lower_ if tok.lower_ in feelings else tok.lemma_.lower()
        if word in feelings:
            if word not in lexicon.feeling_adjectives() and tok.pos_ != "NOUN":
                continue  # "I love cooking", "I hope so"
            if tok.pos_ not in ("ADJ", "NOUN", "VERB", "ADV", "PROPN", "X", "INTJ"):
                continue
            if word in _ambiguous() and not _strong_frame(doc, tok) and not (
                _in_frame(doc, tok) and tok.pos_ in ("ADJ", "NOUN") or tok.tag_ == "VBN"
                and _in_frame(doc, tok)
            ):
                continue  # "we spent the day", "he was still on his phone"
            found[tok.idx] = (tok.idx, word, _negated(doc, tok))
        elif short and len(tok.text) >= 5 and tok.pos_ in ("ADJ", "NOUN", "VERB", "ADV", "PROPN", "X"):
            close = typo_of(tok.lower_)
            if close and _in_frame(doc, tok):  # a typo: "lonley", "frustated"
                found[tok.idx] = (tok.idx, close, _negated(doc, tok))
    return sorted(found.values())


def _urges(text: str) -> list[tuple[int, str]]:
    """Urges after "like" ("like crying"), with their position."""
    out = []
    low = norm(text)
    for m in re.finditer(r"(?<![\w'])like\s+(?:(?:just|i\s+could|i\s+want\s+to|i\s+need\s+to)\s+)?", low):
        rest = low[m.end() :]
        for urge in sorted(lexicon.urges(), key=len, reverse=True):
            if re.match(re.escape(urge) + r"(?![\w'])", rest):
                out.append((m.start(), urge))
                break
    return out


@lru_cache(maxsize=None)
def _faux_by_key() -> dict[str, lexicon.FauxFeeling]:
    """Faux feelings keyed without apostrophes ("guilt-tripped", "not cared for")."""
    return {k.replace("'", ""): v for k, v in lexicon.faux_feelings().items()}


def _faux_hits(text: str, doc) -> list[tuple[int, str, lexicon.FauxFeeling]]:  # type: ignore[no-untyped-def]
    faux = lexicon.faux_feelings()
    hits: list[tuple[int, str, lexicon.FauxFeeling]] = []
    taken: list[tuple[int, int]] = []
    for start, end in find_phrases(text, tuple(faux)):
        key = re.sub(r"\s+", " ", norm(text[start:end])).replace("'", "")
        entry = _faux_by_key().get(key, lexicon.faux_default())
        hits.append((start, text[start:end], entry))
        taken.append((start, end))
    feelings = lexicon.feeling_words()
    for tok in doc:
        participle = tok.tag_ == "VBN" or (tok.tag_ in ("JJ", "VBD") and tok.lower_.endswith("ed"))
        if not participle or any(a <= tok.idx < b for a, b in taken):
            continue
        low, lemma = tok.lower_, tok.lemma_.lower()
        if low in feelings or lemma in feelings or low in faux:
            continue
        if re.match(r"^(?:un|over|under|ill|well|self)", low):
            continue
        if typo_of(low, cutoff=0.85):
            continue  # a misspelt feeling: "embarassed", "dissapointed"
        head = tok.head
        anchored = head.lemma_.lower() == "feel" or (
            tok.dep_ == "ROOT" and not subjects(tok)
        ) or (head.lemma_.lower() in ("be", "get") and tok.dep_ in ("acomp", "ROOT", "auxpass"))
        if tok.dep_ in ("acomp", "oprd", "xcomp", "ccomp", "ROOT", "conj") and anchored:
            hits.append((tok.idx, tok.text, lexicon.faux_default()))
    hits.sort(key=lambda h: h[0])
    return hits


def _hints(doc) -> list[str]:  # type: ignore[no-untyped-def]
    data = lexicon.load("feelings")
    hints = data.get("hints") or {}
    negated = data.get("negated_hints") or {}
    out: list[str] = []
    low = norm(doc.text)
    for tok in doc:
        for key in (tok.lemma_.lower(), tok.lower_):
            if key in hints:
                out.extend(hints[key])
                break
            if key in negated and _negated_word(tok):
                out.extend(negated[key])
                break
    for key, feelings in hints.items():
        if " " in key and key in low:
            out.extend(feelings)
    return out


def _negated_word(tok) -> bool:  # type: ignore[no-untyped-def]
    """"don't care", "never listens", "nobody cares", "not there", "no effort"."""
    head = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    for t in (tok, head):
        if any(c.dep_ == "neg" or c.lower_ in ("never", "no", "nobody", "nothing") for c in t.children):
            return True
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("nobody", "noone", "no") for c in t.children):
            return True
    prev = [t.lower_ for t in tok.doc[max(0, tok.i - 3) : tok.i]]
    return any(p in ("not", "n't", "never", "no", "nobody", "hardly", "barely") for p in prev)


_URGE_VERBS = frozenset("cry scream yell shout punch smash quit".split())


def _speaker_did(tok) -> bool:  # type: ignore[no-untyped-def]
    """Is "I" the subject of the verb (or of the verb it depends on: "I wanted to scream")?"""
    for verb in (tok, tok.head):
        if any(c.dep_ == "nsubj" and c.lower_ == "i" for c in verb.children):
            return True
    return False


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [x for x in items if not (x in seen or seen.add(x))]  # type: ignore[func-returns-value]


def guess_feelings(text: str) -> list[str]:
    """Feelings the text hints at, to offer (never to assert). [] if none."""
    if not text or not text.strip():
        return []
    t = prep_text(text)
    doc = parse(t)
    found: list[str] = []
    faux_spans = [(s, s + len(w)) for s, w, _ in _faux_hits(t, doc)]
    for start, word, neg in _known(t, doc):
        if not neg and not any(a <= start < b for a, b in faux_spans):
            found.append(word)
    for _, urge in _urges(t):
        found.extend(lexicon.urges()[urge])
    for tok in doc:  # "I cried", "I wanted to scream": the speaker's own urge
        lemma = tok.lemma_.lower()
        if lemma in _URGE_VERBS and tok.pos_ == "VERB" and _speaker_did(tok):
            found.extend(lexicon.urges()[lemma])
    if re.search(r"\blike\s+(?:" + "|".join(_IDIOMS) + r")\b", norm(t)):
        found.append("awful")
    for _, _, entry in _faux_hits(t, doc):
        found.extend(entry.feelings)
    found.extend(_hints(doc))
    return _unique(found)


# ---- thoughts --------------------------------------------------------------------------------


def _clause_from(text: str, start: int) -> tuple[int, str]:
    rest = text[start:]
    m = _CLAUSE_END.search(rest)
    span = rest[: m.start()] if m else rest
    return start, strip_end_punct(span)


def _after_like_is_thought(doc, like_i: int) -> bool:  # type: ignore[no-untyped-def]
    if like_i + 1 >= len(doc):
        return False
    nxt = doc[like_i + 1]
    if nxt.tag_ == "VBG" or nxt.lower_ in _IDIOMS or nxt.is_punct:
        return False
    rest = norm(doc[like_i + 1 :].text)
    if any(re.match(re.escape(u) + r"(?![\w'])", rest) for u in lexicon.urges()):
        return False
    if nxt.lower_ in ("i", "i'm") and like_i + 2 < len(doc):
        # "like I could cry", "like I want to scream": an urge, not a thought
        tail = norm(doc[like_i + 2 :].text)
        if re.match(r"(?:could|might|want\s+to|wanna|need\s+to|'m\s+going\s+to|am\s+going\s+to|'m\s+gonna)\s+"
                    r"(?:just\s+)?(\w+)", tail):
            verb = re.match(r"(?:could|might|want\s+to|wanna|need\s+to|'m\s+going\s+to|am\s+going\s+to|"
                            r"'m\s+gonna)\s+(?:just\s+)?([\w ]+)", tail)
            if verb and any(verb.group(1).startswith(u) for u in lexicon.urges()):
                return False
    if nxt.lower_ in lexicon.feeling_words() and nxt.pos_ == "ADJ":
        return False
    return True


def _thoughts(text: str, doc) -> list[Located]:  # type: ignore[no-untyped-def]
    """Thoughts after "feel" ("I feel that...", "I feel like you...", "I feel he...")."""
    out: list[Located] = []
    anchors = [t for t in doc if t.lemma_.lower() == "feel" and t.pos_ in ("VERB", "AUX", "NOUN")]
    for feel in anchors:
        i = feel.i + 1
        while i < len(doc) and (doc[i].lower_ in _SKIP_ADV or doc[i].lower_ == ","):
            i += 1
        if i >= len(doc):
            continue
        nxt = doc[i]
        low = nxt.lower_
        thought = False
        if low == "like":
            thought = _after_like_is_thought(doc, i)
        elif low == "as" and i + 1 < len(doc) and doc[i + 1].lower_ in ("if", "though"):
            thought = True
        elif low == "that":
            thought = not (i + 1 < len(doc) and doc[i + 1].lower_ in ("way", "much", "bad", "good"))
            thought = thought and i + 1 < len(doc)
        elif low in _SUBJECT_WORDS or nxt.pos_ == "PROPN" or is_person(nxt):
            clause = [c for c in feel.children if c.dep_ in ("ccomp", "advcl", "parataxis") and c.i > feel.i]
            thought = any(
                any(s.dep_ in ("nsubj", "nsubjpass", "expl") for s in c.children) for c in clause
            ) or (nxt.dep_ in ("nsubj", "nsubjpass") and nxt.head is not feel)
        if thought:
            start, span = _clause_from(text, nxt.idx)
            if span:
                out.append((start, _thought_finding(span, text)))
    if anchors:
        return out
    cleaned = clean_feeling(text)
    if not cleaned:
        return out
    offset = max(0, norm(text).find(norm(cleaned)))
    low = norm(cleaned)
    if re.match(r"(?:like|that|as\s+if|as\s+though)\s+\S", low):
        cdoc = parse(cleaned)
        if not low.startswith("like") or _after_like_is_thought(cdoc, 0):
            start, span = _clause_from(text, offset)
            return [(start, _thought_finding(span, text))]
        return out
    cdoc = parse(cleaned)
    roots = [t for t in cdoc if t.dep_ == "ROOT"]
    if roots:
        root = roots[0]
        subs = subjects(root)
        if root.pos_ in ("VERB", "AUX") and subs:
            who = subs[0]
            person = who.lower_ not in ("i", "it", "this", "that", "everything") and (
                is_person(who) or who.lower_ in _SUBJECT_WORDS or who.lower_ in ("nobody", "no", "everyone")
            )
            if person or root.lemma_.lower() in _COGNITION:
                start, span = _clause_from(text, offset)
                return [(start, _thought_finding(span, text))]
    return out


def _thought_finding(span: str, text: str) -> Finding:
    offers = guess_feelings(span) or lexicon.default_feeling_offer()
    offers = offers[:4]
    return Finding(
        check="thought_as_feeling",
        span=span,
        explanation=f"'{span}' is a thought about what is going on, not a feeling.",
        suggestion=(
            f"When you think '{span}', what do you feel? Maybe {_or_list(offers[:3])}?"
        ),
        options=tuple(offers),
    )


def _or_list(items: list[str] | tuple[str, ...]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


# ---- the check -------------------------------------------------------------------------------


def _faux_finding(span: str, entry: lexicon.FauxFeeling) -> Finding:
    feelings = entry.feelings or lexicon.faux_default().feelings
    if entry.kind == "self":
        return Finding(
            check="faux_feeling",
            span=span,
            explanation=f"'{span}' is a judgement of yourself more than a feeling.",
            suggestion=(
                "That is a hard thing to think about yourself. Underneath it, people often feel "
                f"{_or_list(feelings[:2])}. Does one of those fit?"
            ),
            options=tuple(feelings),
        )
    return Finding(
        check="faux_feeling",
        span=span,
        explanation=f"'{span}' says something about what your partner did, more than how you feel.",
        suggestion=(
            f"Some people use that word, and it's okay. Underneath '{span}', people often feel "
            f"{_or_list(feelings[:2])}. Does one of those fit?"
        ),
        options=tuple(feelings),
    )


def check_feeling(text: str) -> list[Finding]:
    """Check what the person typed when asked what they feel."""
    if not text or not text.strip():
        return []
    t = prep_text(text)
    doc = parse(t)
    located: list[Located] = []
    thoughts = _thoughts(t, doc)
    located += thoughts
    located += find_blame(t)
    faux = _faux_hits(t, doc)
    located += [(s, _faux_finding(w, e)) for s, w, e in faux]
    known = _known(t, doc) or _urges(t) or re.search(r"\blike\s+(?:" + "|".join(_IDIOMS) + r")\b", norm(t))
    if not thoughts and not faux and not known:
        span = clean_feeling(text) or text.strip()
        offers = guess_feelings(t) or lexicon.default_feeling_offer()
        close = (
            difflib.get_close_matches(norm(span), _single_feelings(), n=2, cutoff=0.75)
            if " " not in span.strip()
            else []
        )
        offers = _unique(close + offers)[:4]
        located.append(
            (
                0,
                Finding(
                    check="unknown_feeling",
                    span=span,
                    explanation=f"'{span}' doesn't name a feeling I know.",
                    suggestion=(
                        f"Feelings are often one word, like {_or_list(offers[:3])}. "
                        "Does one of those come close?"
                    ),
                    options=tuple(offers),
                ),
            )
        )
    located.sort(key=lambda x: x[0])
    return dedupe([f for _, f in located])
