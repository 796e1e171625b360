"""Word lists the stages share: reporting cues, hedges, denials, outlets.

Kept in one place so that attribution, stance and alignment agree on what a cue or a hedge is.
Every list is written by hand from how English news reports speech, belief and intention. PolNeAR's
train split (which has no licence) was only read to see which kinds of cue attribution corpora
annotate and to check coverage and precision of the hand-written lists; nothing here is extracted
from it automatically, and none of its text is copied.
"""

from __future__ import annotations

# Verbs whose subject is a source and whose complement is what the source says.
REPORTING_VERBS: frozenset[str] = frozenset(
    """
    say tell report add note claim deny warn accuse learn cite continue emphasize emphasise stress
    insist confirm reveal allege announce state explain argue write suggest acknowledge admit assert
    contend declare describe disclose estimate indicate maintain predict recall remark reply respond
    reiterate repeat signal testify tweet post comment concede complain charge agree believe think
    expect hope fear worry caution predict promise vow pledge urge demand ask question dispute
    reject dismiss refute rebut counter slam blast criticize criticise condemn praise brief inform
    notify mention observe point show find conclude determine disclose leak quote relay publish put
    """.split()
)

# --- attribution cues, by how their content is expressed -------------------------------------------

# Speech and thought verbs whose content is a clause, a quotation or what follows a colon:
# "X said (that) ...", "“...,” X added", "X believes ...", "polls show ...".
CLAUSE_CUES: frozenset[str] = frozenset(
    """
    accuse acknowledge add admit advise affirm agree allege announce answer anticipate argue ask assert
    assure believe bet boast brag brief calculate caution chant charge cite claim clarify comment
    complain concede conclude concur confess confirm contend continue convince counter decide declare
    demand demonstrate deny describe determine disagree disclose dispute divulge doubt email emphasise
    emphasize estimate exclaim expect explain fear feel figure find forecast grumble guarantee guess
    highlight hint hope imagine imply indicate inform insinuate insist instruct joke know lament learn
    maintain muse note notify observe opine order persuade plead pledge point post predict presume
    proclaim project promise propose protest prove publish question quip quote read reaffirm realise
    realize reason rebut recall reckon recognize recommend recount refute reiterate relay remark
    remember remind repeat reply report request respond retort retweet reveal say scream sense shout
    show signal specify speculate state stipulate stress suggest suspect swear tell testify text
    theorize think threaten tweet underscore understand urge vow warn whisper wonder worry write yell
    attest blog confide crow discover foresee envision fret fume gloat gripe hear hypothesize infer
    intimate marvel message moan notice posit profess rule scoff sigh snap surmise theorise trumpet
    verify wager whine put
    """.split()
)
# Verbs whose direct object (with its "as"/"for" phrase) is the attributed content: evaluations,
# endorsements, wishes ("X criticized Y's plan", "X endorsed Y", "X called Y a liar", "X wants Y").
OBJECT_CUES: frozenset[str] = frozenset(
    """
    accuse acknowledge admit advocate announce answer apologize applaud articulate ask assail attack
    back bash belittle bemoan berate blame blast brand call castigate challenge champion characterise
    characterize chide cite commend compare concede condemn confirm congratulate consider credit
    criticise criticize debate decry deem defend demand demonstrate denigrate denounce deny deride
    describe detail disavow discuss dismiss disparage dispute dub echo embrace emphasize endorse
    envision excoriate explain express fault favor favour find hail highlight identify indicate
    interpret invoke issue knock label lambaste lament lampoon laud like liken list malign mention mock
    name nominate note offer oppose outline pan pledge portray post praise predict prefer promise
    promote propose prove push question quote reaffirm rebuff rebuke recall recognize recommend
    reference regard regret reject release remember renounce repudiate request retweet reveal ridicule
    rule savage say scold see seek share show skewer slam smear stress suggest support tell thank tout
    trash trumpet tweet unveil urge view voice vow want warn welcome
    acclaim amplify boo boycott cheer contrast deplore dislike distrust document downplay extol
    extoll hate heckle honor honour ignore insult lambast love mull ponder preach recite
    reprise repeat retweete salute spotlight taunt tease trust underline
    reiterate fear declare expect order publish foresee contemplate paint judge report recount affirm refute
    """.split()
)
# Verbs whose content is a to-infinitive (or an object and an infinitive): intentions, requests.
XCOMP_CUES: frozenset[str] = frozenset(
    """
    advise agree aim appear ask beg call challenge claim convince dare decide decline
    direct encourage expect hope implore instruct intend like move offer order persuade plan pledge
    prefer press pretend promise push refuse remind resolve seek seem swear tell threaten urge vote vow
    want warn wish
    aspire campaign consent endeavor endeavour hesitate long lobby opt pressure seek strive
    volunteer yearn
    """.split()
)
# Cue verbs whose content is the object of a preposition: "called for", "referred to".
PREP_CUES: dict[str, frozenset[str]] = {
    lemma: frozenset(preps.split())
    for lemma, preps in {
        "call": "for on",
        "talk": "about of",
        "speak": "about of out",
        "refer": "to",
        "focus": "on",
        "complain": "about of",
        "warn": "about of against",
        "comment": "on about",
        "ask": "about for",
        "push": "for",
        "argue": "for against about",
        "rail": "against",
        "point": "to at out",
        "testify": "about",
        "write": "about of",
        "boast": "about of",
        "brag": "about",
        "joke": "about",
        "worry": "about",
        "apologize": "for",
        "criticize": "for",
        "praise": "for",
        "blame": "for",
        "vote": "for against",
        "campaign": "for against on",
        "think": "about of",
        "agree": "with on",
        "respond": "to",
        "reply": "to",
        "allude": "to",
        "hint": "at",
        "insist": "on",
        "lash": "at",
        "weigh": "on",
        "side": "with",
        "advocate": "for",
        "say": "of about",
        "tell": "of about",
        "tweet": "about",
        "post": "about",
        "express": "about",
        "reflect": "on",
        "muse": "about on",
        "caution": "against",
        "object": "to",
        "opine": "on about",
        "speculate": "about on",
        "wonder": "about",
        "concentrate": "on",
        "dwell": "on",
        "harp": "on",
        "look": "at",
        "lean": "toward towards",
        "bank": "on",
        "stand": "with by behind",
        "come": "out",
        "accuse": "of",
        "thank": "for",
        "credit": "with for",
        "fault": "for",
        "slam": "for",
        "attack": "for",
        "hit": "for",
        "knock": "for",
        "mock": "for",
        "react": "to",
        "care": "about",
        "distance": "from",
        "balk": "at",
        "chime": "in",
        "fire": "at",
        "open": "about",
        "sound": "off",
        "unite": "behind around",
        "appeal": "to for",
        "plead": "for with",
        "pray": "for",
        "hope": "for",
        "wish": "for",
        "beg": "for",
        "clamor": "for",
        "root": "for",
        "cheer": "for on",
        "vouch": "for",
        "elaborate": "on",
        "expand": "on",
        "expound": "on",
        "riff": "on",
        "rant": "about against",
        "rave": "about",
        "gush": "about over",
        "fret": "about over",
        "obsess": "about over",
        "quarrel": "with over",
        "spar": "with over",
        "feud": "with over",
        "disagree": "with on about over",
        "align": "with",
        "hedge": "on",
        "waffle": "on",
        "backtrack": "on from",
        "pounce": "on",
        "hammer": "on",
        "inveigh": "against",
        "preach": "about against",
        "lecture": "about on",
        "count": "on",
        "bet": "on",
        "press": "for",
        "lobby": "for against",
        "petition": "for",
        "shrug": "off",
        "fixate": "on",
        "put": "at",
    }.items()
}
# Light verbs and the nouns that make them cues: "made the case that", "took a swipe at", "raised
# concerns about", "has no doubt that", "cast doubt on".
LIGHT_VERBS: dict[str, frozenset[str]] = {
    verb: frozenset(nouns.split())
    for verb, nouns in {
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
    }.items()
}
# Raising verbs: the content is the subject and the complement, and there is no source of the
# article's own: "Trump appeared unfazed", "the plan seems to work".
RAISING_CUES: frozenset[str] = frozenset("seem appear sound look".split())
# A passive of these with no agent attributes to no one in particular: "X is expected to ...",
# "it is believed that ...".
PASSIVE_CUES: frozenset[str] = frozenset(
    """
    expect believe think say report claim allege rumor rumour consider suppose understand know
    estimate predict project fear hope see view regard deem describe call ask tell show quote cite
    criticize praise accuse blame announce
    """.split()
)

# Adjectives that, after "be", attribute a view or feeling: "voters are worried that ...", "she was
# critical of ...".
ATTITUDE_ADJECTIVES: frozenset[str] = frozenset(
    """
    concerned worried sure certain confident optimistic pessimistic hopeful unhappy happy critical
    skeptical sceptical upbeat tired convinced aware afraid fearful supportive opposed eager ready
    determined adamant firm clear angry upset furious frustrated disappointed pleased proud glad
    satisfied doubtful wary suspicious dismissive loyal appreciative grateful enthusiastic keen
    reluctant unwilling willing divided unanimous split uncertain unsure confused adamant insistent
    intent bent committed open resistant hostile sympathetic receptive nervous anxious alarmed
    outraged incensed livid embarrassed ashamed thrilled excited delighted impressed unimpressed
    unconvinced careful cautious quick slow vocal outspoken silent mum tired fond honest right wrong
    upfront shy measured uncomfortable interested content enamored partial troubled
    """.split()
)

# Nouns for someone's stance, after "be": "X is an outspoken supporter of Y", "a critic of".
ROLE_NOUNS: frozenset[str] = frozenset(
    """
    supporter supporters proponent proponents critic critics opponent opponents advocate advocates fan
    fans backer backers champion champions surrogate surrogates campaigner defender defenders foe foes
    skeptic skeptics ally allies admirer admirers detractor detractors
    """.split()
)

# Subjects that can hold or voice a view: people and organisations by their common nouns. Proper
# names and personal pronouns are recognised from the parse.
HUMAN_NOUNS: frozenset[str] = frozenset(
    """
    official spokesperson spokesman spokeswoman minister diplomat representative leader president
    chancellor secretary ambassador analyst expert source official executive director chief adviser
    advisor aide lawmaker legislator senator congressman congresswoman governor mayor candidate
    nominee frontrunner front-runner rival opponent challenger incumbent contender campaign staff
    staffer strategist consultant pollster operative surrogate adviser supporter backer voter
    donor activist protester protestor demonstrator critic advocate proponent defender observer
    commentator pundit columnist writer author reporter journalist correspondent editor anchor host
    moderator panelist economist scientist researcher scholar professor historian lawyer attorney
    prosecutor judge justice jury court committee panel commission council board administration
    government agency department ministry office party caucus coalition group organization
    organisation association union institute foundation company firm corporation network newspaper
    magazine outlet station team family friend parent mother father wife husband son daughter brother
    sister people person man woman men women resident citizen american worker employee member
    veteran student teacher doctor officer agent investigator police policeman detective soldier
    general commander admiral chairman chairwoman chair founder owner ceo manager businessman
    businesswoman billionaire millionaire celebrity star actor actress singer player coach fan
    audience crowd delegate elector majority minority plurality respondent participant attendee
    democrat republican conservative liberal progressive moderate independent libertarian
    evangelical christian muslim jew catholic immigrant refugee insider insiders everyone someone
    anyone nobody everybody somebody public electorate nation country state city town
    pentagon kremlin congress senate parliament legislature cabinet speaker
    whip aides allies ally partisan partisans backers loyalist loyalists detractor detractors
    petitioner plaintiff defendant witness victim survivor mp premier prime king queen prince
    pope bishop cardinal priest pastor rabbi imam cleric
    """.split()
)
# Things that show or state something on someone's behalf: "records show", "the poll found".
DOCUMENT_SOURCES: frozenset[str] = frozenset(
    """
    report poll polls survey study studies data record records result results statement letter memo
    email emails document documents filing filings analysis review audit investigation probe inquiry
    research findings figure figures number numbers estimate estimates count tally projection
    projections model forecast book article editorial op-ed column post tweet video ad ads
    advertisement commercial release transcript testimony complaint lawsuit suit indictment ruling
    decision opinion order law bill measure proposal plan platform policy guidance rule rules
    regulation agreement deal speech remarks comment comments message note website site page paper
    evidence account accounts story stories headline headlines sign signs graphic chart map photo
    footage recording tape interview exit petition ad campaign laws bill bills constitution amendment
    agreement treaty regulations charter guidelines
    """.split()
)
# Nouns naming a statement or a view; with an owner they cue an attribution: "Trump's claim that",
# "the senator's criticism of". Nouns that name a topic as often as a view (comments, plan, response)
# are left out.
NOUN_CUES: frozenset[str] = frozenset(
    """
    claim claims assertion allegation allegations accusation accusations argument suggestion
    criticism criticisms complaint complaints warning warnings promise promises pledge vow threat
    threats prediction predictions belief beliefs view views insistence contention denial admission
    acknowledgment acknowledgement announcement call calls demand demands request endorsement
    opposition attack attacks plea hope hopes fear fears concern concerns worry worries expectation
    expectations desire intention decision refusal rejection defense defence insinuation assessment
    estimate estimates conclusion account description characterization testimony confession
    speculation suspicion doubts
    support backing praise critique rebuke condemnation skepticism scepticism disdain contempt
    admiration enthusiasm preference
    """.split()
)
# Nouns that, as the subject of "be", introduce what someone said or holds: "Her answer was that ...",
# "The message was: ...".
PREDICATE_NOUNS: frozenset[str] = NOUN_CUES | frozenset(
    """
    answer response reply message idea point question slogan theme reason goal plan proposal position
    stance opinion argument line refrain mantra verdict consensus impression sense feeling thinking
    hope worry explanation finding findings observation joke quip retort pitch case
    """.split()
)

# Cues that usually introduce attitudes rather than statements; they attribute but hedge.
ATTITUDE_VERBS: frozenset[str] = frozenset(
    "believe think expect hope fear worry suspect doubt assume estimate suggest".split()
)

DENIAL_VERBS: frozenset[str] = frozenset(
    "deny reject dismiss refute rebut disavow dispute debunk slam contradict".split()
)

# Content words that make a statement a denial of something reported.
DENIAL_PHRASES: tuple[str, ...] = (
    "no commercial contact",
    "no business relationship",
    "no commercial dealings",
    "no factual basis",
    "not true",
    "untrue",
    "groundless",
    "baseless",
    "unfounded",
    "misinformation",
    "disinformation",
    "false information",
    "fake news",
    "libel",
    "smear",
    "smearing",
    "fabricat",
    "no evidence",
    "nonsense",
    "hoax",
)

NON_COMMITTAL_PHRASES: tuple[str, ...] = (
    "neither confirmed nor",
    "neither confirm nor",
    "declined to comment",
    "declined to confirm",
    "would not confirm",
    "did not confirm",
    "could not confirm",
    "could not be reached",
    "did not respond",
    "returned questions",
)

HEDGE_ADVERBS: frozenset[str] = frozenset(
    "reportedly allegedly purportedly supposedly apparently possibly likely perhaps probably "
    "seemingly ostensibly presumably potentially".split()
)
HEDGE_MODALS: frozenset[str] = frozenset("could might may would".split())
HEDGE_PHRASES: tuple[str, ...] = (
    "it is claimed",
    "it was claimed",
    "it is alleged",
    "it was alleged",
    "it is reported",
    "it was reported",
    "is said to",
    "are said to",
    "was said to",
    "is believed to",
    "are believed to",
    "is understood to",
    "according to reports",
    "unconfirmed",
    "rumour",
    "rumor",
)

# Markers that a sentence without a cue of its own still relays the source being relayed.
RELAY_MARKERS: tuple[str, ...] = (
    "reportedly",
    "allegedly",
    "purportedly",
    "it is claimed",
    "it was claimed",
    "it is alleged",
    "is said to",
    "are said to",
    "according to the report",
    "the report said",
)

# Nouns that stand for a publication when used as a definite description ("the magazine").
OUTLET_NOUNS: frozenset[str] = frozenset(
    "magazine newspaper paper outlet publication daily weekly broadcaster network channel agency "
    "tabloid site website journal newsroom station".split()
)
# Nouns that stand for a document; their source is whoever wrote or obtained them.
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    "report information text article story analysis data document documents statement release "
    "memo letter leak findings intel intelligence reports reporting investigation".split()
)
COMPANY_NOUNS: frozenset[str] = frozenset(
    "company firm manufacturer maker producer contractor supplier corporation group business".split()
)
PERSON_ROLE_NOUNS: frozenset[str] = frozenset(
    "official spokesperson spokesman spokeswoman minister diplomat representative leader president "
    "chancellor secretary ambassador analyst expert source sources officials experts analysts "
    "executive director chief adviser advisor aide lawmaker senator general commander envoy".split()
)
UNNAMED_HEADS: frozenset[str] = frozenset(
    "source sources official officials people person insider insiders expert experts analyst "
    "analysts diplomat diplomats someone individuals".split()
)

# Publishers we already know by name. NER often tags these as PERSON or GPE ("Der Spiegel").
KNOWN_OUTLETS: tuple[str, ...] = (
    "Der Spiegel",
    "Spiegel",
    "CNN",
    "The Wall Street Journal",
    "Wall Street Journal",
    "WSJ",
    "Bloomberg",
    "Reuters",
    "Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "BBC",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Guardian",
    "Financial Times",
    "The Economist",
    "VICE World News",
    "VICE News",
    "Politico",
    "Axios",
    "Al Jazeera",
    "Xinhua",
    "TASS",
    "RIA Novosti",
    "Le Monde",
    "Die Zeit",
    "Frankfurter Allgemeine Zeitung",
    "Süddeutsche Zeitung",
    "Bild",
    "NBC News",
    "CBS News",
    "ABC News",
    "Fox News",
    "Sky News",
    "Kyiv Independent",
    "Novaya Gazeta",
    "Meduza",
    "South China Morning Post",
    "Global Times",
    "USA Today",
    "Breitbart",
    "HuffPost",
    "Huffington Post",
    "NPR",
    "Newsweek",
)

OPINION_OPENERS: tuple[str, ...] = (
    "who knows",
    "it seems",
    "perhaps",
    "maybe",
    "in my view",
    "we believe",
    "i think",
    "arguably",
)

# --- dates ------------------------------------------------------------------------------------------

# Month names and their abbreviations ("sept" too), lower case, to the month's number; weekday names
# and abbreviations. One table for every stage that reads a written date (clean reads it today;
# numbers and entities still keep their own copies).
_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(_MONTH_NAMES, start=1)},
    "sept": 9,
}
WEEKDAYS: frozenset[str] = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun".split()
)
