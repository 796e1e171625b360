"""Claims: the checkable statements of one article, each as a ``Report`` with stance and source chain.

Requires the parse, resolved mentions and the article's attributions; adds ``Report`` records.

- Every attribution becomes a report, statements, views, intentions and characterisations alike, each
  marked with its ``kind`` (docs/claims.md): an opinion or a plan of a named source is a claim "X says
  Y". A sentence with attributions gives one report per innermost attribution (its chain already holds
  the outer sources: "The official said ..., according to the WSJ" -> [WSJ, the official]), so a
  sentence with two speakers gives two reports. A view or intention that no one is written as holding
  ("was widely viewed as"), and what "you", the reader, would think, are read in the article's voice.
- A sentence without a cue of its own inherits the source the article is relaying at that point when
  it carries a relay marker ("Bingo is reportedly ready ...", "It is claimed that ...") or continues
  the relayed account with a pronoun subject ("It can carry ..."); otherwise it is in the article's own
  voice, which resets the relay.
- Not claims, in the article's own voice: questions and speculation, opinion openers ("Who knows"),
  fragments, and sentences with nothing checkable (no name, number or date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from .attribution import stance_of
from .checkworthy import QUOTATION_MARK
from .dates import find_dates
from .lexicon import (
    COMPANY_NOUNS,
    HEDGE_MODALS,
    NORMATIVE_MODALS,
    OPINION_OPENERS,
    RELAY_MARKERS,
    SPEAKER_PRONOUNS,
    STATIVE_PREDICATES,
)
from .model import (
    Attribution,
    ChainLink,
    DateMention,
    Entity,
    Mention,
    Quantity,
    Report,
    ReportKind,
    Span,
    Stance,
)
from .numbers import find_quantities

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .sentences import Parsed

# Verbs that carry another verb's meaning: "intends to falsify" is about falsifying.
_LIGHT_VERBS = frozenset(
    "intend plan agree prepare expect seek want try continue begin start consider aim hope decide "
    "offer propose be have make get appear seem ready set".split()
)
_QUOTED = re.compile(r"“[^”]{12,}”")

# What a cue says about its content, by the cue's lemma (verbs and nouns of statement alike). A cue not
# listed reports an intention when what it governs is a to-infinitive ("agreed to step down", "is ready
# to deliver"), else a statement, or a view when the attribution stage does not read it as a statement.
# "hop" is the parser's lemma of "hoped". See docs/claims.md.
_CUE_LEMMAS: tuple[tuple[ReportKind, str], ...] = (
    (
        "view",
        """
            believe think feel consider regard view see deem judge doubt suspect fear worry expect assume
            reckon guess bet suppose know understand realize realise sense imagine seem appear sound look
            support back endorse embrace champion favor favour prefer like love hate dislike oppose trust
            distrust praise hail laud applaud commend welcome salute credit thank congratulate criticize
            criticise condemn denounce decry deplore lament regret bemoan fault blame attack assail bash
            blast slam knock mock ridicule deride belittle disparage lambaste lambast excoriate castigate
            scold chide berate rebuke skewer trash defend question challenge fret fume gripe complain
            belief view opinion concern fear worry doubt suspicion skepticism scepticism criticism critique
            condemnation rebuke praise support backing opposition endorsement admiration disdain contempt
            enthusiasm preference attack assessment impression feeling sense
            """,
    ),
    (
        "intention",
        """
            want wish intend plan aim seek try hope hop promise pledge vow swear threaten vote decide
            discuss debate weigh mull ponder contemplate explore
            refuse resolve prepare aspire strive endeavor endeavour opt consent volunteer yearn long urge
            demand request press push lobby campaign recommend order instruct encourage implore beg propose
            plan promise pledge vow threat demand request call hope desire intention decision refusal
            proposal goal offer
            """,
    ),
    (
        "characterisation",
        """
            call dub label brand describe characterize characterise portray paint depict liken compare
            description characterization characterisation
            """,
    ),
)
_KIND_OF_CUE: dict[str, ReportKind] = {
    lemma: kind for kind, lemmas in _CUE_LEMMAS for lemma in lemmas.split()
}
# After "call", these make a demand, not a name: "called for talks", "called on Congress to act".
_CALL_FOR = frozenset({"for", "on", "upon"})
_THE_READER = frozenset({"you", "your"})
_AUXILIARIES = frozenset("be have do will would should could might may must can to not n't".split())
# "It can carry ..." goes on with what was relayed about a thing; "He went hiking ..." tells what a
# person did, in the article's voice (PolNeAR dev dossier P 0.846 -> 0.851, held-out train 0-199
# 0.831 -> 0.833).
_PRONOUN_SUBJECTS = frozenset("it they this these".split())


def extract_reports(
    parsed: Parsed,
    attributions: Sequence[Attribution],
    mentions: Sequence[Mention],
    entities: dict[str, Entity],
    statements: Sequence[Attribution] | None = None,
) -> list[Report]:
    """All reports of one article, in text order.

    ``attributions`` may include views and intentions (``find_attributions(..., attitudes=True)``);
    ``statements``, when given, are the ones the attribution stage reads as statements (its default
    reading): the others are views, intentions or characterisations, told apart by their cue.
    """
    doc = parsed.doc
    article = parsed.article
    said = None if statements is None else {(a.cue.start, a.content.start) for a in statements}
    kinds = {id(a): _kind(doc, a, said) for a in attributions}
    attributions = [a for a in attributions if _someone_speaks(a, kinds[id(a)])]
    reports: list[Report] = []
    relay: tuple[ChainLink, ...] = ()
    previous_subject: str | None = None
    for sentence in parsed.sentences:
        s_start, s_end = sentence.start, sentence.end
        # A piece of a split quote in a sentence of its own ("“A,” he said." then "“B.”") is said there
        # too, though the report's main stretch is the other piece.
        stretch = {id(a): _stretch_in(a, s_start, s_end) for a in attributions}
        here = [a for a in attributions if stretch[id(a)] is not None]
        # The innermost statements, as if no view were there (a view or intention nested in what was
        # said never takes the statement's place: "X reported that the US is considering releasing
        # intelligence it believes shows ..." keeps X's report), and the innermost views and intentions.
        statements_here = [a for a in here if kinds[id(a)] == "statement"]
        innermost = [
            a
            for a in here
            if not any(
                b is not a and a.content.start <= b.cue.start < a.content.end
                for b in (statements_here if kinds[id(a)] == "statement" else here)
            )
        ]
        sent_span = Span(s_start, s_end, sentence.text)
        if innermost:
            stated = False
            for a in innermost:
                chain = a.chain
                kind = kinds[id(a)]
                # Who plans or agrees to do something is what the report is about, not who reports it:
                # "Bingo has reportedly agreed to build ..." is relayed like a sentence with no cue.
                reporters = speakers(chain, kind)
                holder = chain[len(reporters) :]
                if relay and (
                    _only_unnamed(reporters)
                    or (holder and not reporters and _continues(doc, sentence.text, s_start, s_end))
                ):
                    # "It is claimed that ...", "the source added": unnamed sources of the relayed outlet.
                    named = tuple(link for link in relay if link.named)
                    chain = named + tuple(link for link in reporters if not link.named) + holder
                start, end = stretch[id(a)] or (s_start, s_end)
                content = Span(start, end, article.text[start:end])
                report = _report(
                    parsed, doc, sent_span, content, chain, a.stance, mentions, entities, previous_subject
                )
                if report is not None and not (kind != "statement" and _asks(sentence.text)):
                    # A view inside a question ("What is he pointing a gun at?", "What do you think
                    # about ...?") is asked, not held: no claim.
                    # What an intention names is what its holder offers, wants or calls for ("offered her
                    # resignation", "called for a ceasefire"): the act is stated, the noun is no topic.
                    report = replace(report, kind=kind, topic=report.topic and kind != "intention")
                    if _attributed_claim(report) if chain else _checkable(report, doc, own_voice=False):
                        reports.append(report)
                        reports.extend(
                            _clause_reports(parsed, doc, report, mentions, entities, own_voice=False)
                        )
                if chain and kind == "statement":
                    stated = True
                    if a.stance != "denies":
                        relay = chain
            # Only views or intentions here: a view's holder goes on being relayed like a speaker; for
            # an intention, whoever reports it ("According to Der Spiegel, Russia is discussing ...").
            relayed = [speakers(a.chain, kinds[id(a)]) for a in innermost if kinds[id(a)] != "statement"]
            relayed = [chain for chain in relayed if any(link.named for link in chain)]
            if not stated and relayed:
                stated, relay = True, relayed[-1]
            if not stated and not _continues(doc, sentence.text, s_start, s_end):
                # Only someone's view or intention here: the article speaks again, as after a sentence
                # with no cue at all.
                relay = ()
            previous_subject = _sentence_subject(
                doc, parsed, sentence.start, sentence.end, mentions, entities
            )
            continue
        text = sentence.text
        stance = stance_of(text, None)
        chain = ()
        carried = False
        if relay and _continues(doc, text, s_start, s_end):
            chain, carried = relay, True
        else:
            relay = ()
        report = _report(
            parsed, doc, sent_span, sent_span, chain, stance, mentions, entities, previous_subject
        )
        if report is not None and _checkable(report, doc, own_voice=not carried):
            reports.append(report)
            reports.extend(_clause_reports(parsed, doc, report, mentions, entities, own_voice=not carried))
        previous_subject = _sentence_subject(doc, parsed, s_start, s_end, mentions, entities)
    return reports


def _stretch_in(a: Attribution, s_start: int, s_end: int) -> tuple[int, int] | None:
    """Where an attribution's content lies in one sentence: its main stretch where that overlaps the
    sentence, else the pieces of a split quote that do; None when nothing of it is there."""
    if a.content.start < s_end and s_start < a.content.end:
        return max(a.content.start, s_start), min(a.content.end, s_end)
    pieces = [p for p in getattr(a, "content_spans", ()) if p.start < s_end and s_start < p.end]
    if not pieces:
        return None
    return max(pieces[0].start, s_start), min(pieces[-1].end, s_end)


def _clause_reports(
    parsed: Parsed,
    doc: Doc,
    report: Report,
    mentions: Sequence[Mention],
    entities: dict[str, Entity],
    *,
    own_voice: bool,
) -> list[Report]:
    """The further propositions a report's content states, each as a report of its own with the same
    source chain: coordinated clauses ("bricks were thrown, and 46 people were arrested"), adverbial
    clauses ("was shot after pointing a gun at the officers") and relative clauses ("the officers, who
    fired 11 shots"). The report itself stays as it is (the sentence's whole account); a clause that
    lacks its own subject takes the report's ("after pointing" -> the one who was shot), a relative
    clause the noun it describes."""
    span = doc.char_span(report.content.start, report.content.end, alignment_mode="expand")
    if span is None:
        return []
    out: list[Report] = []
    for tok in span:
        if tok.pos_ not in ("VERB", "AUX") or tok == span.root:
            continue
        # "after crossing the border": the parser makes the clause the object of its preposition.
        timed = tok.dep_ == "pcomp" and tok.head.lower_ in _CLAUSE_PREPOSITIONS
        if tok.dep_ not in _CLAUSE_DEPS and not timed:
            continue
        top = tok.head if timed else tok
        if not (span.start <= top.head.i < span.end) or top == span.root:
            continue
        markers = {c.lower_ for c in tok.children if c.dep_ in ("mark", "aux")}
        if markers & _NOT_ASSERTED_MARKERS:
            continue  # "if he had ...", "to look into the matter": not stated as happening
        words = [t for t in top.subtree if not t.is_punct]
        if len(words) < 4 or len(words) >= len(span) - 2:
            continue
        first = min(t.i for t in top.subtree)
        last = max(t.i for t in top.subtree)
        while first < last and (doc[first].is_punct or doc[first].dep_ == "cc"):
            first += 1
        while last > first and doc[last].is_punct:
            last -= 1
        start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
        content = Span(start, end, parsed.article.text[start:end])
        if tok.dep_ == "relcl":
            holder = _subject_entity(tok.head, parsed, mentions, entities) or report.subject
        else:
            holder = report.subject
        clause = _report(
            parsed, doc, report.sentence, content, report.chain, report.stance, mentions, entities, holder,
            dates=report.dates,  # the same sentence: its dates are found already
        )
        if clause is None:
            continue
        stance = stance_of(content.text, None) if own_voice else report.stance
        clause = replace(clause, stance=stance, kind=report.kind, clause=True)
        if _attributed_claim(clause) if report.chain else _checkable(clause, doc, own_voice=own_voice):
            out.append(clause)
    return out


# Clauses of their own inside a report's content; conditional and purpose clauses are not asserted.
_CLAUSE_DEPS = frozenset({"conj", "advcl", "relcl"})
_NOT_ASSERTED_MARKERS = frozenset({"if", "unless", "whether", "to", "once", "until", "whenever"})
_CLAUSE_PREPOSITIONS = frozenset({"after", "before", "since", "despite", "following", "upon", "while"})


def _kind(doc: Doc, attribution: Attribution, statements: set[tuple[int, int]] | None = None) -> ReportKind:
    """Statement, view, intention or characterisation, from the cue's lemma and what it governs.

    ``statements``: (cue start, content start) of the attributions the attribution stage reads as
    statements. A view stays a view ("X believes ..."); otherwise the stage's reading decides, so that
    what is vowed or promised aloud stays a statement whose speaker is its origin; what the stage does
    not read as a statement is at least a view."""
    said = statements is None or (attribution.cue.start, attribution.content.start) in statements
    cue = doc.char_span(attribution.cue.start, attribution.cue.end, alignment_mode="expand")
    if cue is None:
        return "statement" if said else "view"
    # The content word of the cue: "has also endorsed" -> endorse, "his call for" -> call.
    head = next(
        (t for t in cue if t.pos_ in ("VERB", "NOUN", "ADJ") and t.lemma_.lower() not in _AUXILIARIES),
        cue.root,
    )
    lemma = head.lemma_.lower()
    listed = _KIND_OF_CUE.get(lemma)
    if listed == "view":
        return "view"
    if said and statements is not None:
        return "statement"
    if lemma == "call" and head.i + 1 < len(doc) and doc[head.i + 1].lower_ in _CALL_FOR:
        return "intention"
    if listed is not None:
        return listed
    if _infinitive(attribution.content.text):
        return "intention"
    return "statement" if said else "view"


def _someone_speaks(attribution: Attribution, kind: ReportKind) -> bool:
    """Whether an attribution names someone whose words or mind it reports. Not so: a view or intention
    with no source written ("the court was viewed as favourable", "peacekeepers have been blamed"),
    which is the article characterising in the passive, and what "you", the reader, would think or do
    (a question put to the reader). Such sentences are read in the article's own voice instead."""
    if attribution.chain and attribution.chain[-1].source.lower() in _THE_READER:
        return False
    return attribution.source is not None or kind == "statement"


def _infinitive(text: str) -> bool:
    return bool(re.match(r"^\W*to\s+[a-z]", text))


def _attributed_claim(report: Report) -> bool:
    """Whatever a named or unnamed source is reported to say, think or want is a claim "X says Y"
    (docs/claims.md); only a content with no word in it is not."""
    return bool(re.search(r"\w", report.content.text))


def _continues(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether a sentence with no cue of its own goes on with the account relayed before it: a relay
    marker ("reportedly"), a pronoun subject ("It can carry ...") or a quoted fragment."""
    low = text.lower()
    return (
        any(marker in low for marker in RELAY_MARKERS)
        or _pronoun_continuation(doc, start, end)
        or bool(_QUOTED.search(text))
    )


def speakers(chain: tuple[ChainLink, ...], kind: ReportKind) -> tuple[ChainLink, ...]:
    """The links of a chain that report its content: all but an intention's holder."""
    return chain[:-1] if kind == "intention" else chain


def _asks(text: str) -> bool:
    return text.rstrip(" ”\"'’").endswith("?")


def _only_unnamed(chain: tuple[ChainLink, ...]) -> bool:
    return bool(chain) and not any(link.named for link in chain)


def _pronoun_continuation(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].lower_ in _PRONOUN_SUBJECTS and subjects[0].i == span.start


def _report(
    parsed: Parsed,
    doc: Doc,
    sentence: Span,
    content: Span,
    chain: tuple[ChainLink, ...],
    stance: Stance,
    mentions: Sequence[Mention],
    entities: dict[str, Entity],
    previous_subject: str | None,
    dates: tuple[DateMention, ...] | None = None,
) -> Report | None:
    """``dates``: the sentence's dates when the caller has them already (a clause of a reported
    sentence); otherwise they are found in the sentence."""
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = [m for m in mentions if content.start <= m.start and m.end <= content.end and m.entity]
    entity_ids = tuple(dict.fromkeys(m.entity for m in inside if m.entity))
    predicate, obj, subject_tok = _predicate(span)
    subject = _subject_entity(subject_tok, parsed, mentions, entities) if subject_tok is not None else None
    verbless = not _any_verb(span)
    if (
        subject is None
        and predicate is not None
        and not verbless
        and (subject_tok is None or subject_tok.tag_ == "VBG")
    ):
        # "falsifying shipping documents had been made ...": the actor is whoever the text was about.
        # A line with no verb ("Sports news in brief from around the world") has no actor to carry.
        subject = previous_subject
    if subject in entities and subject not in entity_ids:
        entity_ids += (subject,)  # "the firm agreed to ..." names the firm resolved from the text before
    if _asks_whether(span):
        stance = "questions"  # "declined to say whether X", "asked whether X": X is asked, not stated
    return Report(
        article=parsed.article.id,
        sentence=sentence,
        content=content,
        stance=stance,
        chain=chain,
        entities=entity_ids,
        quantities=tuple(_counted(q, span, content.start) for q in find_quantities(content.text)),
        dates=dates
        if dates is not None
        else tuple(find_dates(sentence.text, sentence.start, parsed.article.published)),
        predicate=predicate,
        obj=obj,
        subject=subject,
        # Only what a source is said to speak of: a verbless headline in the article's voice still states.
        topic=bool(chain) and verbless,
    )


def _asks_whether(span: SpacySpan) -> bool:
    """Whether a content is an embedded yes/no question: "whether the account was hacked"."""
    words = [t for t in span if not t.is_punct]
    return bool(words) and words[0].lower_ == "whether"


def _counted(q: Quantity, span: object, offset: int) -> Quantity:
    """A bare count gets the thing counted as its unit: "100 ZT-180 UAVs" -> uav, "120 engines" -> engine."""
    if q.unit is not None:
        return q
    text = span.text  # type: ignore[attr-defined]
    at = text.find(q.text)
    if at < 0:
        return q
    end_char = span.start_char + at + len(q.text)  # type: ignore[attr-defined]
    for tok in span:  # type: ignore[attr-defined]
        if tok.idx >= end_char and tok.idx - end_char < 40:
            head = tok if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ not in ("compound", "amod") else tok.head
            if head.lower_ == "of" or tok.lower_ == "of":
                # "120 of its Gannet-9 engines"
                of = head if head.lower_ == "of" else tok
                head = next((c for c in of.children if c.dep_ == "pobj"), head)
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            if head.pos_ == "NOUN":
                return replace(q, unit=head.lemma_.lower())
            break
    return q


def _predicate(span: object) -> tuple[str | None, str | None, Token | None]:
    """Main verb lemma (through light verbs), its object's head lemma, and its subject token."""
    root = span.root  # type: ignore[attr-defined]
    verb = root
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass")), None)
    for _ in range(4):
        if verb.lemma_.lower() not in _LIGHT_VERBS:
            break
        nxt = next((c for c in verb.children if c.dep_ in ("xcomp", "acomp")), None)
        if nxt is not None and nxt.pos_ == "ADJ":
            nxt = next((c for c in nxt.children if c.dep_ == "xcomp"), nxt)
        if nxt is None:
            # "falsifying ... had been made": a gerund subject carries the meaning.
            gerund = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("nsubjpass", "csubj", "csubjpass", "nsubj") and c.tag_ == "VBG"
                ),
                None,
            )
            if gerund is not None:
                verb = gerund
                subject = None
            break
        verb = nxt
    if verb.lemma_.lower() in _LIGHT_VERBS and subject is not None and subject.dep_ == "nsubjpass":
        # "falsifying shipping documents had been made": the gerund on the subject is the event.
        gerund = next((c for c in subject.subtree if c.tag_ == "VBG" and c.i < subject.i), None)
        if gerund is not None:
            return gerund.lemma_.lower(), subject.lemma_.lower(), None
    if verb.pos_ not in ("VERB", "AUX", "ADJ", "NOUN"):
        # "China, a firm Russian ally, of potentially providing aid" (content of "accused"): first verb.
        verb = next((t for t in span if t.pos_ == "VERB"), None)  # type: ignore[attr-defined]
        if verb is None:
            return None, None, subject
    obj = next((c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "attr", "pobj")), None)
    return verb.lemma_.lower(), obj, subject


def _subject_entity(
    tok: Token, parsed: Parsed, mentions: Sequence[Mention], entities: dict[str, Entity]
) -> str | None:
    start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)
    inside = [m for m in mentions if start <= m.start and m.end <= end and m.entity]
    if inside:
        return max(inside, key=lambda m: m.end - m.start).entity
    if tok.lemma_.lower() in COMPANY_NOUNS or tok.lower_ in ("it",):
        before = [
            m
            for m in mentions
            if m.end <= start
            and m.entity
            and entities.get(m.entity or "")
            and entities[m.entity].type == "ORG"
        ]  # type: ignore[index]
        if before:
            return before[-1].entity
    return None


def _sentence_subject(
    doc: Doc, parsed: Parsed, start: int, end: int, mentions: Sequence[Mention], entities: dict[str, Entity]
) -> str | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    subj = next((c for c in span.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return _subject_entity(subj, parsed, mentions, entities) if subj is not None else None


def _modal_on_root(span: SpacySpan, modals: frozenset[str]) -> bool:
    """Whether the span's main verb has one of ``modals`` as its auxiliary."""
    return any(c.dep_ == "aux" and c.lower_ in modals for c in span.root.children)


def _modal_main_clause(doc: Doc, report: Report) -> bool:
    span = doc.char_span(report.content.start, report.content.end, alignment_mode="expand")
    if span is None:
        return bool(set(re.findall(r"[a-z]+", report.content.text.lower())) & HEDGE_MODALS)
    return _modal_on_root(span, HEDGE_MODALS)


def _imperative(doc: Doc, report: Report) -> bool:
    """A sentence in the writer's voice that opens with a bare verb, or whose main clause does after a
    leading clause or phrase ("To apply it, click ..."), and has no subject: a request or advice to the
    reader ("Watch the full interview below", "Apply the fix from Microsoft"). Not when the
    verb is a name the tagger misread ("Trump leapt to ...") or the sentence holds a quotation."""
    sentence = doc.char_span(report.sentence.start, report.sentence.end, alignment_mode="expand")
    if sentence is None or QUOTATION_MARK.search(sentence.text):
        return False
    first = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
    if first is not None and first.dep_ != "ROOT":
        # "To apply it, click the icon above", "If you are affected, call the helpline": the bare verb
        # opens the main clause after a leading clause or phrase of its own.
        root = sentence.root
        if all(c.dep_ in _LEADING_DEPS for c in root.children if c.i < root.i):
            first = root
    if (
        first is None
        or first.dep_ != "ROOT"
        or first.tag_ != "VB"
        or first.ent_type_
        or any(c.dep_ in _SUBJECT_DEPS | _AUX_DEPS for c in first.children)
    ):
        return False
    # "Put it all together and the Chiefs gained 507 yards": a clause with a subject (or auxiliary) of
    # its own states something; so does a sentence written like a headline ("Look How Trey Gowdy Fired Back").
    words = [t for t in sentence if t.is_alpha]
    headline = len(words) >= 5 and sum(t.text[0].isupper() for t in words) > 0.6 * len(words)
    return not headline and not any(
        t.dep_ in _SUBJECT_DEPS | _AUX_DEPS and t.head != first and t.head.dep_ in _CLAUSE_LINKS
        for t in sentence
    )


_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# What may stand before an imperative's verb: a leading clause, phrase or adverb ("To apply it, ...").
_LEADING_DEPS = frozenset({"advcl", "prep", "advmod", "npadvmod", "intj", "punct", "mark"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
_CLAUSE_LINKS = frozenset({"conj", "parataxis", "ccomp"})


_JUDGING_MODALS = NORMATIVE_MODALS | HEDGE_MODALS


def _plain_report(doc: Doc, report: Report) -> bool:
    """A report whose *sentence* is the writer telling what happened: no quotation mark, nobody speaking
    in the first or second person, no modal judgement on the sentence's main verb ("should not be
    confused with"). A clause of such a sentence is judged by its sentence, so a clause with a modal of
    its own ("..., and the engine must be replaced") still counts as plain."""
    span = doc.char_span(report.sentence.start, report.sentence.end, alignment_mode="expand")
    if span is None or QUOTATION_MARK.search(span.text):
        return False
    if any(t.lower_ in SPEAKER_PRONOUNS for t in span):
        return False
    return not _modal_on_root(span, _JUDGING_MODALS)


def _any_verb(span: SpacySpan) -> bool:
    return any(t.pos_ in ("VERB", "AUX") for t in span)


def _has_verb(doc: Doc, report: Report) -> bool:
    span = doc.char_span(report.content.start, report.content.end, alignment_mode="expand")
    return span is not None and _any_verb(span)


def _checkable(report: Report, doc: Doc, *, own_voice: bool) -> bool:
    text = report.content.text.strip()
    words = re.findall(r"\w+", text)
    # A short report in the writer's plain voice (a sentence, or a clause cut from a longer one) still
    # states an event or a figure ("The family dog had also been killed.", "He was 75."): five words
    # with a predicate other than be/have/seem/appear, or three with a figure.
    plain = own_voice and 3 <= len(words) < 10 and _plain_report(doc, report)
    if plain and not report.quantities and not _has_verb(doc, report):
        # A short line with no verb and no figure states no event: a heading ("Sports news in brief
        # from around the world:"), a label, an exclamation ("Very, very, very subdued.").
        plain = False
    if len(words) < (3 if plain and report.quantities else 4):
        return False
    low = text.lower()
    if report.stance == "questions" and own_voice and text.endswith("?"):
        return False
    if own_voice:
        if low.startswith(OPINION_OPENERS):
            return False
        if re.match(r"^(?:however,\s*)?(?:suppose|if|imagine)\b", low):
            return False
        if _imperative(doc, report):
            return False
        # Speculation in the article's own voice: a modal on the main clause, no source ("Production
        # could start in May"; not "It is scheduled for November, so filming would begin in May").
        if (
            report.stance == "hedges"
            and _modal_main_clause(doc, report)
            and not any(m in low for m in RELAY_MARKERS)
        ):
            return False
    has_anchor = bool(report.entities or report.quantities or report.dates or report.stance == "denies")
    # Sentences that name nothing can still be checkable events ("falsified shipping documents were
    # used to cover up the transaction"): long enough, with a concrete event verb.
    eventful = len(words) >= (5 if plain else 10) and report.predicate not in STATIVE_PREDICATES
    # What a named source is quoted as saying is checkable against that source, anchors or not.
    relayed = not own_voice and len(words) >= 8
    return (has_anchor or eventful or relayed) and report.predicate is not None
