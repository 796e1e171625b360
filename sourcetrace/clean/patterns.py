"""The page-furniture patterns of the cleaning rules, as data: regular expressions and word lists.

Each pattern is used by one rule of ``rules.RULES`` (named in its comment where it is not obvious);
the rules' code only loops and counts. A pattern written for a page we studied is accepted only under
the discipline of ``docs/contributing.md``: it must help on pages it was not written from.
"""

from __future__ import annotations

import re

TERMINAL = re.compile(r"""[.!?…][\"'”’»)\]]*$""")
QUOTE_CHARS = "\"'“”‘’«»„"
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|https?://\S+|www\.\S+|\b[\w-]+\.(?:com|org|net)/\S*|@\w{2,}"
)
# Only addresses that reach a person: e-mail, a social-network profile, a handle. Bare links can be
# content (a list of products, the documents a story cites) and stay.
PERSONAL_CONTACT = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://)?(?:www\.)?(?:twitter|x|facebook|instagram|linkedin|threads)"
    r"\.(?:com|net)/\S+|@\w{2,}"
)

CREDIT_AGENCIES = (
    r"AFP|AP|Reuters|Getty(?: Images)?|EPA(?:-EFE)?|Shutterstock|Alamy|Bloomberg|Xinhua|TASS|Sputnik|"
    r"Anadolu(?: Agency)?|ANSA|DPA|dpa|Kyodo|Yonhap|PA(?: Wire)?|Associated Press|NurPhoto|SOPA Images|"
    r"LightRocket|Wikimedia Commons|Wikipedia|Unsplash|Pexels|Flickr|iStock(?:photo)?|ZUMA(?: Press)?"
)
# "Photo: Yasuyoshi CHIBA / AFP", "(Image source: Wikimedia Commons)", "Credit: Reuters", "Picture by X"
CREDIT_TAIL = re.compile(
    # Only at the start, after a finished sentence, or opening a bracket: "a picture by the lake" is prose.
    r"""(?:^|(?<=[.!?…”’"'])|(?<=[.!?…”’"']\s)|(?<=\s)(?=[(\[]))[(\[]?\s*"""
    r"""(?:(?:Photo(?:graph)?|Picture|Image|Foto|Video|Illustration|Graphic|Pic|Credit|Image source|"""
    r"""Photo credit|Photo source|Image credit|Main image credit)s?(?:\s+(?:credit|source|courtesy))?"""
    r"""\s*(?::|by\b|courtesy\b)(?P<credit>[^()\[\]]{1,120}?)"""
    r"""|(?:Courtesy of|Photographer:)(?P<courtesy>\s[^()\[\]]{1,80}?))\s*[)\]]?\s*$""",
    re.IGNORECASE,
)
# Words that may stand in lower case inside a credit ("Jane Doe for The Times via Getty Images").
CREDIT_LOWER = frozenset(
    {"via", "for", "and", "of", "the", "by", "de", "van", "von", "da", "courtesy", "from"}
)
AGENCY_TAIL = re.compile(
    rf"(?:[/|©]\s*(?:{CREDIT_AGENCIES})(?:\s+via\s+[\w .]+)?|\((?:{CREDIT_AGENCIES})\))\s*$"
)
# A caption without a credit is recognised by its label only: "A photo released by the ministry shows
# ..." opens sentences of stories too.
CAPTION_START = re.compile(
    r"^(?:(?:File )?(?:Photo|Picture|Image|Caption|Illustration|Pictured)\b\s*:|FILE PHOTO\b)", re.IGNORECASE
)
READ_NEXT = re.compile(
    r"^(?:read next|read more|read also|also read|see also|related|related article|related story|"
    r"recommended|recommended reading|watch|watch now|listen|more|more on this|latest|don't miss|don’t miss)"
    r"\s*[:|–—>»-]\s*(?P<headline>.+)$",
    re.IGNORECASE,
)
# Upper-case link-list labels glued to what they introduce: "DON'T MISSPlague and ...", "READ MORE: ..."
LINK_LABEL = re.compile(
    r"^(?:DON['’]T MISS|READ MORE|READ NEXT|SEE ALSO|ALSO READ|RELATED|MORE:)\s*:?\s*(?=[A-Z\[])"
)
MORE_BLOCK = re.compile(
    r"^(?:more (?:stories|news|articles|from [\w .'-]{1,40}|on this (?:story|topic))|related (?:stories|"
    r"articles|news|coverage|content|reading|posts)|recommended(?: for you| stories| articles)?|"
    r"most (?:read|popular|viewed|shared)|you (?:may|might) also (?:like|be interested in)|"
    r"also on [\w .'-]{1,40}|"
    r"top stories|latest (?:news|stories|articles)|what to read next|trending(?: now| stories)?|"
    r"popular (?:stories|now|articles)|editor(?:'s|’s|s)? picks?|further reading|in other news|"
    r"more in [\w .'-]{1,40}|read more|related|don['’]t miss)\s*:?$",
    re.IGNORECASE,
)
SOCIAL = re.compile(
    # Whom to follow is "us", a pronoun, a handle or a capitalised name: "Like many on Twitter, ..." is prose.
    r"^(?i:follow|like|join|subscribe to|find)\s+(?:(?i:us|him|her|them|me)|@\w+|[A-Z0-9][\w.’'&-]*"
    r"(?:\s+(?:[A-Z0-9][\w.’'&-]*|of|on|the))*?)\s+(?i:on|at|via)\s+"
    r"(?i:twitter|x|facebook|instagram|linkedin|telegram|tiktok|threads|mastodon|bluesky|youtube|whatsapp|"
    r"google news|our (?:website|channel))\b[^.!?]{0,80}[.!]?$"
    r"|^(?i:follow|read|see|get)\s+(?:(?i:our|the)|[\w’'.-]+(?:'s|’s))\s+(?i:full|complete|latest|live)\s+"
    r"(?i:coverage)\b[^!?]{0,120}$"
    r"|^(?i:share (?:this|on)|download (?:our|the) app|get (?:our|the) (?:newsletter|app)"
    r"|listen to (?:this|the) (?:article|story)|email this|print this)\b[^?]{0,120}$"
    # "Sign up for the army has doubled" is news; a sign-up promo names what you sign up for.
    r"|^(?i:sign up(?: (?:for|to)|:)|subscribe (?:to|for|now))(?=.{0,80}\b(?i:our|newsletters?|podcasts?|"
    r"channel|updates|alerts|app|youtube|email|e-mail|rss|notifications|free|now|today|here)\b)[^?]{0,120}$"
)
IMPRINT = re.compile(
    r"^(?:editor[- ]in[- ]chief|chief editor|editor|publisher|managing editor|executive editor|"
    r"founder and editor|copyright|©|\(c\)|all rights reserved|registered as|media registration)\b",
    re.IGNORECASE,
)
# Short sentences that are page chrome wherever they occur; a paragraph made only of these goes.
CHROME_SENTENCE = re.compile(
    r"^(?:(?:we|this (?:site|website))(?: and our partners)? uses? cookies\b.*|cookies? (?:policy|settings|"
    r"preferences)|accept(?: all)?(?: cookies)?|reject all|manage (?:cookies|consent|preferences)|"
    r"privacy(?: policy| notice| statement| settings)?|terms(?: of (?:use|service))?(?: and conditions)?|"
    r"terms & conditions|all rights reserved|contact us|about us|advertise(?: with us)?|sitemap|"
    r"advertisement|sponsored(?: content)?|skip to (?:main )?content|back to top|log ?in|sign ?in|"
    r"sign up|subscribe|register|newsletter|share(?: this(?: article| story)?)?|tweet|email|print|comments?|"
    r"close|menu|search|explore further|"
    r"by continuing to (?:browse|use)\b(?=[^.]*\b(?:site|website|service|cookies?|agree)\b).*|"
    r"do not sell my (?:personal )?information|your privacy choices|"
    r"story continues below(?: advertisement)?|continue reading(?: below)?|"
    r"scroll to continue(?: with content)?|"
    r"thanks? (?:you )?for (?:signing up|subscribing|registering)|there was an error processing your \w+|"
    r"(?:keep an eye on|check) your inbox\b.*|you(?:'re|’re| are) (?:all )?(?:set|subscribed)|"
    r"loading(?:\.\.\.)?|(?:editor[- ]in[- ]chief|chief editor|publisher)\s*[—–:-].*|©.*|"
    r"copyright\s*(?:©|\(c\)|\d{4}).*)$",
    re.IGNORECASE,
)
READING_TIME = re.compile(
    r"^(?:\d+\s*(?:-\s*)?min(?:ute)?s?\.?\s+read|(?:estimated )?read(?:ing)? time\s*:?\s*\d+\s*min.{0,10}|"
    r"(?:tempo de leitura|tiempo de lectura|temps de lecture|lesezeit|leestijd|tempo di lettura)"
    r"\s*:?\s*\d.{0,15}|"
    r"\d+\s*min(?:ute)?s? (?:de )?(?:leitura|lectura|lecture|lesezeit))$",
    re.IGNORECASE,
)
TIMESTAMP = re.compile(
    r"^(?:updated|published|posted|last updated)(?: at| on)?\s*:?\s*\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?"
    r"(?:\s*[A-Z]{2,4})?\.?$",
    re.IGNORECASE,
)
CREDITS = re.compile(
    r"contributed (?:reporting )?to this (?:report|story|article)\.?$"
    r"|^(?:additional |with )?reporting (?:by|from)\b"
    r"|^(?:writing|editing|edited|compiled|produced) by\b",
    re.IGNORECASE,
)
# The only lower-case words a credits line has; anything else makes it a sentence of the story
# ("Reporting by the BBC suggests ...").
CREDIT_WORDS = frozenset(
    (
        "reporting", "by", "and", "in", "from", "with", "additional", "editing", "edited", "writing",
        "written", "compiled", "produced", "contributed", "to", "this", "report", "story", "article",
        "writers", "writer", "reporters", "reporter", "staff", "correspondent", "correspondents", "the",
        "of", "for", "via", "also",
    )
)
BYLINE = re.compile(
    # Two capitalised words at least, no final stop: "By Monday, the troops had withdrawn." is a sentence.
    r"^(?i:by|written by|words by)\s+(?P<name>[A-Z][\w.’'-]+(?:\s+(?:[A-Z][\w.’'-]+|and|de|van|von|al))"
    r"{1,5})(?:\s*[,|/–—-]\s*[^.!?]{0,60})?$",
)
PUBLISHED_LINE = re.compile(
    r"^(?:published|posted|updated|last updated|date|first published)\s*(?:on|at)?\s*:?\s*(?P<date>.{6,60})$",
    re.IGNORECASE,
)
DATELINE_OUTLET = re.compile(
    r"^[A-Z][A-Z .,'’-]{1,40}\s*\((?P<outlet>Reuters|AP|AFP|Bloomberg|CNN|Xinhua|TASS|UPI|dpa)\)\s*[-–—]"
)
COPYRIGHT_OUTLET = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<outlet>[A-Z][\w&.’' -]{1,50}?)"
    r"\s*(?:\.|,|$|all rights reserved)",
    re.IGNORECASE,
)
SOCIAL_AUTHOR = re.compile(
    r"^follow\s+(?P<name>[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})\s+on\s+(?:twitter|x|instagram|threads|bluesky|"
    r"mastodon)\b",
    re.IGNORECASE,
)
FUNCTION_WORDS = frozenset(
    [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
        "is", "are", "was", "were", "be", "been", "has", "have", "had", "said", "says", "that", "this",
        "these", "those", "it", "its", "he", "she", "they", "we", "you", "i", "not", "no", "as", "than",
        "then", "there", "their", "his", "her", "our", "who", "which", "what", "when", "where", "will",
        "would", "could", "should", "can", "may", "might", "do", "does", "did"
    ]
)
REPORTING_SUFFIXES = (
    "reports", "reported", "said", "says", "told", "added", "adds", "claimed", "claims", "noted", "notes",
    "wrote", "writes", "stated", "states", "announced", "confirmed", "denied", "reportedly", "according",
)
GLUED = re.compile(r"\b(?P<head>[A-Z][a-z]{2,}?)(?P<tail>" + "|".join(REPORTING_SUFFIXES) + r")\b")
GLUED_REAL_WORDS = frozenset({"untold", "foretold", "retold", "unsaid", "aforesaid", "gainsaid", "undenied"})
# A teaser: a related headline glued to its blurb by careless extraction ("Pats place Olszewski on
# IRNew England's roster ..."). Brand names are camel-cased too, so only runs of them count.
GLUED_TEASER = re.compile(r"\S*(?:[a-z0-9?!’')\]][A-Z][a-z]|[A-Z]{2}[A-Z][a-z]{2})\S*")
CAMEL_NAMES = re.compile(
    r"\b(?:Mc|Mac|De|Di|Le|La|Van|Von|O['’]|i|e|You|Play|Java|Linked|Whats|Face|Power)[A-Z]"
)
