"""The embedding typer's head weighs every sub-type the same (_subtype_embed.class_balanced): a
rare sub-type is not drowned by a common one that shares its inputs. Vectors are written here."""

from __future__ import annotations

import numpy as np
import pytest

from sitrep.extract._subtype_embed import SCALE, class_balanced, train_head
from sitrep.extract.subtype import NO_RULE

SHARED = np.array([1.0, 0.0])  # an input both sub-types use
OWN = np.array([0.0, 1.0])  # an input only the common one uses


def test_each_label_gets_the_same_total_weight():
    labels = ["Armed clash"] * 6 + ["Other"] * 2
    weights = class_balanced(labels, np.array([3.0] * 4 + [1.0] * 4))
    assert weights[:6].sum() == pytest.approx(1.0)
    assert weights[6:].sum() == pytest.approx(1.0)
    # within a label, the given weights keep their ratio (a CASE snippet still counts 3 × a synthetic one)
    assert weights[0] / weights[5] == pytest.approx(3.0)


def test_a_rare_label_wins_where_it_outnumbers_the_common_one_by_share():
    # at SHARED: 6 "Armed clash" texts, 3 "Other" texts; 6 more "Armed clash" texts elsewhere. Raw
    # counts favour the clash at SHARED (6 : 3); balanced, half of the clashes' weight sits there
    # against all of Other's, so Other wins.
    vectors = np.stack([SHARED] * 6 + [OWN] * 6 + [SHARED] * 3)
    labels = ["Armed clash"] * 12 + ["Other"] * 3
    names, _, weights, bias = train_head(vectors, labels, [NO_RULE] * len(labels))
    scores = np.concatenate([SHARED * SCALE, [1.0]]) @ weights + bias  # the one rule input: NO_RULE
    assert names[int(np.argmax(scores))] == "Other"
