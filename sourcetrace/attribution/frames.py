"""The cue-frame table: for each cue lemma, what its cue takes and how to read it.

One row per lemma, in ``_TABLE`` below, with four columns (a fifth for the few verbs with an everyday
sense that reports nothing):

- **takes**: the complements that carry what is attributed.
  ``that``  a clause, a quotation or what follows a colon: "X said (that) ...", "“...,” X added";
  ``obj``   its direct object, with an "as"/"for" phrase or a naming complement: "X endorsed Y",
            "X called Y a liar", "X criticized Y's plan";
  ``to``    a to-infinitive, or an object and an infinitive: "X wants to ...", "X urged Y to ...";
  ``pass``  a passive with no agent attributes to nobody in particular: "X is expected to ...",
            "it is believed that ...";
  ``seem``  raising: the subject and the complement are the content, no source is named: "X seemed
            unfazed", "the plan appears to work";
  ``terms`` what a law, rule or deal says by its terms, its subject a document: "the rules require
            delegates to ...".
- **prepositions**: a prepositional object is the content: "called for X", "accused Y of X". Verbs
  that take ``that`` also take "about" and "against" ("grumbled about X"), unless marked ``no_topic``.
- **marks** (each a field of ``CueFrame``, documented there): what kind of report the cue makes
  (``statement``, ``object_said``, ``speech``), its stance (``denial``, ``confirmation``, ``hedges``),
  who the object is (``addressee``, ``object_addressee``, ``told``, ``question``, ``naming``), and guards
  (``no_topic``, ``no_passive``, ``no_antecedent``, ``no_question``, ``only_like``).
- **everyday sense**: the name of the guard (in ``verbs.EVERYDAY``) that tells the cue word in its
  everyday sense, which reports nothing: "put his life at risk", "heard the crowd chant".

A row reads: ``accuse | that obj pass | of | statement object_said``: "accuse" takes a clause or a
quotation ("accused them: ..."), an object ("accused China"), its agentless passive attributes to
nobody in particular ("China was accused of ..."), its "of" phrase is content ("accused China of
supplying ..."), it reports a statement, and its object is part of what was said.

Light verbs ("made the case that"), the words of a few other rules and the phrasal verbs read as one
verb follow the table. Every list is written by hand from how English news reports speech, belief and
intention (see ``lexicon``'s note on PolNeAR); a new row comes with its test on invented text and its
figures before and after (docs/attribution.md).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class CueFrame:
    """One row of the cue-frame table: what a cue lemma takes and how its report reads."""

    lemma: str
    # --- takes
    clause: bool = False  # that: a clause, a quotation or a colon
    object: bool = False  # obj: the direct object is the content
    infinitive: bool = False  # to: a to-infinitive is the content
    passive: bool = False  # pass: an agentless passive attributes to nobody in particular
    raising: bool = False  # seem: "X seemed unfazed", no source named
    terms: bool = False  # terms: what a document says by its terms
    preps: frozenset[str] = frozenset()  # prepositions whose object is the content
    # --- marks: what kind of report
    statement: bool = False  # reports what the source says or holds, not what it wants or does
    object_said: bool = False  # its object is what was said: "denied any plans", "confirmed the talks"
    speech: bool = False  # saying proper: a clause after it is what was said wherever the parser hangs it
    # --- marks: stance
    denial: bool = False  # "denied", "rejected": the report denies its content
    confirmation: bool = False  # with denials, the stances taken on a whole clause by ", which X confirmed"
    hedges: bool = False  # an attitude or a claim: it attributes but hedges ("believes", "alleged")
    # --- marks: who the object is
    addressee: bool = False  # the object is who is spoken to, never what is said: "told X to", "asked X"
    object_addressee: bool = False  # a bare object is who is addressed: "warned the mayor", "thanked X"
    told: bool = False  # an outlet it is addressed to relays it: "X told CNN" puts CNN in the chain
    question: bool = False  # its clause may be a question: "asked whether ...", "wondered if ..."
    naming: bool = False  # "called X a liar", "was described as": the naming complement is the content
    # --- marks: guards
    no_topic: bool = False  # no "about"/"against": "read about X" is no view of X
    no_passive: bool = False  # its passive is mostly no view: "can be found", "was honored"
    no_antecedent: bool = False  # "the crowd he saw": a relative clause's antecedent is no view of it
    no_question: bool = False  # "see whether ...": a question clause in the object's place is no content
    only_like: bool = False  # raising only with "like"/"as" or a clause: "looked like", not "looked tired"
    everyday: str = ""  # the guard for its everyday sense (verbs.EVERYDAY), when it has one

    @property
    def content_preps(self) -> frozenset[str]:
        """The prepositions whose object is the content, "about" and "against" included for verbs that
        take a clause ("grumbled about X", "testified against X")."""
        if self.clause and not self.no_topic:
            return self.preps | TOPIC_PREPS
        return self.preps

    @property
    def complement(self) -> bool:
        """Whether the cue takes some complement of its own (``terms`` is read by the document rule)."""
        return self.clause or self.object or self.infinitive or bool(self.content_preps) or self.raising


# Prepositions that name what a statement or thought is about or against ("grumbled about X").
TOPIC_PREPS = frozenset({"about", "against"})

_TAKES = {
    "that": "clause",
    "obj": "object",
    "to": "infinitive",
    "pass": "passive",
    "seem": "raising",
    "terms": "terms",
}

# lemma     | takes                 | prepositions      | marks                               | everyday
_TABLE = """
acclaim     | obj                   |                   |
accuse      | that obj pass         | of                | statement object_said
acknowledge | that obj              |                   | statement confirmation
add         | that                  |                   | statement speech
admit       | that obj              |                   | statement confirmation
advise      | that to               |                   |
advocate    | obj                   | for               |
affirm      | that obj              |                   |
agree       | that to               | on with           | statement
aim         | to                    |                   |
align       |                       | with              |
allege      | that pass             |                   | statement object_said hedges
allow       | terms                 |                   |
allude      |                       | to                |
amplify     | obj                   |                   |
announce    | that obj pass         |                   | statement object_said speech
answer      | that obj              |                   |
anticipate  | that                  |                   |
apologize   | obj                   | for               |
appeal      |                       | for to            |
appear      | to seem               |                   |
applaud     | obj                   |                   |
argue       | that                  | about against for | statement speech
articulate  | obj                   |                   |
ask         | that obj to pass      | about for         | statement addressee question
aspire      | to                    |                   |
assail      | obj                   |                   |
assert      | that                  |                   | statement
assume      |                       |                   | hedges
assure      | that                  |                   |
attack      | obj                   | for               |
attest      | that                  |                   |
back        | obj                   |                   |
backtrack   |                       | from on           |
balk        |                       | at                |
ban         | terms                 |                   |
bank        |                       | on                |
bash        | obj                   |                   |
beg         | to                    | for               |
believe     | that pass             |                   | statement hedges
belittle    | obj                   |                   |
bemoan      | obj                   |                   |
berate      | obj                   |                   |
bet         | that                  | on                |
blame       | obj pass              | for               |
blast       | obj                   |                   | statement object_said
blog        | that                  |                   |
boast       | that                  | about of          |
boo         | obj                   |                   |
boycott     | obj                   |                   |
brag        | that                  | about             |
brand       | obj                   |                   | naming
brief       | that                  |                   | statement
calculate   | that                  |                   |
call        | obj to pass           | for on            | naming
campaign    | to                    | against for on    |
care        |                       | about             |
castigate   | obj                   |                   |
caution     | that                  | against           | statement
challenge   | obj to                |                   |
champion    | obj                   |                   |
chant       | that                  |                   |
characterise| obj                   |                   |
characterize| obj                   |                   |
charge      | that                  |                   | statement
cheer       | obj                   | for on            |
chide       | obj                   |                   |
chime       |                       | in                |
cite        | that obj pass         |                   | statement
claim       | that to pass          |                   | statement object_said speech hedges
clamor      |                       | for               |
clarify     | that                  |                   |
come        |                       | out               |
commend     | obj                   |                   |
comment     | that                  | about on          | statement
compare     | obj                   |                   |
complain    | that                  | about of          | statement
concede     | that obj              |                   | statement
concentrate |                       | on                |
conclude    | that                  |                   | statement
concur      | that                  |                   |
condemn     | obj                   |                   | statement object_said
confess     | that                  |                   |
confide     | that                  |                   |
confirm     | that obj              |                   | statement object_said confirmation
congratulate| obj                   |                   |
consent     | to                    |                   |
consider    | obj pass              |                   |
contemplate | obj                   |                   |
contend     | that                  |                   | statement
continue    | that                  |                   | statement
contradict  |                       |                   | denial
contrast    | obj                   |                   |
convince    | that to               |                   |
count       |                       | on                |
counter     | that                  |                   | statement
credit      | obj                   | for with          |
criticise   | obj                   |                   | statement object_said
criticize   | obj pass              | for               | statement object_said
crow        | that                  |                   |
dare        | to                    |                   |
debate      | obj                   |                   |
debunk      |                       |                   | denial
decide      | that to               |                   |
declare     | that obj              |                   | statement object_said speech
decline     | to                    |                   |
decry       | obj                   |                   |
deem        | obj pass              |                   |
defend      | obj                   |                   |
demand      | that obj              |                   | statement
demonstrate | that obj              |                   |
denigrate   | obj                   |                   |
denounce    | obj                   |                   |
deny        | that obj              |                   | statement denial
deplore     | obj                   |                   |
deride      | obj                   |                   |
describe    | that obj pass         |                   | statement naming
detail      | obj                   |                   |
determine   | that                  |                   | statement
direct      | to                    |                   |
disagree    | that                  | about on over with|
disavow     | obj                   |                   | denial
disclose    | that                  |                   | statement object_said
discover    | that                  |                   |
discuss     | obj                   |                   |
dislike     | obj                   |                   |
dismiss     | obj                   |                   | statement denial
disparage   | obj                   |                   |
dispute     | that obj              |                   | statement denial
distance    |                       | from              |
distrust    | obj                   |                   |
divulge     | that                  |                   |
document    | obj                   |                   |
doubt       | that                  |                   | hedges
downplay    | obj                   |                   |
dub         | obj                   |                   | naming
dwell       |                       | on                |
echo        | obj                   |                   |
elaborate   |                       | on                |
email       | that                  |                   |
embrace     | obj                   |                   |
emphasise   | that                  |                   | statement
emphasize   | that obj              |                   | statement
encourage   | to                    |                   |
endeavor    | to                    |                   |
endeavour   | to                    |                   |
endorse     | obj                   |                   |
envision    | that obj              |                   |
estimate    | that pass             |                   | statement hedges
exclaim     | that                  |                   |
excoriate   | obj                   |                   |
expand      |                       | on                |
expect      | that obj to pass      |                   | statement hedges
explain     | that obj              |                   | statement speech
expound     |                       | on                |
express     | obj                   | about             |
extol       | obj                   |                   |
extoll      | obj                   |                   |
fault       | obj                   | for               |
favor       | obj                   |                   |
favour      | obj                   |                   |
fear        | that obj pass         |                   | statement hedges
feel        | that                  |                   |
feud        |                       | over with         |
figure      | that                  |                   |
find        | that obj              |                   | statement no_passive  | find-that
fire        |                       | at                |                                     | aim-at
fixate      |                       | on                |
focus       |                       | on                |
forbid      | terms                 |                   |
forecast    | that                  |                   |
foresee     | that obj              |                   |
fret        | that                  | about over        |
fume        | that                  |                   |
gloat       | that                  |                   |
gripe       | that                  |                   |
grumble     | that                  |                   |
guarantee   | that                  |                   |
guess       | that                  |                   |
gush        |                       | about over        |
hail        | obj                   |                   |
hammer      |                       | on                |
harp        |                       | on                |
hate        | obj                   |                   |
hear        | that                  |                   | no_topic no_antecedent| hear-that
heckle      | obj                   |                   |
hedge       |                       | on                |
hesitate    | to                    |                   |
highlight   | that obj              |                   |
hint        | that                  | at                |
hit         |                       | for               |
honor       | obj                   |                   | no_passive
honour      | obj                   |                   | no_passive
hope        | that to pass          | for               | statement hedges
hypothesize | that                  |                   |
identify    | obj                   |                   |
ignore      | obj                   |                   |
imagine     | that                  |                   |
implore     | to                    |                   |
imply       | that                  |                   |
include     | terms                 |                   |
indicate    | that obj              |                   | statement
infer       | that                  |                   |
inform      | that                  |                   | statement
insinuate   | that                  |                   |
insist      | that                  | on                | statement speech
instruct    | that to               |                   |
insult      | obj                   |                   |
intend      | to                    |                   |
interpret   | obj                   |                   |
intimate    | that                  |                   |
inveigh     |                       | against           |
invoke      | obj                   |                   |
issue       | obj                   |                   | no_passive
joke        | that                  | about             |
judge       | obj                   |                   |
knock       | obj                   | for               |
know        | that pass             |                   |
label       | obj                   |                   | naming
lambast     | obj                   |                   |
lambaste    | obj                   |                   |
lament      | that obj              |                   |
lampoon     | obj                   |                   |
lash        |                       | at                |
laud        | obj                   |                   |
leak        |                       |                   | statement
lean        |                       | toward towards    |
learn       | that                  |                   | statement
lecture     |                       | about on          |
like        | obj to                |                   | no_antecedent
liken       | obj                   |                   |
list        | obj                   |                   |
lobby       | to                    | against for       |
long        | to                    |                   |
look        | seem                  | at                | only_like
love        | obj                   |                   |
maintain    | that                  |                   | statement
malign      | obj                   |                   |
mandate     | terms                 |                   |
marvel      | that                  |                   |
mention     | obj                   |                   | statement
message     | that                  |                   |
moan        | that                  |                   |
mock        | obj                   | for               |
move        | to                    |                   |
mull        | obj                   |                   |
muse        | that                  | about on          |
name        | obj                   |                   | naming
nominate    | obj                   |                   |
note        | that obj              |                   | statement speech
notice      | that                  |                   |
notify      | that                  |                   | statement
object      |                       | to                |
observe     | that                  |                   | statement
obsess      |                       | about over        |
offer       | obj to                |                   | no_passive
open        |                       | about             |
opine       | that                  | about on          |
oppose      | obj                   |                   |
opt         | to                    |                   |
order       | that obj to           |                   |
outline     | obj                   |                   |
paint       | obj                   |                   |
pan         | obj                   |                   |
permit      | terms                 |                   |
persuade    | that to               |                   |
petition    |                       | for               |
plan        | to                    |                   |
plead       | that                  | for with          |
pledge      | that obj to           |                   | statement
point       | that                  | at out to         | statement                           | aim-at
ponder      | obj                   |                   |
portray     | obj                   |                   |
posit       | that                  |                   |
post        | that obj              | about             | statement
pounce      |                       | on                |
praise      | obj pass              | for               | statement
pray        |                       | for               |
preach      | obj                   | about against     |
predict     | that obj pass         |                   | statement object_said
prefer      | obj to                |                   |
press       | to                    | for               |
pressure    | to                    |                   |
presume     | that                  |                   |
pretend     | to                    |                   |
proclaim    | that                  |                   |
profess     | that                  |                   |
prohibit    | terms                 |                   |
project     | that pass             |                   |
promise     | that obj to           |                   | statement
promote     | obj                   |                   |
propose     | that obj              |                   |
protest     | that                  |                   |
prove       | that obj              |                   |
provide     | terms                 |                   |
publish     | that obj              |                   | statement
push        | obj to                | for               | no_antecedent
put         | that                  | at                | statement             | put-at
quarrel     |                       | over with         |
question    | that obj              |                   | statement question
quip        | that                  |                   |
quote       | that obj pass         |                   | statement
rail        |                       | against           |
rant        |                       | about against     |
rave        |                       | about             |
react       |                       | to                |
read        | that                  |                   | no_topic
reaffirm    | that obj              |                   |
realise     | that                  |                   |
realize     | that                  |                   |
reason      | that                  |                   |
rebuff      | obj                   |                   |
rebuke      | obj                   |                   |
rebut       | that                  |                   | statement denial
recall      | that obj              |                   | statement
recite      | obj                   |                   |
reckon      | that                  |                   |
recognize   | that obj              |                   |
recommend   | that obj              |                   |
recount     | that obj              |                   |
refer       |                       | to                |
reference   | obj                   |                   |
reflect     |                       | on                |
refuse      | to                    |                   |
refute      | that obj              |                   | statement denial
regard      | obj pass              |                   |
regret      | obj                   |                   |
reiterate   | that obj              |                   | statement
reject      | obj                   |                   | statement denial
relay       | that                  |                   | statement
release     | obj                   |                   | no_passive
remark      | that                  |                   | statement
remember    | that obj              |                   |
remind      | that to               |                   | object_addressee
renounce    | obj                   |                   |
repeat      | that obj              |                   | statement
reply       | that                  | to                | statement
report      | that obj pass         |                   | statement object_said speech
reprise     | obj                   |                   |
repudiate   | obj                   |                   |
request     | that obj              |                   |
require     | terms                 |                   |
resolve     | to                    |                   |
respond     | that                  | to                | statement
retort      | that                  |                   |
retweet     | that obj              |                   |
retweete    | obj                   |                   |
reveal      | that obj              |                   | statement object_said
ridicule    | obj                   |                   |
riff        |                       | on                |
root        |                       | for               |
rule        | that obj              |                   |
rumor       | pass                  |                   |
rumour      | pass                  |                   |
salute      | obj                   |                   |
savage      | obj                   |                   |
say         | that obj pass         | about of          | statement object_said speech
scoff       | that                  |                   |
scold       | obj                   |                   |
scream      | that                  |                   |
see         | obj pass              |                   | no_antecedent no_question
seek        | obj to                |                   | no_passive
seem        | to seem               |                   |
sense       | that                  |                   |
share       | obj                   |                   | no_passive
shout       | that                  |                   |
show        | that obj pass         |                   | statement
shrug       |                       | off               |
side        |                       | with              |
sigh        | that                  |                   |
signal      | that                  |                   | statement
skewer      | obj                   |                   |
slam        | obj                   | for               | statement object_said denial
smear       | obj                   |                   |
snap        | that                  |                   |
sound       | seem                  | off               | only_like
spar        |                       | over with         |
speak       |                       | about of out      |
specify     | that                  |                   |
speculate   | that                  | about on          |
spotlight   | obj                   |                   |
stand       |                       | behind by with    |
state       | that                  |                   | statement object_said speech
stipulate   | that                  |                   |
stress      | that obj              |                   | statement
strive      | to                    |                   |
suggest     | that obj              |                   | statement hedges
support     | obj                   |                   |
suppose     | pass                  |                   |
surmise     | that                  |                   |
suspect     | that                  |                   | hedges
swear       | that to               |                   |
talk        |                       | about of          |
taunt       | obj                   |                   |
tease       | obj                   |                   |
tell        | that obj to pass      | about of          | statement speech addressee told
testify     | that                  | about             | statement
text        | that                  |                   |
thank       | obj                   | for               | object_addressee
theorise    | that                  |                   |
theorize    | that                  |                   |
think       | that pass             | about of          | statement hedges
threaten    | that to               |                   |
tout        | obj                   |                   |
trash       | obj                   |                   |
trumpet     | that obj              |                   |
trust       | obj                   |                   |
tweet       | that obj              | about             | statement
underline   | obj                   |                   |
underscore  | that                  |                   |
understand  | that pass             |                   |
unite       |                       | around behind     |
unveil      | obj                   |                   |
urge        | that obj to           |                   | statement
verify      | that                  |                   |
view        | obj pass              |                   |
voice       | obj                   |                   |
volunteer   | to                    |                   |
vote        | to                    | against for       |
vouch       |                       | for               |
vow         | that obj to           |                   | statement
waffle      |                       | on                |
wager       | that                  |                   |
want        | obj to                |                   |
warn        | that obj to           | about against of  | statement speech object_addressee
weigh       |                       | on                |
welcome     | obj                   |                   |
whine       | that                  |                   |
whisper     | that                  |                   |
wish        | to                    | for               |
wonder      | that                  | about             | question
worry       | that                  | about             | statement hedges
write       | that                  | about of          | statement object_said speech
yearn       | to                    |                   |
yell        | that                  |                   |
"""

_MARKS = frozenset(f.name for f in fields(CueFrame) if f.type == "bool" and f.name not in _TAKES.values())


def _parse(table: str) -> dict[str, CueFrame]:
    """The rows of a table written as above; an unknown word or a repeated lemma fails at import."""
    frames: dict[str, CueFrame] = {}
    for line in table.strip().splitlines():
        cells = [c.strip() for c in line.split("|")]
        lemma, takes, preps, marks = cells[:4]
        everyday = cells[4] if len(cells) > 4 else ""
        unknown = (set(marks.split()) - _MARKS) | (set(takes.split()) - set(_TAKES))
        if unknown or len(cells) > 5:
            raise ValueError(f"cue-frame table, row {lemma!r}: unknown words {sorted(unknown)} or columns")
        if lemma in frames:
            raise ValueError(f"cue-frame table: {lemma!r} has two rows")
        flags = {_TAKES[t]: True for t in takes.split()} | {m: True for m in marks.split()}
        frames[lemma] = CueFrame(lemma, preps=frozenset(preps.split()), everyday=everyday, **flags)
    return frames


FRAMES: dict[str, CueFrame] = _parse(_TABLE)
NO_FRAME = CueFrame("")


def frame_of(lemma: str) -> CueFrame:
    """The row of a lemma; words that are no cue get an empty row."""
    return FRAMES.get(lemma, NO_FRAME)


# --- light verbs -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LightFrame:
    """A light verb and the nouns that make it a cue: "made the case that", "took a swipe at"."""

    verb: str
    nouns: frozenset[str]
    # "The plan drew criticism from X", "Y won the support of X": the subject is what the view is about
    # and "from"/"of"/"by" names who holds it; with some verbs only after some of their nouns
    # ("drew criticism from X", but "X drew a contrast with Y").
    receives: bool = False
    receives_only_with: frozenset[str] = frozenset()


_LIGHT_NOUNS: dict[str, str] = {
    "make": "case point clear mention reference references comment comments statement statements "
    "allegation allegations observation argument claim claims promise promises pledge remark remarks "
    "prediction accusation accusations plea appeal pitch threat threats assertion secret joke jokes "
    "commitment commitments apology fun",
    "take": "shot shots swipe swipes aim stance stand credit issue offense exception ownership position "
    "jab jabs dig digs",
    "have": "idea doubt doubts view views opinion opinions feeling feelings concern concerns plan plans "
    "confidence faith hope hopes reservation reservations suspicion illusion illusions response",
    "raise": "concern concerns question questions doubt doubts possibility alarm objection objections "
    "issue prospect",
    "cast": "doubt aspersions himself herself itself themselves",
    "draw": "attention comparison comparisons distinction line parallel parallels criticism praise fire "
    "condemnation rebuke rebukes contrast contrasts link links",
    "express": "concern concerns doubt doubts support hope frustration confidence regret opposition "
    "interest disappointment skepticism",
    "voice": "concern concerns doubt doubts support opposition frustration skepticism",
    "give": "endorsement support assurance assurances warning",
    "lay": "case",
    "hold": "view views belief position",
    "deliver": "speech address remarks defense defence tirade rebuke message attack attacks critique "
    "broadside",
    "launch": "attack attacks broadside tirade assault",
    "offer": "support praise condolences congratulations criticism thoughts assessment view views",
    "throw": "support weight",
    "lend": "support voice",
    "pay": "tribute homage",
    "win": "support praise endorsement endorsements backing",
    "receive": "endorsement endorsements support backing praise criticism",
    "garner": "support praise endorsement endorsements backing criticism",
    "earn": "praise support endorsement endorsements backing",
    "level": "accusation accusations charge charges criticism",
    "lodge": "complaint complaints objection objections",
    "hurl": "insults accusations",
    "pose": "question questions",
    "mount": "defense defence challenge attack",
}
# Light verbs whose subject is what the view is about; "" when with every noun of the verb.
_RECEIVING: dict[str, str] = {
    "receive": "",
    "win": "",
    "earn": "",
    "garner": "",
    "draw": "criticism praise fire condemnation rebuke rebukes",
}
LIGHT_FRAMES: dict[str, LightFrame] = {
    verb: LightFrame(
        verb,
        frozenset(nouns.split()),
        receives=verb in _RECEIVING,
        receives_only_with=frozenset(_RECEIVING.get(verb, "").split()),
    )
    for verb, nouns in _LIGHT_NOUNS.items()
}

# --- phrasal verbs and the lemma of a cue ----------------------------------------------------------

# Phrasal verbs that report or evaluate, read as the single verb they mean: "laid out her plan" is
# "outlined her plan", "played down the risk" is "downplayed" it.
PHRASAL_CUES: dict[tuple[str, str], str] = {
    ("lay", "out"): "outline",
    ("set", "out"): "outline",
    ("spell", "out"): "explain",
    ("play", "down"): "downplay",
    ("play", "up"): "highlight",
    ("call", "out"): "criticize",
    ("single", "out"): "criticize",
    ("rule", "out"): "reject",
    ("fire", "back"): "retort",
    ("hit", "back"): "retort",
    ("push", "back"): "counter",
    ("back", "up"): "support",
    ("brush", "off"): "dismiss",
    ("shoot", "down"): "reject",
    ("write", "off"): "dismiss",
}
_PHRASAL_VERBS = frozenset(verb for verb, _ in PHRASAL_CUES)


def cue_lemma(tok: Token) -> str:
    """The lemma a cue is looked up by: the small model's known slips mended ("hoped" -> "hop"), a
    phrasal verb read as the verb it means ("laid out" -> "outline")."""
    lemma = tok.lemma_.lower()
    if (
        lemma == "hop"
        and tok.lower_.startswith("hop")
        and tok.lower_ not in ("hop", "hops", "hopped", "hopping")
    ):
        return "hope"
    if lemma in _PHRASAL_VERBS:
        for child in tok.children:
            if child.dep_ == "prt" and (lemma, child.lower_) in PHRASAL_CUES:
                return PHRASAL_CUES[(lemma, child.lower_)]
    return lemma


# --- the words of other rules ----------------------------------------------------------------------

# "said in a statement", "said in an interview": where it was said is part of the cue.
CUE_SETTINGS = frozenset(
    "statement interview email letter post tweet speech op-ed editorial memo video".split()
)
# "Forbes put his net worth at $45 billion": signs of an amount.
AMOUNT_SIGNS = frozenset("$ € £ %".split())
# Prepositions after a light verb's noun whose object is the content: "took a swipe at X".
LIGHT_PREPS = frozenset("of for as at against on about to toward towards over with in".split())
# Prepositions after a noun cue whose object is the content: "her criticism of Obama".
NOUN_PREPS = frozenset("of on about for against to with that".split())
# Prepositions after a view noun with no owner: "concerns about ...", "criticism for ...".
OWNERLESS_PREPS = frozenset("about of over for".split())
# Verbs of saying before the speaker at the head of a line: "Said Ellis: ...".
INVERTED_SAYING = frozenset("said says added adds wrote writes".split())
