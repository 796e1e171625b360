"""The same-claim pair model: its features, its labels for training, and how it ranks invented pairs."""

from __future__ import annotations

import numpy as np

from eval.train_claim_pairs import pair_labels
from sourcetrace import align
from sourcetrace.model import ChainLink, Quantity, Report, Span


def _report(
    article: str, text: str, *, at: int = 0, stance: str = "asserts", quantities: tuple[Quantity, ...] = ()
) -> Report:
    span = Span(at, at + len(text), text)
    chain = (ChainLink("Harbour Police", "organisation", "e-police", "said"),)
    return Report(article, span, span, stance, chain, quantities=quantities)  # type: ignore[arg-type]


PASSENGERS = Quantity("400 passengers", 400, 400, "passenger")


def test_features_are_symmetric_and_say_what_the_pair_shares(models) -> None:  # type: ignore[no-untyped-def]
    reports = [
        _report("a", "The ferry carried 400 passengers when it ran aground", quantities=(PASSENGERS,)),
        _report("b", "About 400 passengers were on the ferry that ran aground", quantities=(PASSENGERS,)),
        _report("a", "The operator denies that the ferry ran aground", at=300, stance="denies"),
    ]
    features = align.pair_features(reports, models)
    name = {n: k for k, n in enumerate(align.FEATURE_NAMES)}
    assert features.shape == (len(align.FEATURE_NAMES), 3, 3)
    assert np.allclose(features, features.transpose(0, 2, 1))
    assert not features[:, [0, 1, 2], [0, 1, 2]].any()
    assert features[name["same_article"], 0, 2] == 1 and features[name["same_article"], 0, 1] == 0
    assert features[name["same_quantity"], 0, 1] == 1 and features[name["same_quantity"], 0, 2] == 0
    assert features[name["denial_mismatch"], 0, 2] == 1 and features[name["denial_mismatch"], 0, 1] == 0
    # Cosines and shared words are taken against the story's mean pair; the hand-set resemblance is not.
    off_diagonal = ~np.eye(3, dtype=bool)
    for relative in ("content_cosine", "sentence_cosine", "shared_terms"):
        assert abs(features[name[relative]][off_diagonal].mean()) < 1e-5
    content = models.embed([align.content_text(r) for r in reports])
    assert features[name["resemblance"], 0, 1] > 0.6 * float(content[0] @ content[1])  # words shared too
    # The aligner's streamed sum is the fitted model's probability of the same features.
    probability, resemblance = align.pair_scores(reports, models)
    model_probability = align.load_pair_model().probabilities(features)
    np.fill_diagonal(model_probability, 0.0)
    assert np.allclose(probability, model_probability, atol=1e-5)
    assert np.allclose(resemblance, features[name["resemblance"]])
    # Scores handed in (an evaluation re-clustering at several thresholds) group as scores computed.
    given = align.align_reports(reports, models, scores=(probability, resemblance))
    assert [g.reports for g in given] == [g.reports for g in align.align_reports(reports, models)]


_ARTICLES = {
    "a": "Miners rescued after flood at Brennock pit\n\nRescuers found twelve miners alive in the flooded "
    "Brennock pit on Tuesday, the fire service said. The owner of the pit, Carrow Mining, said the pit had "
    "passed its last safety inspection in May. Water entered the lower tunnels after heavy rain on Monday "
    "night.",
    "b": "Twelve miners saved at Brennock\n\nTwelve miners were rescued alive from the flooded Brennock pit "
    "on Tuesday, according to the fire service. Heavy rain on Monday night flooded the lower tunnels. The "
    "union said it had warned Carrow Mining about the pumps last year.",
    "c": "Brennock rescue ends\n\nAll twelve trapped miners were brought out alive on Tuesday, fire officers "
    "said. Carrow Mining said the Brennock pit passed a safety inspection in May. The union said it had "
    "raised concerns about the pumps with the company last year.",
}


def test_one_claim_per_proposition_across_outlets_whatever_the_wording(models) -> None:  # type: ignore[no-untyped-def]
    from sourcetrace import pipeline
    from sourcetrace.model import Article

    articles = [Article(id=k, source=f"outlet {k}", text=t) for k, t in _ARTICLES.items()]
    dossier = pipeline.analyse_articles(articles, models=models)

    def holders(article: str, words: str) -> set[str]:
        reports = ((c.id, r) for c in dossier.claims for r in c.reports)
        return {claim for claim, r in reports if r.article == article and words in r.sentence.text}

    rescue = holders("a", "Rescuers found") & holders("b", "were rescued alive") & holders("c", "brought out")
    inspection = holders("a", "safety inspection") & holders("c", "safety inspection")
    rain = holders("a", "heavy rain") & holders("b", "Heavy rain")
    pumps = holders("b", "pumps") & holders("c", "pumps")
    assert rescue and inspection and rain and pumps  # each proposition is one claim across its outlets
    assert not rescue & inspection and not rescue & rain and not inspection & pumps  # and stays apart


def test_training_labels_come_from_the_gold_places_and_leave_their_sentences_out() -> None:
    # Claim 0 is stated by reports 0 (its sentence also holds report 1, a clause) and 2; claim 1 by 3.
    labels = pair_labels(5, [[(0, [0, 1]), (2, [2])], [(3, [3])]])
    assert labels[0, 2] == labels[2, 0] == 1  # two places of one claim
    assert labels[0, 3] == labels[2, 3] == 0  # places of two claims
    assert labels[0, 4] == labels[3, 4] == 0  # a place and a report outside every place of its claim
    assert labels[0, 1] == -1  # a report of the place's own sentence: unknown
    assert labels[1, 4] == -1  # two reports that state no gold place: unknown
    assert (np.diagonal(labels) == -1).all()
