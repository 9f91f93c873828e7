"""The parts of a person's review the publication policy lets the site show.

By default nothing: a review appears only when the policy publishes individual scores,
ratings, review text or peer identities. Calibration reasons, appeal grounds and plan
items are never shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from perfcode.model import Assessment, Person, Review
from perfcode.site.data import SiteData
from perfcode.site.links import Target, unit_page

TEXTS = (("strengths", "Strengths"), ("improvements", "Improvements"), ("comments", "Comments"))


@dataclass(frozen=True)
class AssessmentView:
    relationship: str
    reviewer: str | None
    reviewer_target: Target | None
    texts: list[tuple[str, str]]


@dataclass(frozen=True)
class ReviewView:
    cycle: str
    final_score: Decimal | None
    rating: str | None
    assessments: list[AssessmentView]
    feedback: str | None


def review_view(data: SiteData, person: Person, cycle: str) -> ReviewView | None:
    policy = data.policy
    if not (
        policy.individual_scores or policy.individual_ratings or policy.review_text or policy.peer_identities
    ):
        return None
    review = data.review(cycle, person.id)
    scored = data.person_result(cycle, person.id)
    if review is None and scored is None:
        return None
    return ReviewView(
        cycle=cycle,
        final_score=scored.final_score if scored and policy.individual_scores else None,
        rating=_rating(data, scored.final_rating) if scored and policy.individual_ratings else None,
        assessments=_assessments(data, review) if review else [],
        feedback=_feedback(data, review),
    )


def _rating(data: SiteData, value: int | None) -> str | None:
    if value is None or data.scheme is None:
        return None
    level = data.scheme.level(value)
    return f"{value} ({level.label})" if level else str(value)


def _assessments(data: SiteData, review: Review) -> list[AssessmentView]:
    views = []
    for assessment in review.assessments:
        if assessment.submitted is None:
            continue
        texts = _texts(data, assessment) if data.policy.review_text else []
        if texts or data.policy.peer_identities:
            views.append(_assessment(data, assessment, texts))
    return views


def _assessment(data: SiteData, assessment: Assessment, texts: list[tuple[str, str]]) -> AssessmentView:
    if not data.policy.peer_identities:
        return AssessmentView(assessment.relationship, None, None, texts)
    reviewer = data.repo.people.get(assessment.reviewer)
    name = reviewer.name if reviewer else assessment.reviewer
    target = Target(unit_page(reviewer.unit), reviewer.id) if reviewer else None
    return AssessmentView(assessment.relationship, name, target, texts)


def _texts(data: SiteData, assessment: Assessment) -> list[tuple[str, str]]:
    raw = data.raw(assessment.where.path, assessment.where.pointer)
    texts = [(label, str(raw[key])) for key, label in TEXTS if raw.get(key)]
    for competency in raw.get("competencies", ()):
        if competency.get("comment"):
            texts.append((f"Competency {competency['id']}", str(competency["comment"])))
    return texts


def _feedback(data: SiteData, review: Review | None) -> str | None:
    if review is None or not data.policy.review_text or not review.feedback:
        return None
    comment = review.feedback.get("comment")
    return str(comment) if comment else None
