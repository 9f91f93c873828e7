"""Review rules (PC4xx): reviewers, ratings, calibration, feedback, appeals, plans."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from perfcode.findings import Finding
from perfcode.model import Assessment, Repository, Review, Where
from perfcode.rules import Context, rule
from perfcode.rules.common import add_days, finding, unknown
from perfcode.rules.cycles import judged_on
from perfcode.rules.organisation import body_ids
from perfcode.rules.shared import as_of


def _committee(repo: Repository) -> set[str]:
    committee = (repo.governance or {}).get("committee")
    return {committee["chair"], *committee.get("members", ())} if committee else set()


@rule(
    "PC401",
    "reviewer-relationship",
    "A reviewer's relationship does not match the organisation.",
    """
    Each assessment is tagged with the reviewer's relationship to the person, and the tag
    must be true of the organisation: 'self' is the person; 'manager' is their manager;
    'skip-level' is their manager's manager; 'peer' is neither the person nor in their
    management line; 'direct-report' is someone the person manages; 'committee' is a
    member of the performance committee. A reviewer assesses a person once per
    relationship.
    """,
)
def reviewer_relationship(ctx: Context) -> Iterator[Finding]:
    committee = _committee(ctx.repo)
    lines: dict[tuple[str, str], set[str]] = {}
    for review in ctx.repo.reviews:
        # Judged against the organisation of the cycle's evaluation, not today's.
        cycle = ctx.repo.cycles.get(review.cycle)
        repo = as_of(ctx.repo, judged_on(cycle)) if cycle is not None else ctx.repo
        people = repo.people
        if people.get(review.person) is None:
            continue
        seen: set[tuple[str, str]] = set()
        twice: set[tuple[str, str]] = set()
        for assessment in review.assessments:
            reviewer, relationship = assessment.reviewer, assessment.relationship
            if reviewer not in people and (
                f := unknown(repo, assessment.where / "reviewer", "person", reviewer, people, "person")
            ):
                yield f
                continue
            pair = (reviewer, relationship)
            if pair in seen and pair not in twice:
                twice.add(pair)
                yield finding(
                    assessment.where,
                    "PC401",
                    f"'{reviewer}' assesses '{review.person}' twice as {relationship}",
                    "keep one assessment per reviewer and relationship",
                )
            seen.add(pair)
            # A reviewer whose own file is broken cannot be placed in the organisation.
            if reviewer in people and not _holds(repo, committee, lines, review, reviewer, relationship):
                problem = _relationship_problem(repo, review.person, assessment)
                yield finding(
                    assessment.where / "reviewer",
                    "PC401",
                    problem,
                    "correct the reviewer or the relationship",
                )


def _holds(
    repo: Repository,
    committee: set[str],
    lines: dict[tuple[str, str], set[str]],
    review: Review,
    reviewer: str,
    relationship: str,
) -> bool:
    """Whether the relationship is true of the organisation (an unknown one is not judged);
    ``lines`` keeps each person's management line in a cycle, the peers share it."""
    person_id = review.person
    person = repo.people[person_id]
    if relationship == "earlier-manager":
        cycle = repo.cycles.get(review.cycle)
        return (
            cycle is not None
            and reviewer != person.manager
            and (reviewer in person.managers_between(cycle.start, cycle.end))
        )
    if relationship == "self":
        return reviewer == person_id
    if relationship == "manager":
        return reviewer == person.manager
    if relationship == "skip-level":
        manager = repo.people.get(person.manager) if person.manager else None
        # Unknowable when the manager's own file is broken.
        return (person.manager is not None and manager is None) or (
            manager is not None and reviewer == manager.manager
        )
    if relationship == "direct-report":
        return repo.people[reviewer].manager == person_id
    if relationship == "committee":
        return repo.governance is None or reviewer in committee
    if relationship == "peer":
        if (review.cycle, person_id) not in lines:
            lines[review.cycle, person_id] = _line(repo, person_id)
        return reviewer not in lines[review.cycle, person_id] and repo.people[reviewer].manager != person_id
    return True


def _relationship_problem(repo: Repository, person_id: str, assessment: Assessment) -> str:
    """What is wrong with a relationship that does not hold."""
    person, reviewer, rel = repo.people[person_id], assessment.reviewer, assessment.relationship
    manager = repo.people.get(person.manager) if person.manager else None
    messages = {
        "self": f"a self-assessment must be by '{person_id}'",
        "manager": f"the manager of '{person_id}' is '{person.manager}'"
        if person.manager
        else f"'{person_id}' has no manager",
        "skip-level": f"the skip-level manager of '{person_id}' is '{manager.manager}'"
        if manager is not None and manager.manager
        else f"'{person_id}' has no skip-level manager",
        "direct-report": f"'{reviewer}' does not report to '{person_id}'",
        "committee": f"'{reviewer}' is not on the performance committee",
        "peer": f"'{reviewer}' is '{person_id}' or in their management line, not a peer",
        "earlier-manager": f"'{reviewer}' was not an earlier manager of '{person_id}' during the cycle",
    }
    return f"{rel} reviewer '{reviewer}': {messages[rel]}"


def _line(repo: Repository, person_id: str) -> set[str]:
    """A person and everyone above them."""
    line: set[str] = set()
    current: str | None = person_id
    while current is not None and current not in line and current in repo.people:
        line.add(current)
        current = repo.people[current].manager
    return line


@rule(
    "PC402",
    "rating-scale",
    "A rating is not a level of the framework's rating scale.",
    """
    Overall ratings, competency ratings, calibrated, final and appeal ratings are all values
    of the rating scale in org/framework.yaml. Competencies rated must be competencies of
    the person's class.
    """,
)
def rating_scale(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    levels = {level["value"] for level in framework["scale"]["levels"]}
    classes = {c["id"]: set(c.get("competencies", ())) for c in framework.get("classes", ())}
    for review in ctx.repo.reviews:
        if not _on_scale(review, levels):
            yield from _off_scale(review, levels)
        person = ctx.repo.people.get(review.person)
        allowed = classes.get(person.cls) if person else None
        if allowed is None:
            continue
        for assessment in review.assessments:
            for ident, _, where in assessment.competencies:
                if ident not in allowed:
                    yield finding(
                        where / "id",
                        "PC402",
                        f"competency '{ident}' is not rated for class '{person.cls if person else ''}'",
                        f"rate one of: {', '.join(sorted(allowed))}",
                    )


def _off_scale(review: Review, levels: set[int]) -> Iterator[Finding]:
    for where, value in _ratings(review):
        if value not in levels:
            yield finding(
                where,
                "PC402",
                f"rating {value} is not on the scale ({', '.join(map(str, sorted(levels)))})",
                "use a level of the framework's scale",
            )


def _on_scale(review: Review, levels: set[int]) -> bool:
    """Whether every rating of the review is a level (what :func:`_ratings` walks, without places)."""
    ratings = {review.final_rating} if review.final_rating is not None else set()
    for assessment in review.assessments:
        if assessment.rating is not None:
            ratings.add(assessment.rating)
        ratings.update(rating for _, rating, _ in assessment.competencies)
    for section in (review.calibration, review.appeal):
        if section and "rating" in section:
            ratings.add(section["rating"])
    return ratings <= levels


def _ratings(review: Review) -> Iterator[tuple[Where, int]]:
    for assessment in review.assessments:
        if assessment.rating is not None:
            yield assessment.where / "rating", assessment.rating
        for _, rating, where in assessment.competencies:
            yield where / "rating", rating
    for section, key in ((review.calibration, "calibration"), (review.appeal, "appeal")):
        if section and "rating" in section:
            yield review.where / (key, "rating"), section["rating"]
    if review.final_rating is not None:
        yield review.where / "final_rating", review.final_rating


@rule(
    "PC403",
    "appeal-window",
    "An appeal is filed outside the appeal window or decided late.",
    """
    Appeals are filed from the start of the cycle's results phase until window_days after
    it, and decided within decision_days of filing (org/framework.yaml, appeals). (The
    schema already requires a decision date with a decision, and a rating with an amended
    decision; PC405 checks that rating against the final rating.)
    """,
)
def appeal_window(ctx: Context) -> Iterator[Finding]:
    repo, rules = ctx.repo, (ctx.repo.framework or {}).get("appeals")
    for review in repo.reviews:
        appeal, cycle = review.appeal, repo.cycles.get(review.cycle)
        if not appeal or not rules or cycle is None:
            continue
        where = review.where / "appeal"
        opens = cycle.phases["results"][0]
        closes = add_days(opens, rules["window_days"])
        if not opens <= appeal["filed"] <= closes:
            yield finding(
                where / "filed",
                "PC403",
                f"appeal filed {appeal['filed']}, outside the window {opens}..{closes}",
                f"appeals are filed within {rules['window_days']} days of the results phase start",
            )
        deadline = add_days(appeal["filed"], rules["decision_days"])
        if appeal.get("decided") and not appeal["filed"] <= appeal["decided"] <= deadline:
            yield finding(
                where / "decided",
                "PC403",
                f"appeal decided {appeal['decided']}, outside {appeal['filed']}..{deadline}",
                f"decisions fall within {rules['decision_days']} days of filing",
            )


@rule(
    "PC404",
    "feedback-window",
    "The feedback meeting or acknowledgement falls outside its window.",
    """
    The feedback meeting is held from the start of the results phase until
    meeting_within_days after it (org/framework.yaml, feedback); the employee acknowledges
    on or after the meeting, within acknowledgement_within_days.
    """,
)
def feedback_window(ctx: Context) -> Iterator[Finding]:
    repo, rules = ctx.repo, (ctx.repo.framework or {}).get("feedback")
    for review in repo.reviews:
        feedback, cycle = review.feedback, repo.cycles.get(review.cycle)
        if not feedback or not rules or cycle is None:
            continue
        yield from _feedback_dates(review.where / "feedback", feedback, rules, cycle.phases["results"][0])


def _feedback_dates(
    where: Where, feedback: Mapping[str, Any], rules: Mapping[str, Any], opens: str
) -> Iterator[Finding]:
    meeting = feedback.get("meeting")
    if meeting:
        closes = add_days(opens, rules["meeting_within_days"])
        if not opens <= meeting <= closes:
            yield finding(
                where / "meeting",
                "PC404",
                f"feedback meeting on {meeting}, outside the window {opens}..{closes}",
                f"hold it within {rules['meeting_within_days']} days of the results phase start",
            )
    acknowledged = feedback.get("acknowledged")
    if acknowledged and meeting:
        latest = add_days(meeting, rules.get("acknowledgement_within_days", 3650))
        if not meeting <= acknowledged <= latest:
            yield finding(
                where / "acknowledged",
                "PC404",
                f"acknowledged on {acknowledged}, outside {meeting}..{latest}",
                "the employee acknowledges after the meeting, within the framework's days",
            )
    elif acknowledged and not meeting:
        yield finding(
            where / "acknowledged",
            "PC404",
            "acknowledged, but no feedback meeting is recorded",
            "add feedback.meeting",
        )


@rule(
    "PC405",
    "final-rating",
    "The final rating contradicts the calibration or the appeal decision.",
    """
    A calibration adjustment is approved by the performance committee (or another
    governance body) and sets the rating; an amended appeal decision sets it again. The
    final rating is the last of these that exists.
    """,
)
def final_rating(ctx: Context) -> Iterator[Finding]:
    repo = ctx.repo
    bodies = body_ids(repo)
    for review in repo.reviews:
        calibration, appeal = review.calibration, review.appeal
        approver = (calibration or {}).get("approved_by")
        if approver is not None and repo.governance and approver not in bodies:
            yield finding(
                review.where / ("calibration", "approved_by"),
                "PC405",
                f"calibration approved by '{approver}', which is not a governance body",
                f"use one of: {', '.join(sorted(bodies))}",
            )
        expected, source = None, ""
        if calibration:
            expected, source = calibration["rating"], "the calibrated rating"
        if appeal and appeal.get("decision") == "amended" and "rating" in appeal:
            expected, source = appeal["rating"], "the amended appeal rating"
        if expected is not None and review.final_rating is not None and review.final_rating != expected:
            yield finding(
                review.where / "final_rating",
                "PC405",
                f"final rating {review.final_rating} differs from {source} {expected}",
                f"set final_rating: {expected}",
            )


@rule(
    "PC406",
    "improvement-plan",
    "A rating that requires an improvement plan has none.",
    """
    The framework's results_use rows say which ratings require an improvement plan; a
    review with such a final rating carries plan: {kind: improvement, ...}.
    """,
)
def improvement_plan(ctx: Context) -> Iterator[Finding]:
    framework = ctx.repo.framework
    if not framework:
        return
    required = {row["rating"] for row in framework.get("results_use", ()) if row.get("improvement_plan")}
    for review in ctx.repo.reviews:
        if review.final_rating in required and (review.plan or {}).get("kind") != "improvement":
            yield finding(
                review.where / "final_rating",
                "PC406",
                f"final rating {review.final_rating} requires an improvement plan, and the review has none",
                "add plan: {kind: improvement, start, end, items}",
            )


@rule(
    "PC409",
    "earlier-manager-input",
    "Someone whose manager changed during the cycle has no assessment from the earlier manager.",
    """
    When the framework asks for it (participation: {earlier_manager: input}), a person whose
    manager changed during the cycle is also assessed by the manager they had before
    (relationship 'earlier-manager'), so the new manager does not judge a half they did not
    see. Reported once the cycle's evaluation has ended.
    """,
    severity="warning",
)
def earlier_manager_input(ctx: Context) -> Iterator[Finding]:
    participation = (ctx.repo.framework or {}).get("participation") or {}
    if participation.get("earlier_manager") != "input":
        return
    for review in ctx.repo.reviews:
        cycle, person = ctx.repo.cycles.get(review.cycle), ctx.repo.people.get(review.person)
        if cycle is None or person is None or ctx.today <= cycle.phases["evaluation"][1]:
            continue
        judged = person.on(judged_on(cycle)).manager
        earlier = [m for m in person.managers_between(cycle.start, cycle.end) if m != judged]
        given = {a.reviewer for a in review.assessments if a.relationship == "earlier-manager"}
        for manager in earlier:
            if manager not in given:
                yield finding(
                    review.where / "assessments",
                    "PC409",
                    f"'{review.person}' had '{manager}' as manager during {review.cycle}, who has not assessed them",
                    f"add an assessment by '{manager}' with relationship earlier-manager",
                    "warning",
                )
