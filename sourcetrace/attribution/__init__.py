"""Attribution: who says what, citing whom, in one article.

Requires the parse and the article's resolved mentions; adds ``Attribution`` records (``SplitAttribution``,
whose content may come in pieces), each with its cue, source span, content, full source chain (outermost
first) and stance.

Method, over the dependency parse, with hand-written rules and word lists (the cue-frame table in
``frames``, and ``lexicon``):
- cues: verbs by lemma, when they govern the complement their kind of cue takes: a clause, a quotation
  or a colon for verbs of saying and thinking ("X said (that) ...", "“...,” X added", "X wrote: ..."),
  an object, an infinitive or a prepositional object for verbs of intention and evaluation ("X wants
  to ...", "X endorsed Y", "X called for Y"); light verbs ("made the case that", "took a swipe at");
  "according to X"; passives with no agent ("X is expected to", "it is claimed that"); raising verbs
  ("X seemed unfazed"); "be" with an attitude ("voters are worried that", "X is a critic of Y", "her
  answer was that"); nouns of statement ("Trump's claim that ..."); headlines ("Kerry: ...",
  "Senator Praises Plan"); "In a CNN poll, ...";
- source: the cue's subject, shared along "..., saying", "declined to comment and said", "by saying";
  the agent of a passive; the object of "according to"; for the chain, descriptions ("the magazine",
  "the company"), pronouns and definite roles ("the official") are resolved against what the article
  named before, and unnamed sources stay labels;
- content: the complement above, or the clause a parenthetical cue hangs from ("..., the magazine said",
  "As X noted, ..."); a quotation belongs whole to the cue that frames it, also when it runs over
  several sentences, is split by the cue ("“A,” she said, “B.”") or goes on right after it;
- chain: recipients ("told CNN"), document owners ("information obtained by Der Spiegel"), "citing
  ...", "without naming its sources" and enclosing attributions add links.

Two readings. ``find_attributions`` (the pipeline's) reports statements only, nested ones included, each
with the outer sources in its chain: "The official said ..., according to the WSJ" gives the official's
report with the chain [WSJ, the official]. Attribution corpora such as PolNeAR also annotate what people
want, plan, support or criticise and what seems so, and give each word to at most one attribution, the
outermost; ``pipeline.attribute_text`` returns that reading by default, and it is what eval/attribution.py
measures.

The modules, bottom to top (a module imports only those before it; docs/attribution.md):
``frames`` (the cue-frame table, data), ``tree`` (parse helpers), ``speakers`` (who can be a source),
``quotes``, ``source``, ``verbs``, ``light``, ``nouns``, ``chain``, ``article``.
"""

from .article import find_attributions
from .chain import SplitAttribution, stance_of
from .source import MentionIndex

__all__ = ["MentionIndex", "SplitAttribution", "find_attributions", "stance_of"]
