"""The demo company's system design: the example company's framework, four classes.

The generator relies on what it says: the classes and their components and evaluators
(who reviews whom), the score bands (which final score gives which rating) and the
distribution guideline, whose limits plus tolerance are ``FIVE_CAP`` and ``HIGH_CAP``.
"""

from __future__ import annotations

FIVE_CAP = 15
"""The most ratings of 5 in any unit or class, in percent: max_percent 10 + tolerance 5."""

HIGH_CAP = 40
"""The most ratings of 4 or 5 in any unit or class, in percent: max_percent 35 + tolerance 5."""

HALF_CLASSES = ("manager", "professional", "operator")
"""The classes assessed twice a year, in the half-year cycles; executives are assessed yearly."""

COMPETENCIES = {
    "executive": ("customer-focus", "ownership", "collaboration", "leading-people"),
    "manager": ("ownership", "collaboration", "quality-and-safety", "leading-people"),
    "professional": ("customer-focus", "ownership", "collaboration", "technical-mastery"),
    "operator": ("ownership", "collaboration", "technical-mastery", "quality-and-safety"),
}

FRAMEWORK = """\
rounding: {places: 4, mode: half-up}
scale:
  levels:
    - value: 5
      label: Outstanding
      description: Far exceeds the goals and the expectations of the role; a reference for others.
      min_score: 1.2
    - value: 4
      label: Exceeds
      description: Exceeds most goals and expectations, visibly and consistently.
      min_score: 1.05
    - value: 3
      label: Meets
      description: Meets the goals and the expectations of the role; solid, reliable work.
      min_score: 0.9
    - value: 2
      label: Partly meets
      description: Meets some goals and expectations; clear gaps that need a plan.
      min_score: 0.7
    - value: 1
      label: Below
      description: Does not meet the goals or the expectations of the role.
      min_score: 0
curves:
  - id: linear                          # baseline scores 0, target 1; steady, countable progress
    kind: linear
    cap: 1.2
  - id: stepped                         # the default: threshold 0.5, target 1, stretch 1.5
    kind: piecewise
    points: {threshold: 0.5, target: 1.0, stretch: 1.5}
    below_threshold: 0
    cap: 1.5
  - id: milestone                       # done or not done
    kind: binary
  - id: okr                             # graded 0.0-1.0 by the owner at the end; the manager confirms
    kind: grade
    cap: 1.0
  - id: rated                           # a qualitative result rated on the scale
    kind: scale
default_curve: stepped
check_in_days: 31
competencies:
  - id: customer-focus
    name: Customer focus
    description: Understands what customers really need, and acts on it without being asked twice.
  - id: ownership
    name: Ownership
    description: Takes a problem to its end, keeps promises on dates, and raises a hand early when a date is at risk.
  - id: collaboration
    name: Collaboration
    description: Works across departments and sites, shares knowledge and makes others' work easier.
  - id: technical-mastery
    name: Technical mastery
    description: Knows the tools and standards of the job deeply, and keeps learning them.
  - id: quality-and-safety
    name: Quality and safety
    description: Works safely, follows standard work, and improves it when it can be done better.
  - id: leading-people
    name: Leading people
    description: Sets clear goals, coaches, gives honest feedback and grows the people in the team.
classes:
  - id: executive
    name: Executive
    description: The president and the heads of department. Assessed once a year on a balanced scorecard of their own goals.
    frequency: annual
    components:
      - {method: scorecard, weight: 60}
      - {method: competencies, weight: 20}
      - {method: "360", weight: 20}
    perspectives:
      - {perspective: financial, weight: 30}
      - {perspective: customer, weight: 30}
      - {perspective: internal-process, weight: 25}
      - {perspective: learning-growth, weight: 15}
    competencies: [customer-focus, ownership, collaboration, leading-people]
    evaluators:
      - {relationship: committee, weight: 60, min_count: 1}
      - {relationship: direct-report, weight: 25, min_count: 3}
      - {relationship: self, weight: 15, min_count: 1}
  - id: manager
    name: Manager
    description: Group managers and team leads. Assessed twice a year on their units' key indicators and on how they lead.
    frequency: semiannual
    components:
      - {method: kpi, weight: 60}
      - {method: competencies, weight: 20}
      - {method: "360", weight: 20}
    competencies: [ownership, collaboration, quality-and-safety, leading-people]
    evaluators:
      - {relationship: manager, weight: 50, min_count: 1}
      - {relationship: direct-report, weight: 30, min_count: 3}
      - {relationship: self, weight: 20, min_count: 1}
  - id: professional
    name: Professional
    description: Engineers, account managers and specialists. Assessed twice a year on their objectives and key results.
    frequency: semiannual
    components:
      - {method: okr, weight: 60}
      - {method: competencies, weight: 20}
      - {method: "360", weight: 20}
    competencies: [customer-focus, ownership, collaboration, technical-mastery]
    evaluators:
      - {relationship: manager, weight: 60, min_count: 1}
      - {relationship: peer, weight: 25, min_count: 2}
      - {relationship: self, weight: 15, min_count: 1}
  - id: operator
    name: Operator
    description: Technicians and service coordinators. Assessed twice a year on the key indicators of their station or desk.
    frequency: semiannual
    components:
      - {method: kpi, weight: 70}
      - {method: competencies, weight: 30}
    competencies: [ownership, collaboration, technical-mastery, quality-and-safety]
    evaluators:
      - {relationship: manager, weight: 80, min_count: 1}
      - {relationship: self, weight: 20, min_count: 1}
distribution:
  scope: [unit, class]
  min_group: 8
  tolerance: 5
  bands:
    - {ratings: [5], max_percent: 10}
    - {ratings: [4, 5], max_percent: 35}
    - {ratings: [1, 2], min_percent: 5}
appeals:
  window_days: 14
  handled_by: hr-support
  decision_days: 30
feedback:
  meeting_within_days: 21
  acknowledgement: required
  acknowledgement_within_days: 7
results_use:
  - {rating: 5, bonus_multiplier: 1.5, merit_band: A, promotion: eligible, improvement_plan: false}
  - {rating: 4, bonus_multiplier: 1.2, merit_band: B, promotion: consecutive, improvement_plan: false}
  - {rating: 3, bonus_multiplier: 1.0, merit_band: C, promotion: not-eligible, improvement_plan: false}
  - {rating: 2, bonus_multiplier: 0.5, merit_band: D, promotion: not-eligible, improvement_plan: true}
  - {rating: 1, bonus_multiplier: 0, merit_band: E, promotion: not-eligible, improvement_plan: true}
promotion_rule: {min_rating: 4, consecutive_cycles: 2}
publication:
  site: artifact
  goals: true
  progress: true
  individual_scores: false
  individual_ratings: false
  review_text: false
  peer_identities: false
  unit_aggregates: true
  min_group_size: 5
"""
