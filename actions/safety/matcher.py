"""The Matcher layer of the safety check: lemma patterns on spaCy's Matcher, context on the parse.

It reads the parse of the lower-cased message, so "hitting/hits/hit" and "threatening/
threatened" are one pattern, and it is aimed at what the regexes miss: indirect phrasings
("everyone would be better off if i just disappeared", "he made me quit my job", "i'm hiding
under the bed, he's home"). A match is dropped when the parse says its context removes the
danger (see ``data/matcher.yml`` for the rules in words):

- negation: a ``neg`` on the matched verb, or on a governing verb that passes it down
  ("he has never hit me", "i don't think he'd hurt me"); a negation inside the match is the
  signal ("he won't let me see my friends") and keeps it;
- fiction and media: a media noun as the subject or "in/on" object of a verb above the match
  ("the song says ...", "in the film ..."); a person's reported threat is kept;
- hypotheticals: inside an "if" clause ("what if he hits me") unless it repeats ("again");
- the wrong subject: partner violence needs a person doing it ("this deadline is killing me",
  "my cat bit me" drop), self-harm a first-person word;
- idioms overlapping the match ("hit me up", "beat me at chess", "shot me a look");
- the past that is over ("he used to check my phone ... i'm happy now");
- consent, for money and phone control ("because i asked her to").

spaCy is never imported here: the caller hands in a Doc. Nothing is loaded at import; the
patterns are read and compiled on first use and kept per vocabulary. No message text is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, Iterable, Iterator, List, Optional, Tuple

import yaml

from actions.phrase_patterns import Gate, Pattern, common_words, exact_first, expand_spec

from .detector import _URGENCY, SafetyHit, _expand
from .text import _SLANG

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

LAYER = "matcher"
_MACRO = re.compile(r"\{([A-Z_]+)\}")
_NEG_WORDS = frozenset({"not", "n't", "nt", "never", "n’t"})
# A compact-syntax item that is or contains a negation.
_NEG_ITEM = re.compile(r"(?:^|[\s|])(?:NOT|never|not|n't|nt)(?=$|[\s|?])")
_RELATIVE = frozenset({"who", "that", "which"})
_STRONG_SELF = frozenset({"i", "myself", "im", "'m", "’m", "m"})
# Dependencies that keep a token in the same clause as its head, for the walks up the parse.
_CLAUSE_STOP = frozenset({"conj", "parataxis"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTEXT_KEYS = ("idioms", "now", "soon", "past", "resolved", "consent")
# Match keys of the pattern entries and of their "with" cues (context lists use their names).
_RULE = "rule#"
_WITH = "with#"


@dataclass(frozen=True)
class _Rule:
    """One pattern entry of the data file."""

    kind: str
    who: str  # "other": a person does it; "self": first person; "any": no check
    consent: bool
    needs_with: bool
    has_not: bool  # the pattern itself contains a negation, which is then the signal


@dataclass(frozen=True)
class _Data:
    """The data file, compiled to plain Matcher patterns (no spaCy needed)."""

    rules: Tuple[_Rule, ...]
    patterns: Tuple[Tuple[str, Tuple[Pattern, ...]], ...]  # (match key, patterns)
    person_subjects: FrozenSet[str]
    first_person: FrozenSet[str]
    media: FrozenSet[str]
    ccomp_pass: FrozenSet[str]
    xcomp_block: FrozenSet[str]
    ending: FrozenSet[str]
    hypothetical_heads: FrozenSet[str]
    repeat: FrozenSet[str]
    denial_nouns: FrozenSet[str]


def _expand_macros(spec: str, macros: Dict[str, str]) -> str:
    spec = _expand(spec, macros, _MACRO)
    if _MACRO.search(spec):
        raise ValueError(f"unknown macro in safety matcher pattern: {spec!r}")
    return spec


def _specs(value: Any) -> List[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _compile(specs: Iterable[str], macros: Dict[str, str]) -> Tuple[Pattern, ...]:
    out: List[Pattern] = []
    for spec in specs:
        for pattern in expand_spec(_expand_macros(spec, macros)):
            out.extend(exact_first(pattern))
    return tuple(out)


def _words(value: Any) -> FrozenSet[str]:
    return frozenset(str(v).lower() for v in (value or []))


@lru_cache(maxsize=1)
def _data() -> _Data:
    """Read and compile ``data/matcher.yml`` (once)."""
    source = resources.files(__package__).joinpath("data").joinpath("matcher.yml")
    raw: Dict[str, Any] = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    macros = {str(k): str(v) for k, v in (raw.get("macros") or {}).items()}
    rules: List[_Rule] = []
    patterns: List[Tuple[str, Tuple[Pattern, ...]]] = []
    for key in _CONTEXT_KEYS:
        patterns.append((key, _compile(_specs(raw.get(key)), macros)))
    for kind in _URGENCY:
        for group in raw.get(kind) or []:
            who = str(group.get("who", "any"))
            if who not in ("other", "self", "any"):
                raise ValueError(f"safety matcher: unknown who={who!r} in {kind}")
            for entry in group.get("patterns") or []:
                options: Dict[str, Any] = entry if isinstance(entry, dict) else {"p": entry}
                index = len(rules)
                cues = _specs(options.get("with"))
                specs = [_expand_macros(spec, macros) for spec in _specs(options["p"])]
                rules.append(
                    _Rule(
                        kind=kind,
                        who=str(options.get("who", who)),
                        consent=bool(options.get("consent", False)),
                        needs_with=bool(cues),
                        has_not=any(_NEG_ITEM.search(spec) for spec in specs),
                    )
                )
                patterns.append((f"{_RULE}{index}", _compile(_specs(options["p"]), macros)))
                if cues:
                    patterns.append((f"{_WITH}{index}", _compile(cues, macros)))
    negation = raw.get("negation") or {}
    return _Data(
        rules=tuple(rules),
        patterns=tuple(patterns),
        person_subjects=_words(raw.get("person_subjects")),
        first_person=_words(raw.get("first_person")),
        media=_words(raw.get("media")),
        ccomp_pass=_words(negation.get("ccomp")),
        xcomp_block=_words(negation.get("xcomp_block")),
        ending=_words(negation.get("ending")),
        hypothetical_heads=_words(raw.get("hypothetical_heads")),
        repeat=_words(raw.get("repeat")),
        denial_nouns=_words(raw.get("denial_nouns")),
    )


@lru_cache(maxsize=4)
def _matchers(vocab: "Vocab") -> Tuple["Matcher", "Matcher", "Matcher"]:
    """Three Matchers per vocabulary: the rules, the context lists and "with" cues (run only
    when something fired, so an ordinary message pays for the rules alone), and the idioms
    alone (all that ``may_fire`` needs of the context)."""
    from spacy.matcher import Matcher

    rules, context, idioms = Matcher(vocab), Matcher(vocab), Matcher(vocab)
    for key, patterns in _data().patterns:
        if patterns:
            (rules if key.startswith(_RULE) else context).add(key, list(patterns))
            if key == "idioms":
                idioms.add(key, list(patterns))
    return rules, context, idioms


@lru_cache(maxsize=1)
def _gates() -> Tuple[Gate, Gate]:
    """The word gates of the rules Matcher and of the idioms one (the same for any vocabulary):
    a message with none of their anchor words skips the Matcher."""
    common = common_words()  # spaCy is loaded: a Doc exists
    data = _data()
    rules = [p for key, patterns in data.patterns if key.startswith(_RULE) for p in patterns]
    idioms = [p for key, patterns in data.patterns if key == "idioms" for p in patterns]
    return Gate(rules, common), Gate(idioms, common)


# --- the parse -------------------------------------------------------------------------------


def _up(token: "Token") -> Iterator["Token"]:
    """The token and the heads above it, within its clause chain (stops at conj/parataxis)."""
    current = token
    for _ in range(12):
        yield current
        if current.head.i == current.i or current.dep_ in _CLAUSE_STOP:
            return
        current = current.head


def _is_neg(token: "Token") -> bool:
    if token.dep_ == "neg":
        return True
    if token.dep_ == "advmod" and token.lower_ in _NEG_WORDS:
        return True
    # "no longer"
    return token.lower_ == "longer" and any(c.lower_ == "no" for c in token.children)


def _has_neg(token: "Token", inside: range) -> bool:
    return any(_is_neg(c) and c.i not in inside for c in token.children)


def _negated(span: "Span", data: _Data, has_not: bool) -> bool:
    """A negation that applies to the match. One inside the match counts only when the
    pattern has no negation of its own ("i hope the plane doesn't crash")."""
    if not has_not and any(_is_neg(t) for t in span):
        return True
    inside = range(span.start, span.end)
    child = span.root
    if _has_neg(child, inside):
        return True
    for _ in range(6):
        if child.head.i == child.i:
            return False
        gov = child.head
        neg = _has_neg(gov, inside)
        dep = child.dep_
        if dep == "xcomp" and gov.lemma_ in data.ending:
            # "he stopped checking my phone" drops; "he won't stop hitting me" stays
            return not neg
        if dep in ("acomp", "attr", "auxpass", "aux"):
            if neg:
                return True
        elif dep == "xcomp":
            if neg and gov.lemma_ not in data.xcomp_block:
                return True
        elif dep == "ccomp":
            if neg and gov.lemma_ in data.ccomp_pass:
                return True
            return False
        else:
            return False
        child = gov
    return False


def _media_word(token: "Token", data: _Data) -> bool:
    if token.lemma_.lower() in data.media or token.lower_ in data.media:
        return True
    return any(
        c.dep_ in ("poss", "compound") and (c.lemma_.lower() in data.media)
        for c in token.children
    )


def _fiction(span: "Span", data: _Data) -> bool:
    """The match sits under a media frame: "the song says ...", "in the film ...", "we read a
    poem about ..."."""
    inside = range(span.start, span.end)
    for tok in _up(span.root):
        if tok.i not in inside and _media_word(tok, data):
            return True
        for child in tok.children:
            if child.i in inside:
                continue
            if child.dep_ in _SUBJECTS and _media_word(child, data):
                return True
            # "we read a poem about wanting to disappear", "i watched a film where ..."
            if child.dep_ == "dobj" and tok.i not in inside and _media_word(child, data):
                return True
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "during"):
                if any(g.dep_ == "pobj" and _media_word(g, data) for g in child.children):
                    return True
    return False


def _repeats(tokens: Iterable["Token"], data: _Data) -> bool:
    """A word saying it goes on ("again", "keeps"); "never ... again" does not count."""
    for t in tokens:
        if t.lower_ in data.repeat and not (t.lower_ == "again" and _has_neg(t.head, range(0))):
            return True
    return False


def _hypothetical(span: "Span", data: _Data) -> bool:
    """The match is inside an "if" clause or under imagine/suppose, and does not repeat."""
    for tok in _up(span.root):
        marked = any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children
        )
        if marked or (tok.i != span.root.i and tok.lemma_ in data.hypothetical_heads):
            return not _repeats(tok.subtree, data)
    return False


def _denied(span: "Span", data: _Data) -> bool:
    """Under "no intention of" / "no plans to": "i have no intention of hurting myself"."""
    for tok in _up(span.root):
        if tok.i in range(span.start, span.end) or tok.lemma_.lower() not in data.denial_nouns:
            continue
        if any(c.lower_ in ("no", "zero") or _is_neg(c) for c in tok.children):
            return True
        if _has_neg(tok.head, range(span.start, span.end)):
            return True
    return False


def _subject(token: "Token") -> Optional["Token"]:
    """The subject of the matched verb, looking through "keeps hitting" and "and slammed"."""
    current = token
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in _SUBJECTS]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in _RELATIVE and current.dep_ == "relcl":
                return current.head
            return subject
        if current.dep_ in ("xcomp", "conj", "acomp") and current.head.i != current.i:
            current = current.head
            continue
        break
    # A misparse leaves the subject as a modifier: "the puppy bit me" (puppy/amod).
    for child in current.lefts:
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod", "dep") and child.pos_ in (
            "NOUN",
            "PROPN",
            "ADJ",
        ):
            return child
    return None


def _first_person(token: "Token", data: _Data) -> bool:
    return token.lower_ in data.first_person


def _who_ok(span: "Span", who: str, data: _Data) -> bool:
    if who == "any":
        return True
    subject = _subject(span.root)
    if who == "self":
        # about the user: "i"/"myself" in the match; else no one and nothing else as the
        # subject ("it would take" is fine; "she wants to", "my socks disappear" and "he keeps
        # hitting my head" are not)
        if any(t.lower_ in _STRONG_SELF for t in span) or subject is None:
            return True
        if _first_person(subject, data):
            return True
        if _is_person(subject, data):
            return False
        # "no one needs me", "the only thing stopping me": me/my in the match will do
        if any(_first_person(t, data) for t in span):
            return True
        return subject.pos_ not in ("NOUN", "PROPN")
    # who == "other": a person, not the user, not "it", "the deadline", "my cat"
    if subject is None:
        return True
    if _first_person(subject, data) or subject.lower_ == "we":
        return False
    return _is_person(subject, data)


def _is_person(token: "Token", data: _Data) -> bool:
    """He, she, they, someone, a partner noun or a name (not "it", "the deadline", "my cat")."""
    if token.lemma_.lower() in data.person_subjects or token.lower_ in data.person_subjects:
        return True
    return token.pos_ == "PROPN" and token.lower_ not in ("i", "it")


def _sentence(doc: "Doc", start: int) -> Tuple[int, int]:
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        sent = doc[start].sent
        return sent.start, sent.end
    return 0, len(doc)


def _resolved(span: "Span", marks: Dict[str, List[Tuple[int, int]]], data: _Data) -> bool:
    """The past that is over: a past marker in the sentence, a resolution in the message."""
    doc = span.doc
    s_start, s_end = _sentence(doc, span.start)
    past = any(s_start <= a < s_end for a, _ in marks.get("past", []))
    if not past or not marks.get("resolved"):
        return False
    return not _repeats(doc[s_start:s_end], data)


def _overlaps(start: int, end: int, spans: Iterable[Tuple[int, int]]) -> bool:
    return any(a < end and start < b for a, b in spans)


def _context_drops(
    span: "Span", kind: str, marks: Dict[str, List[Tuple[int, int]]], data: _Data
) -> bool:
    """Whether the parse says the danger is not there (for either layer's match)."""
    if _fiction(span, data) or _hypothetical(span, data) or _denied(span, data):
        return True
    return kind != "immediate_danger" and _resolved(span, marks, data)


def _marks(doc: "Doc") -> Dict[str, List[Tuple[int, int]]]:
    """The context lists and "with" cues found in the message, by name."""
    marks: Dict[str, List[Tuple[int, int]]] = {}
    strings = doc.vocab.strings
    for match_id, start, end in _matchers(doc.vocab)[1](doc):
        marks.setdefault(strings[match_id], []).append((start, end))
    return marks


def _found(doc: "Doc") -> List[Tuple[str, int, int]]:
    """The rule matches: (key, start, end)."""
    if not _gates()[0].open_for(doc):
        return []
    strings = doc.vocab.strings
    return [(strings[m], start, end) for m, start, end in _matchers(doc.vocab)[0](doc)]


def _urgent(doc: "Doc", start: int, kind: str, marks: Dict[str, List[Tuple[int, int]]]) -> bool:
    """Whether a hit of ``kind`` is happening now: a `now` marker (partner violence: now,
    tonight, a plea for help) or a `soon` marker (self-harm: tonight, right now) in the
    sentence of token ``start``."""
    name = {"partner_violence": "now", "self_harm": "soon"}.get(kind)
    if name is None:
        return False
    s_start, s_end = _sentence(doc, start)
    return any(s_start <= a < s_end for a, _ in marks.get(name, []))


def _rule_hits(
    doc: "Doc", marks: Dict[str, List[Tuple[int, int]]], found: List[Tuple[str, int, int]]
) -> List[Tuple[int, int, SafetyHit]]:
    data = _data()
    idioms = marks.get("idioms", [])
    hits: List[Tuple[int, int, SafetyHit]] = []
    seen: set[Tuple[str, int, int]] = set()
    for key, start, end in sorted(found, key=lambda m: (m[1], -(m[2] - m[1]))):
        index = int(key[len(_RULE) :])
        rule = data.rules[index]
        if rule.needs_with and f"{_WITH}{index}" not in marks:
            continue
        if _overlaps(start, end, idioms):
            continue
        if rule.consent and marks.get("consent"):
            continue
        span = doc[start:end]
        if not _who_ok(span, rule.who, data) or _negated(span, data, rule.has_not):
            continue
        if _context_drops(span, rule.kind, marks, data):
            continue
        kind = rule.kind
        if _urgent(doc, start, kind, marks):
            kind = "immediate_danger"
        # one hit per place and kind: a kept match hides the shorter ones inside it
        if any(k == kind and a <= start and end <= b for k, a, b in seen):
            continue
        seen.add((kind, start, end))
        hit = SafetyHit(kind=kind, span=span.text, layer=LAYER)
        hits.append((_URGENCY.index(kind), start, hit))
    return hits


def match_doc(doc: "Doc") -> List[SafetyHit]:
    """Every Matcher-layer hit in a parsed (lower-cased) message, most urgent kind first."""
    return review(doc, [])


def review(doc: "Doc", regex_hits: Iterable[SafetyHit]) -> List[SafetyHit]:
    """The Matcher layer's hits plus the regex layer's ``regex_hits`` as read on the parse,
    most urgent kind first (regex hits first within a kind). The Matcher runs once.
    (See ``review_all``, which also says whether alarm words were there and set aside.)
    """
    return review_all(doc, regex_hits)[0]


def review_all(
    doc: "Doc", regex_hits: Iterable[SafetyHit], regex_matched: bool = False
) -> Tuple[List[SafetyHit], bool]:
    """``review``'s hits, and whether the message held alarm words at all: a regex hit, a
    Matcher phrase or an idiom of the list, before any context was read (``regex_matched``: a
    regex matched and its own context rules dropped it). Alarm words with no hit left mean the
    context set every one of them aside (an idiom, a denial, fiction, ...).

    A regex hit is dropped when the parse puts it under a media frame, a hypothetical "if",
    a denial ("no intention of"), a past that is over, an idiom of the Matcher's list ("she hit
    me with a pillow"), or a consent ("because i asked her to") for money and phone control;
    partner violence or self-harm happening now (see ``_urgent``) becomes immediate_danger.
    Negation is left to the regex layer's own rules, and a span that cannot be lined up with
    the Doc is kept as it is (recall first).
    """
    regex_hits = list(regex_hits)
    if doc is None or not len(doc):
        return regex_hits, bool(regex_hits) or regex_matched
    data = _data()
    found = _found(doc)
    marks = _marks(doc)
    alarm_words = bool(found or regex_hits or regex_matched or marks.get("idioms"))
    if not found and not regex_hits:
        return [], alarm_words
    ranked: List[Tuple[int, int, SafetyHit]] = []
    for hit in regex_hits:
        span = align(doc, hit.span)
        if span is not None:
            if _regex_dropped(span, hit, marks, data):
                continue
            if _urgent(doc, span.start, hit.kind, marks):
                hit = SafetyHit(kind="immediate_danger", span=hit.span, layer=hit.layer)
        ranked.append((_URGENCY.index(hit.kind), -1, hit))
    ranked.extend(_rule_hits(doc, marks, found))
    ranked.sort(key=lambda h: (h[0], h[1]))
    return [hit for _, _, hit in ranked], alarm_words


# --- the regex layer's hits, read on the parse ----------------------------------------------

_APOSTROPHES = re.compile(r"['’‘`´ʼ]")
_NON_WORD = re.compile(r"[^a-z0-9\u00e0-\u00ff]+")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
# What a consent can be about (money, phone, location, passwords), as in context.yml.
_CONSENT_OBJECTS = re.compile(
    r"\b(?:money|finances|bank|pay ?check|salary|account|cash|spending|allowance|location|"
    r"passwords?|passcodes?|pin|phone|texts|messages|emails?|receipts?|card)\b"
)


def _squash(text: str) -> str:
    """Letters and digits only, for lining a normalised span up with the Doc's tokens."""
    return _NON_WORD.sub("", text.lower())


def _token_piece(text: str) -> str:
    word = _APOSTROPHES.sub("", text.lower())
    word = _SLANG.get(word, word)
    return _squash(_STRETCHED.sub(r"\1\1", word))


def align(doc: "Doc", span_text: str) -> Optional["Span"]:
    """The Doc span whose words spell ``span_text`` (a regex span from the normalised text)."""
    target = _squash(span_text)
    if not target:
        return None
    pieces: List[str] = []
    owners: List[int] = []
    for token in doc:
        piece = _token_piece(token.text)
        pieces.append(piece)
        owners.extend([token.i] * len(piece))
    joined = "".join(pieces)
    at = joined.find(target)
    if at < 0:
        return None
    first, last = owners[at], owners[at + len(target) - 1]
    return doc[first : last + 1]


def _regex_dropped(
    span: "Span", hit: SafetyHit, marks: Dict[str, List[Tuple[int, int]]], data: _Data
) -> bool:
    if _overlaps(span.start, span.end, marks.get("idioms", [])):
        return True
    if hit.kind == "partner_violence" and marks.get("consent"):
        if _CONSENT_OBJECTS.search(hit.span):
            return True
    return _context_drops(span, hit.kind, marks, data)


def may_fire(doc: "Doc") -> bool:
    """Whether the Matcher finds any of its phrases, or an idiom of its list, in ``doc``,
    before any context is read (an idiom alone is alarm words set aside: see ``review_all``).

    It needs only lemmas, not the dependency parse, so a caller can ask this of a Doc made
    without the parser and parse again only when the answer is yes.
    """
    if doc is None or not len(doc):
        return False
    if _found(doc):
        return True
    return _gates()[1].open_for(doc) and bool(_matchers(doc.vocab)[2](doc))

