"""Word lists the stages share: the nouns, adjectives and pronouns of attribution, hedges, denials,
outlets. The cue verbs are the cue-frame table in ``sourcetrace/attribution/frames.py``.

Kept in one place so that attribution, stance and alignment agree on what a cue or a hedge is.
Every list is written by hand from how English news reports speech, belief and intention. PolNeAR's
train split (which has no licence) was only read to see which kinds of cue attribution corpora
annotate and to check coverage and precision of the hand-written lists; nothing here is extracted
from it automatically, and none of its text is copied.
"""

from __future__ import annotations

# --- attribution ---------------------------------------------------------------------------------
# The cue verbs, what their cue takes and how it reads, are the cue-frame table in
# sourcetrace/attribution/frames.py; the nouns and adjectives of attribution are here.

# Pronouns, as the rules of attribution tell speakers by them.
RELATIVE_PRONOUNS: frozenset[str] = frozenset("who whom which that whose".split())
FIRST_SECOND_PERSON: frozenset[str] = frozenset("i we you me us".split())
PERSON_PRONOUNS: frozenset[str] = frozenset("he she him her".split())
# Subjects that can hold a view without being names: personal, relative and indefinite pronouns.
ANIMATE_PRONOUNS: frozenset[str] = frozenset(
    "i we you he she they me us him her them who whom whoever those everyone everybody someone somebody "
    "anyone anybody nobody others many most some few all both several each one".split()
)
# Heads of a share of a group, whose "of" phrase says who holds the view: "55 percent of voters".
SHARE_HEADS: frozenset[str] = frozenset(
    "percent % majority minority plurality half third quarter number share most many some all none two "
    "three".split()
)
# Heads that speak when a name owns them: "Trump's campaign", "the Clinton camp".
OWNED_GROUPS: frozenset[str] = frozenset("camp team side spokesman allies office".split())
# Words in -ist and -ian that name no people ("strategist" and "historian" do).
NOT_AGENTIVE: frozenset[str] = frozenset(
    "list checklist playlist wishlist twist wrist fist mist exist gist median meridian".split()
)
# Nouns that name a view even when nobody is said to hold it: "faced sharp criticism for ...".
OWNERLESS_NOUNS: frozenset[str] = frozenset("criticism concern".split())
# Words before a headline's colon that name page furniture, not a speaker: "UPDATE: ...", "Watch: ...".
NOT_SOURCES: frozenset[str] = frozenset(
    "note update updates photo video watch editor correction clarification read listen related "
    "exclusive breaking live warning disclosure source sources credit caption latest email name stat "
    "week day morning evening tonight today quote question answer q a byline contributing follow paid "
    "notice so".split()
)
# Capitalised labels before a colon that are no speaker in a transcript.
NOT_SPEAKERS: frozenset[str] = frozenset(
    "clarification full text transcript advertisement editors ap upi afp".split()
)
# Small words a title-case headline leaves in lower case: "Lopez on the plan: ...".
HEADLINE_LINKS: frozenset[str] = frozenset("of the and for on to at in".split())

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
# --- who can be a source (attribution/speakers.py) ---
# Entity types of names that speak: people, groups, organisations, governments by their place names
# ("Beijing denied").
SPEAKER_ENTITY_TYPES: frozenset[str] = frozenset("PERSON NORP ORG GPE".split())
# Entity types of names that never speak: dates, times and amounts. Places and events are left to the
# word lists below: the entity recogniser types too many names of people and seats of government as
# places ("Downing Street", "Chatwal") for a place type to rule a speaker out.
MUTE_ENTITY_TYPES: frozenset[str] = frozenset("DATE TIME MONEY QUANTITY".split())
# Heads that stand for a number of whatever follows "of": "a series of emails" shows what the emails
# show, "the string of incidents" says nothing.
COLLECTION_HEADS: frozenset[str] = frozenset("series string set batch collection list spate wave".split())
# Titles before a name, and the gender they tell ("Mr. Clarke", "Ms. Sherry"); "Miss" and "Dr." are titles
# too, the second of either gender. Written without the full stop.
HONORIFIC_GENDER: dict[str, str] = {"mr": "m", "mrs": "f", "ms": "f"}
HONORIFICS: frozenset[str] = frozenset(HONORIFIC_GENDER) | {"miss", "dr"}
# Entity types of places: a place that only modifies the speaker's noun ("a Brooklyn woman") is no speaker.
PLACE_ENTITY_TYPES: frozenset[str] = frozenset("GPE LOC FAC".split())
# Places whose names stand for who governs or works there ("the White House said", "Downing Street
# denied"): a speaker, although its last word is a place.
SPEAKING_PLACES: frozenset[str] = frozenset(
    name.strip()
    for name in """
    white house|downing street|pentagon|kremlin|elysee|élysée|capitol hill|wall street|whitehall|
    westminster|hollywood|silicon valley|vatican|foggy bottom|number 10|blue house|quai d'orsay
    """.split("|")
)
# Things that record or show what happened and so can be a source, besides documents: "video showed",
# "the autopsy found", "the census shows".
RECORD_NOUNS: frozenset[str] = frozenset(
    """
    autopsy census video videos footage recording recordings tape tapes audio photo photos photograph
    photographs picture pictures image images screenshot camera cameras bodycam dashcam polling poll
    test tests scan exam examination film films movie movies documentary
    """.split()
)
# Words for when, which trail a source in the parse ("the congressman over the weekend") and never speak.
TIME_NOUNS: frozenset[str] = frozenset(
    """
    weekend week month year day night morning afternoon evening today tonight yesterday tomorrow hour
    minute decade century moment
    """.split()
)
# Prepositions of the time someone spoke, which is no part of who they are ("President Obama on
# Thursday"); "in" and "from" more often say which poll or study ("a poll in February").
SPEAKING_TIME_PREPS: frozenset[str] = frozenset("on over during".split())
# Words for where, which an address or a place ends with ("E. 31st St.", "the corner of ...").
PLACE_NOUNS: frozenset[str] = frozenset(
    """
    street st avenue ave road rd boulevard blvd lane drive highway corner block intersection
    neighborhood neighbourhood area scene building plant factory
    """.split()
)
# Events, objects and abstractions that sentences make the subject of "show", "explain" or "back" but
# that never speak: "the shooting shows", "many factors could explain", "backed by 48 votes". With an
# owner they may be someone's words ("his response"), and speakers.py lets them be.
MUTE_NOUNS: frozenset[str] = frozenset(
    """
    shooting killing killings murder death deaths incident incidents crash explosion violence riot riots
    war vote votes ballot ballots bullet bullets gun guns weapon weapons franchise franchises response
    reaction factor factors reason reasons fact facts trend trends success failure
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
# Predicates that tell no event: a short own-voice sentence with one of these needs a name, figure or date.
STATIVE_PREDICATES: frozenset[str | None] = frozenset({None, "be", "have", "seem", "appear"})
# A judgement rather than a report when it is the main verb's auxiliary ("should not be confused with").
NORMATIVE_MODALS: frozenset[str] = frozenset("should must ought".split())
# Someone speaking to someone: a sentence with these is a voice (a quotation whose marks were lost, a
# letter), not the writer telling what happened.
SPEAKER_PRONOUNS: frozenset[str] = frozenset("i me my mine we us our ours you your yours".split())
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

# --- check-worthiness ------------------------------------------------------------------------------

# A sentence that opens with a first-person wish or hope is no claim, in anyone's voice: "I hope the
# ferry runs again", "We would like to see the mayor stay", "I was hoping for better news"
# (checkworthy.py). Not "I hope to ..." (an intention: a claim "X says Y"), and not "want" at all: "we want
# a majority on the court" is a position, "I want to run" a plan, and on held-out text a row with "want"
# removed more claims than wishes (docs/claims.md).
WISH_LEAD_WORDS: tuple[str, ...] = ("and", "but", "so", "oh", "well", "now", "still")
WISH_ADVERBS: tuple[str, ...] = (
    "just",
    "really",
    "sincerely",
    "truly",
    "only",
    "still",
    "do",
    "also",
    "certainly",
    "would",
)
WISH_VERBS: tuple[str, ...] = ("hope", "wish")
WISH_PROGRESSIVE: tuple[str, ...] = ("hoping",)
WISH_TO_SEE: tuple[str, ...] = ("like to see", "love to see")
# Condolences and prayers in the first person are no claim in anyone's voice: "We again express our
# deepest condolences to the families", "Our hearts and prayers go out to the man" (checkworthy.py).
CONDOLENCE_VERBS: tuple[str, ...] = ("express", "extend", "offer", "send")
CONDOLENCE_NOUNS: tuple[str, ...] = ("condolences", "sympathies", "sympathy", "prayers")
CONDOLENCE_HOLDERS: tuple[str, ...] = ("thoughts", "prayers", "hearts")
# A sentence made only of these words, dates and times is a page's time stamp, no claim: "Published: 09
# Sep 2013 11:25 GMT+02:00", "21 July 2013 Last updated at 11:11 GMT", "Posted 11/27/2005 7:21 AM".
STAMP_WORDS: tuple[str, ...] = (
    "published", "updated", "last updated", "posted", "modified", "last modified", "first published",
    "created", "date", "time", "at", "on", "am", "pm", "a.m.", "p.m.",
)
TIME_ZONES: tuple[str, ...] = (
    "gmt", "utc", "bst", "cet", "cest", "eet", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt",
    "et", "pt", "ist", "aest", "aedt", "jst", "hkt",
)

# --- dates ------------------------------------------------------------------------------------------

# Month names in full, in calendar order; weekday names from Monday, as datetime.weekday() counts them.
MONTH_NAMES: tuple[str, ...] = tuple(
    "january february march april may june july august september october november december".split()
)
WEEKDAY_NAMES: tuple[str, ...] = tuple("monday tuesday wednesday thursday friday saturday sunday".split())
# Month names and their abbreviations ("sept" too), lower case, to the month's number; weekday names
# and abbreviations. One table for every stage that reads a written date (clean, dates, entities).
MONTHS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTH_NAMES, start=1)},
    **{name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)},
    "sept": 9,
}
WEEKDAYS: frozenset[str] = frozenset(
    (*WEEKDAY_NAMES, *"mon tue tues wed thu thur thurs fri sat sun".split())
)
